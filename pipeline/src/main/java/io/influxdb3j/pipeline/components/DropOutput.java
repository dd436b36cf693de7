package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import java.util.List;

/** {@code drop}: discards every message; each batch counts as delivered. */
public final class DropOutput implements Output {
    @Override
    public void writeBatch(List<Message> batch) {
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "drop";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of();
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            return new DropOutput();
        }
    }
}
