package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;

/** The {@code python} output: {@code script}, {@code mode}; {@code serializer} is accepted and ignored. */
public final class PythonOutputFactory extends PythonComponentFactory {
    @Override
    public Kind kind() {
        return Kind.OUTPUT;
    }

    @Override
    public Output createOutput(JsonNode config, PipelineContext context) {
        return new PythonOutput(read(config), context);
    }
}
