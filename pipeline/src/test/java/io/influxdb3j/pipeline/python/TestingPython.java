package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.Processor;
import io.influxdb3j.python.PyModuleHandle;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds python components from YAML the way a pipeline does, and drives them through their contracts. */
final class TestingPython {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TestingPython() {}

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PipelineContext context(int threads) {
        return new PipelineContext("test.yaml", Path.of("."), threads, Optional.empty());
    }

    static Processor processor(String yaml) {
        return processor(yaml, 1);
    }

    static Processor processor(String yaml, int threads) {
        return new PythonProcessorFactory().createProcessor(yaml(yaml), context(threads));
    }

    static Input input(String yaml) {
        return new PythonInputFactory().createInput(yaml(yaml), context(1));
    }

    static Output output(String yaml) {
        return new PythonOutputFactory().createOutput(yaml(yaml), context(1));
    }

    /** A processor config: the script indented under {@code script: |}, then extra keys. */
    static String config(String script, String... extraLines) {
        StringBuilder yaml = new StringBuilder();
        for (String line : extraLines) {
            yaml.append(line).append('\n');
        }
        yaml.append("script: |\n");
        script.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
        return yaml.toString();
    }

    /** Runs one batch and returns the single resulting batch (empty if everything was dropped). */
    static List<Message> run(Processor processor, List<Message> batch) throws Exception {
        List<List<Message>> result = processor.processBatch(batch);
        if (result.isEmpty()) {
            return List.of();
        }
        return result.getFirst();
    }

    static List<Message> run(Processor processor, String... contents) throws Exception {
        List<Message> batch = new ArrayList<>();
        for (String content : contents) {
            batch.add(Message.ofString(content));
        }
        return run(processor, batch);
    }

    static List<String> contents(List<Message> messages) {
        return messages.stream().map(Message::contentAsString).toList();
    }

    /** Reads the input to its end, one list per batch. */
    static List<List<Message>> readAll(Input input) throws Exception {
        input.connect();
        List<List<Message>> batches = new ArrayList<>();
        Input.ReadBatch batch;
        while ((batch = input.readBatch()) != null) {
            batches.add(batch.messages());
            batch.ack().ack(true);
        }
        return batches;
    }

    static List<String> allContents(List<List<Message>> batches) {
        return batches.stream().flatMap(List::stream).map(Message::contentAsString).toList();
    }

    /**
     * Sends {@code print()} output of every interpreter of {@code pool} into a StringIO; returns the
     * module handles whose {@code text()} gives what was printed.
     */
    static List<PyModuleHandle> captureStdout(InterpreterPool pool) {
        return pool.runOnEach(slot -> slot.interpreter().load("capture_stdout", """
                import io, sys
                buffer = io.StringIO()
                original = sys.stdout
                sys.stdout = buffer
                def text():
                    return buffer.getvalue()
                def restore():
                    sys.stdout = original
                """, null));
    }

    static String printed(InterpreterPool pool, List<PyModuleHandle> captures) {
        StringBuilder text = new StringBuilder();
        for (InterpreterPool.Slot slot : pool.slots()) {
            PyModuleHandle capture = captures.get(slot.index());
            text.append(pool.mode() == PythonMode.GLOBAL
                    ? GlobalPythonThread.call(() -> slot.interpreter().call(capture, "text"))
                    : slot.interpreter().call(capture, "text"));
        }
        return text.toString();
    }

    static void restoreStdout(InterpreterPool pool, List<PyModuleHandle> captures) {
        pool.runOnEach(slot -> slot.interpreter().call(captures.get(slot.index()), "restore"));
    }
}
