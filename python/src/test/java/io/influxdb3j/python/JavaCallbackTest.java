package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JavaCallbackTest {
    private final PythonInterpreter python = PythonRuntime.get().mainInterpreter();

    @Test
    void pythonCallsARegisteredJavaModule() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        python.registerModule("influxdb3j_host_test", Map.of(
                "query", (args, kwargs) -> {
                    seen.add(args);
                    seen.add(kwargs);
                    return List.of(Map.of("host", "a", "usage", 0.5));
                },
                "nothing", (args, kwargs) -> null));
        PyModuleHandle plugin = python.load("uses_host", """
                import influxdb3j_host_test as host
                def run():
                    rows = host.query("SELECT * FROM cpu WHERE host = $host", args={"host": "a"})
                    return [rows[0]["usage"] * 2, host.nothing(), host.query.__name__, host.query.__module__]
                """, null);
        assertThat(python.call(plugin, "run")).isEqualTo(java.util.Arrays.asList(1.0, null, "query", "influxdb3j_host_test"));
        assertThat(seen).containsExactly(List.of("SELECT * FROM cpu WHERE host = $host"), Map.of("args", Map.of("host", "a")));
    }

    @Test
    void theGilIsReleasedWhileJavaRuns() throws Exception {
        PyModuleHandle work = python.load("gil_work", "def add(a, b):\n    return a + b\n", null);
        List<String> events = new CopyOnWriteArrayList<>();
        PyObjectHandle blocking = python.createFunction("blocking", (args, kwargs) -> {
            events.add("callback started");
            // Another Java thread runs Python and must finish before this callback returns:
            // possible only if the GIL was released around the callback.
            CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> {
                Object sum = python.call(work, "add", 20, 22);
                events.add("other thread ran Python");
                return sum;
            }, runnable -> Thread.ofPlatform().start(runnable));
            Object sum = other.get(10, TimeUnit.SECONDS);
            events.add("callback returns");
            return sum;
        });
        PyModuleHandle caller = python.load("gil_caller", "def run(f):\n    return f() + 1\n", null);
        assertThat(python.call(caller, "run", blocking)).isEqualTo(43L);
        assertThat(events).containsExactly("callback started", "other thread ran Python", "callback returns");
    }

    @Test
    void javaCanCallBackIntoPythonOnTheSameThread() {
        PyModuleHandle module = python.load("reentry", """
                class LineBuilder:
                    def build(self):
                        return "cpu usage=1"
                def plugin(write):
                    return write(LineBuilder())
                """, null);
        PyObjectHandle write = python.createFunction("write", (args, kwargs) -> {
            PyObjectHandle builder = (PyObjectHandle) args.get(0);
            return "wrote " + python.call(builder, "build");
        });
        assertThat(python.call(module, "plugin", write)).isEqualTo("wrote cpu usage=1");
    }

    @Test
    void javaExceptionsBecomePythonExceptions() {
        PyObjectHandle failing = python.createFunction("failing", (args, kwargs) -> {
            throw new IllegalStateException("database not found");
        });
        PyObjectHandle valueError = python.createFunction("value_error", (args, kwargs) -> {
            throw new PythonRaise("ValueError", "ttl must not be negative");
        });
        PyModuleHandle module = python.load("raising", """
                class QueryError(Exception):
                    pass
                def catch(f):
                    try:
                        f()
                    except Exception as e:
                        return [type(e).__name__, str(e)]
                def let_through(f):
                    f()
                """, null);
        assertThat(python.call(module, "catch", failing)).isEqualTo(List.of("RuntimeError", "database not found"));
        assertThat(python.call(module, "catch", valueError)).isEqualTo(List.of("ValueError", "ttl must not be negative"));

        PyObjectHandle queryErrorClass = (PyObjectHandle) python.getAttribute(module, "QueryError");
        PyObjectHandle queryError = python.createFunction("query", (args, kwargs) -> {
            throw new PythonRaise(queryErrorClass, "error: table 'x' not found executing query on db");
        });
        assertThat(python.call(module, "catch", queryError))
                .isEqualTo(List.of("QueryError", "error: table 'x' not found executing query on db"));

        assertThatThrownBy(() -> python.call(module, "let_through", failing))
                .isInstanceOf(PythonException.class)
                .hasMessageStartingWith("RuntimeError: database not found");
    }

    @Test
    void pythonExceptionsKeepTheirTypeThroughJava() {
        PyModuleHandle module = python.load("through", """
                class InvalidLineError(Exception):
                    pass
                class Bad:
                    def build(self):
                        raise InvalidLineError("no fields")
                def plugin(write):
                    try:
                        write(Bad())
                    except InvalidLineError as e:
                        return "caught " + str(e)
                """, null);
        PyObjectHandle write = python.createFunction("write", (args, kwargs) ->
                python.call((PyObjectHandle) args.get(0), "build"));
        assertThat(python.call(module, "plugin", write)).isEqualTo("caught no fields");
    }

    @Test
    void pythonThreadsCanCallJavaToo() {
        PyObjectHandle twice = python.createFunction("twice", (args, kwargs) -> 2 * (Long) args.get(0));
        PyModuleHandle module = python.load("py_threads", """
                import threading
                def in_threads(f, n):
                    out = [None] * n
                    def work(i):
                        out[i] = f(i)
                    threads = [threading.Thread(target=work, args=(i,)) for i in range(n)]
                    for t in threads:
                        t.start()
                    for t in threads:
                        t.join()
                    return out
                """, null);
        assertThat(python.call(module, "in_threads", twice, 4)).isEqualTo(List.of(0L, 2L, 4L, 6L));
    }

    @Test
    void functionsAreForgottenWhenPythonDropsThem() {
        PyModuleHandle gc = python.importModule("gc");
        List<PyObjectHandle> functions = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            functions.add(python.createFunction("forgotten_" + i, (args, kwargs) -> 1));
        }
        assertThat(JavaCallbacks.liveFunctionsNamed("forgotten_")).isEqualTo(50);
        functions.forEach(PyObjectHandle::close);
        python.call(gc, "collect");
        assertThat(JavaCallbacks.liveFunctionsNamed("forgotten_")).isZero();
    }

    @Test
    void resultsThatCannotBeConvertedRaiseInPython() {
        PyObjectHandle odd = python.createFunction("odd", (args, kwargs) -> new Object());
        PyModuleHandle module = python.load("odd_result", """
                def run(f):
                    try:
                        f()
                    except RuntimeError as e:
                        return str(e)
                """, null);
        assertThat((String) python.call(module, "run", odd)).startsWith("cannot pass a java.lang.Object to Python");
    }
}
