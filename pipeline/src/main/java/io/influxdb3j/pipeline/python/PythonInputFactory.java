package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.PipelineContext;

/** The {@code python} input: {@code script}, {@code name}, {@code batch_size}, {@code serializer}, {@code mode}. */
public final class PythonInputFactory extends PythonComponentFactory {
    @Override
    public Kind kind() {
        return Kind.INPUT;
    }

    @Override
    public Input createInput(JsonNode config, PipelineContext context) {
        return new PythonInput(read(config), context);
    }
}
