package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.allContents;
import static io.influxdb3j.pipeline.python.TestingPython.config;
import static io.influxdb3j.pipeline.python.TestingPython.contents;
import static io.influxdb3j.pipeline.python.TestingPython.input;
import static io.influxdb3j.pipeline.python.TestingPython.processor;
import static io.influxdb3j.pipeline.python.TestingPython.readAll;
import static io.influxdb3j.pipeline.python.TestingPython.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.Processor;
import io.influxdb3j.python.PyObjectHandle;
import io.influxdb3j.python.PythonInterpreter;
import io.influxdb3j.python.PythonRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class PythonInputTest {
    private static final List<String> ZERO_TO_NINE = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @ParameterizedTest
    @ValueSource(strings = {
        "data = list(range(10))",
        "data = tuple(range(10))",
        "data = range(10)",
        "data = iter(list(range(10)))",
        "def gen():\n    for i in range(10):\n        yield i\ndata = gen()",
    })
    void listsTuplesRangesIteratorsAndGeneratorsYieldTheirItems(String script) throws Exception {
        try (Input input = input(config(script, "name: data"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(allContents(batches)).isEqualTo(ZERO_TO_NINE);
            assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSize(1));
            assertThat(batches.getFirst().getFirst().metadata()).containsEntry("_python_serializer", "bloblang");
            assertThat(input.readBatch()).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void aFunctionIsCalledUntilItReturnsNoneAndGetsItsState(PythonMode mode) throws Exception {
        // No default for state: the reference never passes it, so this crashes there.
        try (Input input = input(config("""
                def fetch(state):
                    cnt = state.get("cnt", 0)
                    if cnt >= 10:
                        return None
                    state["cnt"] = cnt + 1
                    return cnt
                """, "name: fetch", "mode: " + mode.configName()))) {
            assertThat(allContents(readAll(input))).isEqualTo(ZERO_TO_NINE);
        }
    }

    @Test
    void theMutableDefaultIdiomAndKwargsWorkToo() throws Exception {
        try (Input withDefault = input(config("""
                def fetch(state={}):
                    cnt = state.get("cnt", 0)
                    state["cnt"] = cnt + 1
                    return None if cnt >= 3 else {"cnt": cnt}
                """, "name: fetch"));
                Input withKwargs = input(config("""
                        def fetch(**kwargs):
                            state = kwargs["state"]
                            state["n"] = state.get("n", 0) + 1
                            return None if state["n"] > 2 else state["n"]
                        """, "name: fetch"));
                Input noArguments = input(config("""
                        items = ["a", "b"]
                        def fetch():
                            return items.pop(0) if items else None
                        """, "name: fetch"))) {
            assertThat(allContents(readAll(withDefault))).containsExactly("{\"cnt\": 0}", "{\"cnt\": 1}", "{\"cnt\": 2}");
            assertThat(allContents(readAll(withKwargs))).containsExactly("1", "2");
            assertThat(allContents(readAll(noArguments))).containsExactly("a", "b");
        }
    }

    @Test
    void anyOtherObjectIsEmittedOnce() throws Exception {
        try (Input string = input(config("data = \"Dave\"", "name: data"));
                Input dict = input(config("data = {\"name\": [\"Maple\", \"Moxie\"], \"age\": [8, 3]}", "name: data"))) {
            assertThat(allContents(readAll(string))).containsExactly("Dave");
            assertThat(allContents(readAll(dict))).containsExactly("{\"name\": [\"Maple\", \"Moxie\"], \"age\": [8, 3]}");
        }
    }

    @Test
    void theDefaultNameIsRead() throws Exception {
        try (Input input = input(config("read = [1, 2]"))) {
            assertThat(allContents(readAll(input))).containsExactly("1", "2");
        }
    }

    @Test
    void itemsAreSerialisedByType() throws Exception {
        try (Input input = input(config("""
                data = [None, 7, 3.0, 3.5, True, "text", b"raw", (1, "a"), {"k": None}, 2**70]
                """, "name: data"))) {
            assertThat(allContents(readAll(input))).containsExactly("7", "3", "3.5", "true", "text", "raw",
                    "[1, \"a\"]", "{\"k\": null}", "1180591620717411303424");
        }
    }

    @Test
    void batchSizeGroupsItemsAndTheLastBatchMayBeShort() throws Exception {
        try (Input input = input(config("data = list(range(11))", "name: data", "batch_size: 5"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(batches).extracting(List::size).containsExactly(5, 5, 1);
            assertThat(allContents(batches)).hasSize(11).startsWith("0", "1").endsWith("10");
        }
    }

    @Test
    void picklePayloadsUnpickleDownstream() throws Exception {
        try (Input input = input(config("""
                import time
                def pickle_the_time(state={}):
                    n = state.get("n", 0)
                    if n > 10:
                        return None
                    state["n"] = n + 1
                    return {"now": time.ctime(), "cnt": n}
                """, "name: pickle_the_time", "batch_size: 5", "serializer: pickle"));
                Processor processor = processor(config("""
                        import hashlib, pickle
                        d = unpickle()
                        d["hash"] = hashlib.sha256(content()).hexdigest()
                        root = [d["cnt"], len(d["hash"]), metadata("_python_serializer")]
                        """, "mode: isolated"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(batches).extracting(List::size).containsExactly(5, 5, 1);
            assertThat(batches.getFirst().getFirst().metadata()).containsEntry("_python_serializer", "pickle");
            List<String> out = batches.stream().flatMap(batch -> {
                try {
                    return contents(run(processor, batch)).stream();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).toList();
            assertThat(out).hasSize(11).first().isEqualTo("[0, 64, \"pickle\"]");
            assertThat(out.getLast()).isEqualTo("[10, 64, \"pickle\"]");
        }
    }

    @Test
    void theReadmePickleKeyMeansSerializerPickle() throws Exception {
        try (Input input = input(config("data = {'a': 1}", "name: data", "pickle: true"));
                Processor processor = processor(config("root = unpickle()"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(batches.getFirst().getFirst().metadata()).containsEntry("_python_serializer", "pickle");
            assertThat(contents(run(processor, batches.getFirst()))).containsExactly("{\"a\": 1}");
        }
    }

    @Test
    void picklesOfImportableClassesReachIsolatedProcessors(@TempDir Path dir) throws Exception {
        // The reference repository's examples/input/input-pickle.yaml; its Widget module lies on the
        // main interpreter's sys.path (where an activated venv's packages go too), which
        // sub-interpreters adopt.
        Files.writeString(dir.resolve("pickle_widget.py"), """
                class Widget:
                    def __init__(self, value):
                        self.value = value
                    def __str__(self):
                        return f"Widget<{self.value}>"
                """);
        PythonInterpreter main = PythonRuntime.get().mainInterpreter();
        GlobalPythonThread.call(() -> main.load("add_widget_path", "import sys\nsys.path.append(" + pythonString(dir)
                + ")\n", null));
        try (Input input = input(config("""
                from pickle_widget import Widget
                widget = Widget(123)
                """, "name: widget", "serializer: pickle"));
                Processor processor = processor(config("""
                        import pickle
                        root = str(pickle.loads(content()))
                        """, "mode: isolated"))) {
            assertThat(contents(run(processor, readAll(input).getFirst()))).containsExactly("Widget<123>");
        }
    }

    private static String pythonString(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void serializerNoneCarriesObjectsToGlobalProcessorsAndReleasesThemOnAck() throws Exception {
        try (Input input = input(config("""
                class Junk:
                    def __init__(self, msg):
                        self.msg = msg
                    def speak(self):
                        return f"i said: {self.msg}"
                objects = iter([Junk("hey man"), Junk("how's it going?")])
                """, "name: objects", "serializer: none"));
                Processor processor = processor(config("""
                        try:
                            root.msg = this.speak()
                            root.err = None
                        except Exception as e:
                            root.err = str(e)
                        """))) {
            input.connect();
            Input.ReadBatch first = input.readBatch();
            Input.ReadBatch second = input.readBatch();
            assertThat(input.readBatch()).isNull();
            assertThat(contents(run(processor, first.messages()))).containsExactly("{\"msg\": \"i said: hey man\", \"err\": null}");
            assertThat(contents(run(processor, second.messages()))).containsExactly(
                    "{\"msg\": \"i said: how's it going?\", \"err\": null}");
            PyObjectHandle carried = (PyObjectHandle) first.messages().getFirst().carried();
            first.ack().ack(true);
            // Released on the global thread: wait for it by queueing behind it.
            GlobalPythonThread.call(() -> null);
            assertThat(carried.isClosed()).isTrue();
        }
    }

    @Test
    void globalInputNamesAreVisibleToGlobalProcessors() throws Exception {
        try (Input input = input(config("shared_lookup = {'a': 'from the input'}\ndata = ['a']", "name: data"));
                Processor processor = processor(config("root = shared_lookup[content().decode()]"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(contents(run(processor, batches.getFirst()))).containsExactly("from the input");
        }
    }

    @Test
    void anExceptionInAGeneratorDeliversWhatCameBeforeThenFailsClearly() throws Exception {
        try (Input input = input(config("""
                def gen():
                    yield 1
                    yield 2
                    raise ValueError("the source broke")
                data = gen()
                """, "name: data", "batch_size: 5"))) {
            input.connect();
            Input.ReadBatch batch = input.readBatch();
            assertThat(contents(batch.messages())).containsExactly("1", "2");
            assertThatThrownBy(input::readBatch)
                    .isInstanceOf(PipelineException.class)
                    .hasMessage("python input 'data' (iterator) raised ValueError: the source broke "
                            + "(line 4 of <test.yaml python input>)");
            assertThat(input.readBatch()).isNull();
        }
    }

    @Test
    void anExceptionInAFunctionIsAClearErrorNotACrash() throws Exception {
        try (Input input = input(config("""
                def fetch():
                    return 1 / 0
                """, "name: fetch"))) {
            input.connect();
            assertThatThrownBy(input::readBatch)
                    .isInstanceOf(PipelineException.class)
                    .hasMessage("python input 'fetch' (function) raised ZeroDivisionError: division by zero "
                            + "(line 2 of <test.yaml python input>)");
        }
    }

    @Test
    void anUnserialisableItemIsAClearError() throws Exception {
        try (Input sets = input(config("data = [1, {2, 3}]", "name: data"));
                Input objects = input(config("data = [object()]", "name: data"))) {
            sets.connect();
            assertThat(contents(sets.readBatch().messages())).containsExactly("1");
            assertThatThrownBy(sets::readBatch).isInstanceOf(PipelineException.class)
                    .hasMessageContaining("item 1 of 'data': cannot serialize a Python set");
            objects.connect();
            assertThatThrownBy(objects::readBatch).isInstanceOf(PipelineException.class)
                    .hasMessageContaining("item 0 of 'data': cannot serialise the item of type object as JSON");
        }
    }

    @Test
    void aMissingNameOrFailingScriptFailsConnectClearly() {
        // Isolated, so __main__ holds only what this script defines.
        try (Input missing = input(config("something_else = 1", "name: nope", "mode: isolated"));
                Input failing = input(config("x = 1\nraise RuntimeError('no data today')", "name: x", "mode: isolated"))) {
            assertThatThrownBy(missing::connect).isInstanceOf(PipelineException.class)
                    .hasMessage("name: failed to find python data generator object 'nope': the script defines "
                            + "something_else; set `name:` to one of them");
            assertThatThrownBy(failing::connect).isInstanceOf(PipelineException.class)
                    .hasMessage("script: the python input script failed: RuntimeError: no data today "
                            + "(line 2 of <test.yaml python input>)");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSyntaxErrorFailsConstruction() {
        assertThatThrownBy(() -> input(config("data = [1,\n", "name: data")))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("script: failed to compile python script: SyntaxError:")
                .hasMessageContaining("line 1");
    }
}
