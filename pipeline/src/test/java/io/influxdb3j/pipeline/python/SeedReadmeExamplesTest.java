package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.captureStdout;
import static io.influxdb3j.pipeline.python.TestingPython.context;
import static io.influxdb3j.pipeline.python.TestingPython.contents;
import static io.influxdb3j.pipeline.python.TestingPython.printed;
import static io.influxdb3j.pipeline.python.TestingPython.readAll;
import static io.influxdb3j.pipeline.python.TestingPython.restoreStdout;
import static io.influxdb3j.pipeline.python.TestingPython.run;
import static io.influxdb3j.pipeline.python.TestingPython.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Processor;
import io.influxdb3j.python.PyModuleHandle;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Python parts of the rp-connect-python README's examples (seed {@code 002_d87a8bac7c806225.txt}),
 * copied as written into {@code src/test/resources/.../readme/}, driven through the component
 * contracts. What the non-python components would do is spelled out: stdin gives one message per
 * line, {@code generate} with {@code root = "hello world"} gives that raw string.
 *
 * <p>pandas cannot be installed here, so the pandas example's {@code import pandas as pd} is replaced
 * by {@code numpy-pandas-standin.py}, a DataFrame with just {@code from_dict} and
 * {@code to_dict("list")} over numpy arrays; everything else runs as written. The requests, pillow
 * and pyarrow examples need packages and network access this build does not have.
 */
class SeedReadmeExamplesTest {
    @Test
    void rot13PrintsTheSameJsonAsTheReadme() throws Exception {
        try (Processor processor = processor(example("rot13.yaml").at("/pipeline/processors/0/python"))) {
            assertThat(contents(run(processor, "My voice is my passport"))).containsExactly(
                    "{\"original\": \"My voice is my passport\", \"encoded\": \"Zl ibvpr vf zl cnffcbeg\"}");
        }
    }

    @Test
    void theGeneratorInputEmitsOneRecordASecond() throws Exception {
        try (Input input = new PythonInputFactory().createInput(example("generator-input.yaml").at("/input/python"),
                context(1))) {
            input.connect();
            List<String> records = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                Input.ReadBatch batch = input.readBatch();
                records.addAll(contents(batch.messages()));
                batch.ack().ack(true);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(records).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(records.get(i)).matches("\\{\"now\": \"\\w{3} \\w{3} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d \\d{4}\", \"i\": " + i + "}");
            }
            assertThat(seconds).isGreaterThanOrEqualTo(2.9);
        }
    }

    @Test
    void theOutputExamplePrintsWhatItIsGiven() throws Exception {
        JsonNode config = example("output.yaml");
        assertThat(config.at("/input/generate/count").asInt()).isEqualTo(5);
        try (PythonOutput output = (PythonOutput) new PythonOutputFactory().createOutput(config.at("/output/python"),
                context(1))) {
            output.connect();
            List<PyModuleHandle> capture = captureStdout(output.pool());
            try {
                for (int i = 0; i < 5; i++) {
                    output.writeBatch(List.of(Message.ofString("hello world")));
                }
                assertThat(printed(output.pool(), capture))
                        .isEqualTo(String.join("", Collections.nCopies(5, "you said: 'hello world'\n")));
            } finally {
                restoreStdout(output.pool(), capture);
            }
        }
    }

    @Test
    void theUnpickleExampleWorksOnPickledObjectsAndOnJson() throws Exception {
        String script = example("unpickle.yaml").at("/pipeline/processors/0/python/script").asText();
        // "These are logically equivalent": the README's script shows two ways to read a message, so
        // each half runs on the kind of message it is for.
        int split = script.indexOf("# if relying on Redpanda Connect structured data");
        String pickleHalf = script.substring(0, split);
        String jsonHalf = script.substring(split);
        try (Input input = new PythonInputFactory().createInput(yaml("""
                name: widgets
                serializer: pickle
                script: |
                  class Widget:
                      def __init__(self, value):
                          self.value = value
                      def call_some_method(self):
                          return {"widget": self.value}
                  widgets = [Widget(123)]
                """), context(1));
                Processor pickled = processor(scriptNode(pickleHalf));
                Processor json = processor(scriptNode(jsonHalf));
                Processor whole = processor(example("unpickle.yaml").at("/pipeline/processors/0/python"))) {
            List<Message> widgets = readAll(input).getFirst();
            assertThat(contents(run(pickled, widgets))).containsExactly("{\"widget\": 123}");
            assertThat(contents(run(json, "{\"a_key\": \"the value\"}"))).containsExactly("the value");
            // As one script on a pickled message, its JSON half cannot parse the pickle: that message
            // is flagged with the reason, nothing crashes.
            Message failed = run(whole, widgets).getFirst();
            assertThat(failed.error()).startsWith("problem executing Python script: UnicodeDecodeError:")
                    .endsWith("(line 11 of <test.yaml python processor>)");
        }
    }

    @Test
    void thePandasExampleRunsWithNumpyStandingInForPandas() throws Exception {
        JsonNode config = example("pandas.yaml");
        ObjectNode inputNode = (ObjectNode) config.at("/input/python");
        String script = inputNode.get("script").asText();
        assertThat(script).startsWith("import pandas as pd\n");
        inputNode.put("script", script.replace("import pandas as pd\n", resource("numpy-pandas-standin.py")));
        try (Input input = new PythonInputFactory().createInput(inputNode, context(1));
                Processor processor = processor(config.at("/pipeline/processors/0/python"))) {
            List<List<Message>> batches = readAll(input);
            assertThat(batches).hasSize(1);
            assertThat(batches.getFirst().getFirst().metadata()).containsEntry("_python_serializer", "pickle");
            assertThat(contents(run(processor, batches.getFirst())))
                    .containsExactly("{\"name\": [\"Maple\", \"Moxie\"], \"age\": [8, 3]}");
        }
    }

    @Test
    void thePandasExampleAlsoPassesTheFrameItselfWithSerializerNone() throws Exception {
        // The repository's examples/pandas.yaml: serializer none, and `root = this.to_dict("list")`.
        ObjectNode inputNode = (ObjectNode) example("pandas.yaml").at("/input/python");
        inputNode.remove("pickle");
        inputNode.put("serializer", "none");
        inputNode.put("script", inputNode.get("script").asText()
                .replace("import pandas as pd\n", resource("numpy-pandas-standin.py")));
        try (Input input = new PythonInputFactory().createInput(inputNode, context(1));
                Processor processor = processor(scriptNode("root = this.to_dict(\"list\")\n"))) {
            input.connect();
            Input.ReadBatch batch = input.readBatch();
            assertThat(contents(batch.messages())).singleElement().asString().contains("DataFrame object");
            // The frame is held until the batch is acked, as after the output wrote it.
            assertThat(contents(run(processor, batch.messages())))
                    .containsExactly("{\"name\": [\"Maple\", \"Moxie\"], \"age\": [8, 3]}");
            batch.ack().ack(true);
            assertThat(input.readBatch()).isNull();
        }
    }

    private static Processor processor(JsonNode node) {
        return new PythonProcessorFactory().createProcessor(node, context(1));
    }

    private static JsonNode scriptNode(String script) {
        ObjectNode node = (ObjectNode) yaml("{}");
        node.put("script", script);
        return node;
    }

    static JsonNode example(String name) {
        return yaml(resource(name));
    }

    static String resource(String name) {
        try (InputStream in = SeedReadmeExamplesTest.class.getResourceAsStream("readme/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource readme/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
