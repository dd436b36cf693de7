package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PythonInterpreterTest {
    private final PythonInterpreter python = PythonRuntime.get().mainInterpreter();

    @Test
    void callsModuleFunctionsWithArgsAndKwargs() {
        PyModuleHandle module = python.load("calls", """
                def process_writes(influxdb3_local, table_batches, args=None):
                    return [influxdb3_local, len(table_batches), args]
                def describe(a, b=2, *rest, c, **extra):
                    return {"a": a, "b": b, "rest": list(rest), "c": c, "extra": extra}
                NOT_A_FUNCTION = 3
                """, Path.of("/plugins/calls.py"));
        assertThat(module.moduleName()).isEqualTo("calls");
        assertThat(module.file()).contains(Path.of("/plugins/calls.py"));
        assertThat(python.call(module, "process_writes", "api", List.of(1, 2), null))
                .isEqualTo(java.util.Arrays.asList("api", 2L, null));
        assertThat(python.callWithKeywords(module, "describe", List.of(1, 5, 6), Map.of("c", "C", "z", true)))
                .isEqualTo(Map.of("a", 1L, "b", 5L, "rest", List.of(6L), "c", "C", "extra", Map.of("z", true)));
        assertThat(python.hasFunction(module, "describe")).isTrue();
        assertThat(python.hasFunction(module, "NOT_A_FUNCTION")).isFalse();
        assertThat(python.hasFunction(module, "missing")).isFalse();
        assertThat(python.getAttribute(module, "NOT_A_FUNCTION")).isEqualTo(3L);
        assertThat(python.getAttribute(module, "__file__")).isEqualTo("/plugins/calls.py");
    }

    @Test
    void wrongArgumentCountIsAPythonTypeError() {
        PyModuleHandle module = python.load("arity", "def process_writes(a, b):\n    return 1\n", null);
        assertThatThrownBy(() -> python.call(module, "process_writes", 1, 2, 3))
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).summary())
                        .isEqualTo("TypeError: process_writes() takes 2 positional arguments but 3 were given"));
    }

    @Test
    void modulesAreFreshAndStayOutOfSysModulesUnlessAsked() {
        String source = "counter = [0]\ndef bump():\n    counter[0] += 1\n    return counter[0]\n";
        PyModuleHandle first = python.load("fresh", source, null);
        PyModuleHandle second = python.load("fresh", source, null);
        assertThat(python.call(first, "bump")).isEqualTo(1L);
        assertThat(python.call(first, "bump")).isEqualTo(2L);
        assertThat(python.call(second, "bump")).isEqualTo(1L);
        PyModuleHandle sys = python.importModule("sys");
        PyModuleHandle checker = python.load("checker", "import sys\ndef has(name):\n    return name in sys.modules\n", null);
        assertThat(python.call(checker, "has", "fresh")).isEqualTo(false);

        python.load("shared_helpers", "def twice(x):\n    return 2 * x\n", null, true);
        PyModuleHandle user = python.load("user", "import shared_helpers\ndef go():\n    return shared_helpers.twice(21)\n", null);
        assertThat(python.call(user, "go")).isEqualTo(42L);
        assertThat(sys.isClosed()).isFalse();
    }

    @Test
    void syntaxErrorsNameTheFileAndLine() {
        String source = "def ok():\n    return 1\n\ndef broken(:\n    pass\n";
        assertThatThrownBy(() -> python.load("broken", source, Path.of("/plugins/broken.py")))
                .isInstanceOf(PythonException.class)
                .hasMessageStartingWith("SyntaxError: ")
                .hasMessageContaining("broken.py, line 4")
                .satisfies(e -> {
                    PythonException error = (PythonException) e;
                    assertThat(error.kind()).isEqualTo(PythonException.Kind.SYNTAX);
                    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(error.httpStatus()).isEqualTo(400);
                    assertThat(error.pythonType()).contains("SyntaxError");
                    assertThat(error.file()).contains("/plugins/broken.py");
                    assertThat(error.line()).isEqualTo(4);
                    assertThat(error.traceback()).contains("def broken(:");
                });
        assertThatThrownBy(() -> python.load("indent", "x = 1\n  y = 2\n", null))
                .isInstanceOf(PythonException.class)
                .hasMessage("IndentationError: unexpected indent (<indent>, line 2)");
    }

    @Test
    void importErrorsAreTheirOwnKind() {
        assertThatThrownBy(() -> python.load("needs", "import definitely_not_installed_here\n", Path.of("needs.py")))
                .isInstanceOf(PythonException.class)
                .hasMessageStartingWith("ModuleNotFoundError: No module named 'definitely_not_installed_here'")
                .hasMessageContaining("needs.py, line 1")
                .satisfies(e -> assertThat(((PythonException) e).kind()).isEqualTo(PythonException.Kind.IMPORT));
        assertThatThrownBy(() -> python.importModule("nor_this_one"))
                .isInstanceOf(PythonException.class)
                .satisfies(e -> assertThat(((PythonException) e).kind()).isEqualTo(PythonException.Kind.IMPORT));
    }

    @Test
    void runtimeErrorsCarryTheTraceback() {
        PyModuleHandle module = python.load("failing", """
                def inner(x):
                    return 10 / x

                def outer():
                    return inner(0)
                """, Path.of("/plugins/failing.py"));
        assertThatThrownBy(() -> python.call(module, "outer"))
                .isInstanceOf(PythonException.class)
                .hasMessage("ZeroDivisionError: division by zero (at /plugins/failing.py, line 2)")
                .satisfies(e -> {
                    PythonException error = (PythonException) e;
                    assertThat(error.kind()).isEqualTo(PythonException.Kind.RUNTIME);
                    assertThat(error.code().category()).isEqualTo(ErrorCode.Category.USER);
                    assertThat(error.summary()).isEqualTo("ZeroDivisionError: division by zero");
                    assertThat(error.line()).isEqualTo(2);
                    assertThat(error.traceback())
                            .startsWith("Traceback (most recent call last):")
                            .contains("File \"/plugins/failing.py\", line 5, in outer")
                            .contains("File \"/plugins/failing.py\", line 2, in inner")
                            .contains("return 10 / x")
                            .endsWith("ZeroDivisionError: division by zero\n");
                    assertThat(error.exception()).hasValueSatisfying(
                            exc -> assertThat(exc.typeName()).isEqualTo("ZeroDivisionError"));
                });
    }

    @Test
    void topLevelFailuresAreReportedAndDoNotRegisterTheModule() {
        assertThatThrownBy(() -> python.load("top", "x = 1\nraise ValueError('bad config')\n", Path.of("top.py"), true))
                .isInstanceOf(PythonException.class)
                .hasMessage("ValueError: bad config (at top.py, line 2)");
        PyModuleHandle checker = python.load("checker2", "import sys\ndef has(name):\n    return name in sys.modules\n", null);
        assertThat(python.call(checker, "has", "top")).isEqualTo(false);
    }

    @Test
    void nulInSourceIsRefused() {
        assertThatThrownBy(() -> python.load("nul", "x = 1\0", null))
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("NUL character at offset 5");
    }

    @Test
    void invokesCallableHandles() {
        PyModuleHandle module = python.load("callables", """
                class Adder:
                    def __init__(self, n):
                        self.n = n
                    def __call__(self, x, times=1):
                        return (self.n + x) * times
                    def name(self):
                        return "adder"
                def make(n):
                    return Adder(n)
                """, null);
        PyObjectHandle adder = (PyObjectHandle) python.call(module, "make", 10);
        assertThat(python.invoke(adder, List.of(5), Map.of("times", 2))).isEqualTo(30L);
        assertThat(python.call(adder, "name")).isEqualTo("adder");
        assertThat(adder.interpreter()).isSameAs(python);
    }

    @Test
    void virtualThreadsAreRefusedWithAClearMessage() throws Exception {
        PyModuleHandle module = python.load("vt", "def f():\n    return 1\n", null);
        Throwable[] failure = new Throwable[1];
        Thread.ofVirtual().start(() -> {
            try {
                python.call(module, "f");
            } catch (Throwable t) {
                failure[0] = t;
            }
        }).join();
        assertThat(failure[0]).isInstanceOf(IllegalStateException.class).hasMessageContaining("virtual thread");
    }
}
