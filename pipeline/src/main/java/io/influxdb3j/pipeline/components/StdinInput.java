package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code stdin}: one message per line (or per scanner token) of standard input; EOF ends the input. */
public final class StdinInput implements Input {
    private final Scanner.Reader reader;

    StdinInput(InputStream in, Scanner scanner) {
        this.reader = scanner.open(in);
    }

    @Override
    public ReadBatch readBatch() throws Exception {
        byte[] token = reader.next();
        return token == null ? null : ReadBatch.of(List.of(new Message(token)));
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.INPUT;
        }

        @Override
        public String type() {
            return "stdin";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(Scanner.FIELD,
                    FieldSpec.optional("codec", FieldType.STRING, "lines"),
                    FieldSpec.optional("max_buffer", FieldType.INT, 1000000),
                    FieldSpec.optional("auto_replay_nacks", FieldType.BOOL, true));
        }

        @Override
        public List<String> validate(JsonNode config) {
            List<String> out = new ArrayList<>(Scanner.validate(config.get("scanner")));
            out.addAll(Scanner.validateCodec(config));
            return out;
        }

        @Override
        public Input createInput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "input.stdin");
            return new StdinInput(context.stdin(), Scanner.of(conf, (int) conf.integer("max_buffer", 1000000)));
        }
    }
}
