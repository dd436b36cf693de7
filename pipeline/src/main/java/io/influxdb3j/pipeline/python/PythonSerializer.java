package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.PipelineException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a python input or processor turns a Python value into a message (the {@code serializer} key).
 * Every message it emits carries the name in metadata {@value #METADATA_KEY}.
 */
public enum PythonSerializer {
    /** JSON ({@code json.dumps} defaults) for containers and numbers; str and bytes raw. */
    BLOBLANG("bloblang"),
    /** {@code pickle.dumps}, raw bytes. */
    PICKLE("pickle"),
    /** The Python object itself, carried in the message to the next python component ({@code this}); global mode only. */
    NONE("none");

    /** The metadata key naming the serializer a python component used. */
    public static final String METADATA_KEY = "_python_serializer";

    private final String configName;

    PythonSerializer(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Case-insensitive, as rp-connect-python; unlike it, an unknown name is an error. */
    public static PythonSerializer parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (PythonSerializer serializer : values()) {
            if (serializer.configName.equals(lower)) {
                return serializer;
            }
        }
        throw new PipelineException("invalid serializer '" + value + "': use one of "
                + Arrays.stream(values()).map(PythonSerializer::configName).collect(Collectors.joining(", ")));
    }
}
