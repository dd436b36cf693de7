package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.config;
import static io.influxdb3j.pipeline.python.TestingPython.contents;
import static io.influxdb3j.pipeline.python.TestingPython.processor;
import static io.influxdb3j.pipeline.python.TestingPython.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.Processor;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PythonProcessorTest {
    private static String modeLine(PythonMode mode) {
        return "mode: " + mode.configName();
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void rootAttributesBecomePythonJson(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                import codecs
                msg = content().decode()
                root.original = msg
                root.encoded = codecs.encode(msg, "rot_13")
                """, modeLine(mode)))) {
            List<Message> out = run(processor, "My voice is my passport");
            assertThat(contents(out)).containsExactly(
                    "{\"original\": \"My voice is my passport\", \"encoded\": \"Zl ibvpr vf zl cnffcbeg\"}");
            assertThat(out.getFirst().metadata()).containsEntry("_python_serializer", "bloblang");
            assertThat(out.getFirst().errored()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void nestedAttributeAndKeyAssignmentsBuildNestedObjects(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                root.name.first = "Dave"
                root["name"]["last"] = "V"
                root.a.b.c = [1, (2, 3)]
                if root.never_assigned:
                    root.wrong = True
                root["k"] = {"inner": root.name}
                """, modeLine(mode)))) {
            assertThat(contents(run(processor, "x"))).containsExactly(
                    "{\"name\": {\"first\": \"Dave\", \"last\": \"V\"}, \"a\": {\"b\": {\"c\": [1, [2, 3]]}}, "
                            + "\"k\": {\"inner\": {\"first\": \"Dave\", \"last\": \"V\"}}}");
        }
    }

    @Test
    void rootBehavesLikeADict() throws Exception {
        try (Processor processor = processor(config("""
                root["x"] = 1
                root.y = 2
                del root["x"]
                root.size = len(root)
                root.has_y = "y" in root
                root.keys_seen = list(root)
                root.as_dict = type(root.to_dict()).__name__
                """))) {
            assertThat(contents(run(processor, "x"))).containsExactly(
                    "{\"y\": 2, \"size\": 1, \"has_y\": true, \"keys_seen\": [\"y\", \"size\", \"has_y\"], \"as_dict\": \"dict\"}");
        }
    }

    @Test
    void anUntouchedRootGivesAnEmptyObject() throws Exception {
        try (Processor processor = processor(config("x = 1\n"))) {
            assertThat(contents(run(processor, "original"))).containsExactly("{}");
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void reassignedRootIsSerialisedByType(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                kind = content().decode()
                values = {
                    "tuple": (1, 2), "list": [1, "a", None], "dict": {"é": "ü", "n": 1.5},
                    "str": "plain text", "bytes": b"raw\\x00bytes", "bytearray": bytearray(b"ba"),
                    "int": 42, "big": 2**70, "float": 3.0, "bool": True, "none": None,
                    "nan": float("nan"),
                }
                root = values[kind]
                """, modeLine(mode)))) {
            List<Message> out = run(processor, "tuple", "list", "dict", "str", "bytes", "bytearray", "int", "big",
                    "float", "bool", "none", "nan");
            assertThat(contents(out)).containsExactly("[1, 2]", "[1, \"a\", null]",
                    "{\"\\u00e9\": \"\\u00fc\", \"n\": 1.5}", "plain text", "raw\0bytes", "ba", "42",
                    "1180591620717411303424", "3.0", "true", "NaN");
            assertThat(out.get(4).content()).containsExactly("raw\0bytes".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void noneDropsTheMessageAndAnAllDroppedBatchIsEmpty() throws Exception {
        try (Processor processor = processor(config("""
                if content() == b"drop":
                    root = None
                else:
                    root = content().decode().upper()
                """))) {
            assertThat(contents(run(processor, "a", "drop", "b"))).containsExactly("A", "B");
            assertThat(processor.processBatch(List.of(Message.ofString("drop")))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void whatCrashesTheReferenceFlagsOnlyThatMessage(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                class Custom:
                    pass
                kind = content().decode()
                if kind == "set":
                    root = {1, 2}
                elif kind == "object":
                    root = Custom()
                elif kind == "nested":
                    root = {"a": [Custom()]}
                elif kind == "list-meta":
                    meta["tags"] = ["a", ("b", 1)]
                    root.ok = True
                else:
                    root.ok = kind
                """, modeLine(mode)))) {
            List<Message> out = run(processor, "set", "object", "nested", "list-meta", "fine");
            assertThat(out).hasSize(5);
            assertThat(out.get(0).error()).contains("cannot serialize a Python set");
            assertThat(out.get(0).contentAsString()).isEqualTo("set");
            assertThat(out.get(1).error()).contains("cannot serialise root of type Custom as JSON")
                    .contains("Object of type Custom is not JSON serializable");
            assertThat(out.get(1).contentAsString()).isEqualTo("object");
            assertThat(out.get(2).error()).contains("cannot serialise root as JSON");
            assertThat(out.get(3).errored()).isFalse();
            assertThat(out.get(3).metadata()).containsEntry("tags", List.of("a", List.of("b", 1L)));
            assertThat(out.get(4).errored()).isFalse();
            assertThat(out.get(4).contentAsString()).isEqualTo("{\"ok\": \"fine\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void anExceptionFlagsItsMessageUnchangedAndTheBatchGoesOn(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                n = int(content())
                root.inverse = 1 / n
                meta["seen"] = "yes"
                """, modeLine(mode)))) {
            Message zero = Message.ofString("0");
            zero.metadata().put("origin", "test");
            List<Message> out = run(processor, List.of(Message.ofString("2"), zero, Message.ofString("4")));
            assertThat(out).hasSize(3);
            assertThat(out.get(0).contentAsString()).isEqualTo("{\"inverse\": 0.5}");
            assertThat(out.get(1).contentAsString()).isEqualTo("0");
            assertThat(out.get(1).metadata()).isEqualTo(Map.of("origin", "test"));
            assertThat(out.get(1).error()).isEqualTo("problem executing Python script: ZeroDivisionError: "
                    + "division by zero (line 2 of <test.yaml python processor>)");
            assertThat(out.get(2).contentAsString()).isEqualTo("{\"inverse\": 0.25}");
            assertThat(out.get(2).metadata()).containsEntry("seen", "yes");
            // The pipeline goes on: the next batch is processed normally.
            assertThat(contents(run(processor, "5"))).containsExactly("{\"inverse\": 0.2}");
        }
    }

    @Test
    void deletingRootFlagsTheMessage() throws Exception {
        try (Processor processor = processor(config("del root\n"))) {
            List<Message> out = run(processor, "kept");
            assertThat(out.getFirst().contentAsString()).isEqualTo("kept");
            assertThat(out.getFirst().error()).startsWith("'root' not found in Python script");
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void metaSetsAndDeletesMetadataAndKeepsTheRest(PythonMode mode) throws Exception {
        try (Processor processor = processor(config("""
                meta["s"] = "text"
                meta["i"] = 7
                meta["f"] = 2.5
                meta["b"] = b"bytes"
                meta["flag"] = True
                meta["d"] = {"name": "Dave", "key": metadata("key")}
                meta["remove_me"] = None
                root = "ok"
                """, modeLine(mode)))) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("key", "a string value");
            metadata.put("remove_me", "x");
            List<Message> out = run(processor, List.of(new Message("in".getBytes(StandardCharsets.UTF_8), metadata)));
            Message message = out.getFirst();
            assertThat(message.errored()).isFalse();
            assertThat(message.metadata()).containsEntry("key", "a string value")
                    .containsEntry("s", "text")
                    .containsEntry("i", 7L)
                    .containsEntry("f", 2.5)
                    .containsEntry("b", "bytes")
                    .containsEntry("flag", true)
                    .containsEntry("d", Map.of("name", "Dave", "key", "a string value"))
                    .containsEntry("_python_serializer", "bloblang")
                    .doesNotContainKey("remove_me");
        }
    }

    @Test
    void badMetaIsReportedOnTheMessage() throws Exception {
        try (Processor processor = processor(config("""
                kind = content().decode()
                if kind == "notdict":
                    meta = ["x"]
                elif kind == "set":
                    meta["good"] = "g"
                    meta["bad"] = {1}
                else:
                    meta[1] = "x"
                root = "payload"
                """))) {
            List<Message> out = run(processor, "notdict", "set", "key");
            assertThat(out.get(0).error()).isEqualTo("meta python type is not a dictionary: meta is a list");
            assertThat(out.get(0).contentAsString()).isEqualTo("payload");
            assertThat(out.get(1).error()).contains("unhandled metadata dictionary value: meta['bad'] is a set");
            assertThat(out.get(1).metadata()).containsEntry("good", "g").doesNotContainKey("bad");
            assertThat(out.get(2).error()).contains("metadata keys must be str, not int");
        }
    }

    @Test
    void metadataReadsValuesAndContentIsBytes() throws Exception {
        try (Processor processor = processor(config("""
                root.path = metadata("path")
                root.count = metadata("count")
                root.empty = metadata("empty")
                root.missing = metadata("missing")
                root.all = metadata()
                root.content_type = type(content()).__name__
                """))) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("path", "examples/rot13.yaml");
            metadata.put("count", 5L);
            metadata.put("empty", "");
            List<Message> out = run(processor, List.of(new Message("{}".getBytes(StandardCharsets.UTF_8), metadata)));
            assertThat(out.getFirst().contentAsString()).isEqualTo("{\"path\": \"examples/rot13.yaml\", \"count\": 5, "
                    + "\"empty\": null, \"missing\": null, \"all\": {\"path\": \"examples/rot13.yaml\", \"count\": 5, "
                    + "\"empty\": \"\"}, \"content_type\": \"bytes\"}");
        }
    }

    @Test
    void metadataWrittenByOnePythonProcessorIsReadByTheNext() throws Exception {
        // The repo's test.yaml: three chained processors, one per mode.
        try (Processor first = processor(config("""
                msg = content().decode()
                root = msg.lower()
                meta["key"] = "a string value"
                """, "mode: isolated"));
                Processor second = processor(config("""
                        root = "".join(c for c in content().decode() if c.isalpha())
                        meta["complex"] = {"name": "Dave", "key": metadata("key")}
                        """, "mode: isolated_legacy"));
                Processor third = processor(config("""
                        freq = {}
                        for c in content().decode():
                            freq[c] = freq.get(c, 0) + 1
                        root.frequency = freq
                        root.max = max(freq.values())
                        root.most = [c for c, n in freq.items() if n == root.max]
                        """, "mode: global"))) {
            List<Message> out = run(third, run(second, run(first, "Hello world!", "This page intentionally left blank.")));
            assertThat(contents(out)).containsExactly(
                    "{\"frequency\": {\"h\": 1, \"e\": 1, \"l\": 3, \"o\": 2, \"w\": 1, \"r\": 1, \"d\": 1}, \"max\": 3, \"most\": [\"l\"]}",
                    "{\"frequency\": {\"t\": 4, \"h\": 1, \"i\": 3, \"s\": 1, \"p\": 1, \"a\": 3, \"g\": 1, \"e\": 3, \"n\": 4, "
                            + "\"o\": 1, \"l\": 4, \"y\": 1, \"f\": 1, \"b\": 1, \"k\": 1}, \"max\": 4, \"most\": [\"t\", \"n\", \"l\"]}");
            for (Message message : out) {
                assertThat(message.metadata()).containsEntry("key", "a string value")
                        .containsEntry("complex", Map.of("name", "Dave", "key", "a string value"));
            }
        }
    }

    @Test
    void scriptStateIsKeptBetweenMessagesAndBatchesButRootAndMetaAreReset() throws Exception {
        try (Processor processor = processor(config("""
                try:
                    n += 1
                except NameError:
                    n = 0
                if n == 0:
                    root.only_first = True
                    meta["only_first"] = "yes"
                root.n = n
                """))) {
            List<Message> out = run(processor, "a", "b");
            out = new java.util.ArrayList<>(out);
            out.addAll(run(processor, "c"));
            assertThat(contents(out)).containsExactly("{\"only_first\": true, \"n\": 0}", "{\"n\": 1}", "{\"n\": 2}");
            assertThat(out.get(1).metadata()).doesNotContainKey("only_first");
        }
    }

    @Test
    void functionsDefinedInTheScriptDoNotSeeItsTopLevelNamesAsInTheReference() throws Exception {
        try (Processor processor = processor(config("""
                import json
                def f():
                    return json.dumps([1])
                def g():
                    import json
                    return json.dumps([2])
                try:
                    root.f = f()
                except NameError as e:
                    root.f = "NameError"
                root.g = g()
                """))) {
            assertThat(contents(run(processor, "x"))).containsExactly("{\"f\": \"NameError\", \"g\": \"[2]\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void unpickleReadsWhatAPickleProcessorWrote(PythonMode mode) throws Exception {
        try (Processor pickler = processor(config("""
                root = {"a": 1, "b": [1, 2], "c": content().decode()}
                """, modeLine(mode), "serializer: pickle"));
                Processor reader = processor(config("""
                        d = unpickle()
                        root = [d["b"], d["c"], metadata("_python_serializer")]
                        """, modeLine(mode)))) {
            List<Message> pickled = run(pickler, "hello");
            assertThat(pickled.getFirst().metadata()).containsEntry("_python_serializer", "pickle");
            assertThat(pickled.getFirst().content()[0]).isEqualTo((byte) 0x80); // pickle protocol marker
            assertThat(contents(run(reader, pickled))).containsExactly("[[1, 2], \"hello\", \"pickle\"]");
        }
    }

    @Test
    void aPickledRootArrivesAsADict() throws Exception {
        try (Processor pickler = processor(config("root.name.first = 'Dave'\n", "serializer: pickle"));
                Processor reader = processor(config("root = [type(unpickle()).__name__, unpickle()]\n"))) {
            assertThat(contents(run(reader, run(pickler, "x")))).containsExactly("[\"dict\", {\"name\": {\"first\": \"Dave\"}}]");
        }
    }

    @Test
    void serializerNoneCarriesTheObjectToTheNextProcessorAsThis() throws Exception {
        try (Processor maker = processor(config("""
                class Junk:
                    def __init__(self, msg):
                        self.msg = msg
                    def speak(self):
                        return "i said: " + self.msg
                root = Junk(content().decode())
                """, "serializer: none"));
                Processor speaker = processor(config("""
                        try:
                            root.msg = this.speak()
                            root.err = None
                        except Exception as e:
                            root.err = str(e)
                        """))) {
            List<Message> carried = run(maker, "hey man", "how's it going?");
            assertThat(carried.getFirst().metadata()).containsEntry("_python_serializer", "none");
            assertThat(carried.getFirst().carried()).isNotNull();
            assertThat(carried.getFirst().contentAsString()).contains("Junk object");
            assertThat(contents(run(speaker, carried))).containsExactly(
                    "{\"msg\": \"i said: hey man\", \"err\": null}", "{\"msg\": \"i said: how's it going?\", \"err\": null}");
        }
    }

    @Test
    void modulesArePreImportedIntoMain() throws Exception {
        try (Processor processor = processor(config("root = [json.loads('[1]'), os.path.basename('/a/b')]\n",
                "modules: [json, os.path]", "mode: isolated"))) {
            assertThat(contents(run(processor, "x"))).containsExactly("[[1], \"b\"]");
        }
    }

    @Test
    void exeIsAcceptedAndIgnored() throws Exception {
        try (Processor processor = processor(config("root = 'ran'\n", "exe: ./venv/bin/python3"))) {
            assertThat(contents(run(processor, "x"))).containsExactly("ran");
        }
    }

    @Test
    void aSyntaxErrorFailsConstructionNamingTheLine() {
        assertThatThrownBy(() -> processor(config("x = 1\nif x\n    pass\n")))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("failed to compile python script")
                .hasMessageContaining("line 2");
    }

    @Test
    void serializerNoneOutsideGlobalModeIsRefused() {
        assertThatThrownBy(() -> processor(config("root = 1\n", "mode: isolated", "serializer: none")))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("isolated interpreters require bloblang or pickle serialization");
    }

    @Test
    void modeAndSerializerAreCaseInsensitive() throws Exception {
        try (Processor processor = processor(config("root = 'ok'\n", "mode: ISOLATED", "serializer: Bloblang"))) {
            assertThat(contents(run(processor, "x"))).containsExactly("ok");
        }
    }
}
