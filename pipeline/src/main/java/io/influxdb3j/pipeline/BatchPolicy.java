package io.influxdb3j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.bloblang.Mapping;
import java.time.Duration;

/**
 * An output's {@code batching} policy: the runner collects messages and calls the output once {@code count}
 * messages or {@code byte_size} bytes are pending, when {@code check} is true for a message (which ends its batch),
 * or {@code period} after the first pending message; whatever is pending is flushed when the input ends. An output
 * declares the field to get it; without it (or with everything zero) each pipeline batch is written as it comes.
 */
public record BatchPolicy(int count, long byteSize, Duration period, Mapping check) {
    /** The field outputs add to their {@link ComponentFactory#fields()} to be batched by the runner. */
    public static final FieldSpec FIELD = FieldSpec.object("batching",
            FieldSpec.optional("count", FieldType.INT, 0),
            FieldSpec.optional("byte_size", FieldType.INT, 0),
            FieldSpec.optional("period", FieldType.DURATION, ""),
            FieldSpec.optional("check", FieldType.BLOBLANG, ""));

    public static final BatchPolicy NONE = new BatchPolicy(0, 0, Duration.ZERO, null);

    /** The policy of an output config's {@code batching} block; {@link #NONE} when absent. */
    public static BatchPolicy of(JsonNode outputConfig) {
        JsonNode b = outputConfig == null ? null : outputConfig.get("batching");
        if (b == null || !b.isObject()) {
            return NONE;
        }
        String period = b.path("period").asText("");
        String check = b.path("check").asText("");
        return new BatchPolicy(b.path("count").asInt(0), b.path("byte_size").asLong(0),
                period.isBlank() ? Duration.ZERO : Durations.parse(period), check.isBlank() ? null : Mapping.parse(check));
    }

    /** True when messages are written as the pipeline batches them. */
    public boolean isNone() {
        return count <= 0 && byteSize <= 0 && period.isZero() && check == null;
    }
}
