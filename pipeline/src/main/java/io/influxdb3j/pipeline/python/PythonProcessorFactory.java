package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.Processor;

/** The {@code python} processor: {@code script}, {@code mode}, {@code serializer}, {@code modules}. */
public final class PythonProcessorFactory extends PythonComponentFactory {
    @Override
    public Kind kind() {
        return Kind.PROCESSOR;
    }

    @Override
    public Processor createProcessor(JsonNode config, PipelineContext context) {
        return new PythonProcessor(read(config), context);
    }
}
