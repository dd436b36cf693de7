package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/** {@code stdout}: writes each message with the codec (lines by default) and flushes after every batch. */
public final class StdoutOutput implements Output {
    private final PrintStream out;
    private final Codec codec;

    StdoutOutput(PrintStream out, Codec codec) {
        this.out = out;
        this.codec = codec;
    }

    @Override
    public void writeBatch(List<Message> batch) throws IOException {
        synchronized (out) {
            for (Message m : batch) {
                codec.write(out, m.content());
            }
            out.flush();
            if (out.checkError()) {
                throw new IOException("failed to write to stdout");
            }
        }
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "stdout";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.optional("codec", FieldType.STRING, "lines"));
        }

        @Override
        public List<String> validate(JsonNode config) {
            return Codec.validate(config, false);
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            return new StdoutOutput(context.stdout(), Codec.parse(new Conf(config, "output.stdout").string("codec", "lines"), false));
        }
    }
}
