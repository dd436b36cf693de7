package io.influxdb3j.pipeline.components;

import io.influxdb3j.pipeline.ComponentFactory;
import java.util.List;

/** The components every pipeline has, without Python: the plain inputs, Bloblang processors and outputs. */
public final class BuiltinComponents {
    private BuiltinComponents() {
    }

    public static List<ComponentFactory> factories() {
        return List.of(new StdinInput.Factory(), new FileInput.Factory(), new GenerateInput.Factory(),
                new HttpServerInput.Factory(),
                new MappingProcessor.Factory("mapping"), new MappingProcessor.Factory("mutation"),
                new MappingProcessor.Factory("bloblang"),
                new StdoutOutput.Factory(), new FileOutput.Factory(), new DropOutput.Factory(),
                new HttpClientOutput.Factory(), new InfluxDb3Output.Factory());
    }
}
