package io.influxdb3j.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Builds one type of component ({@code stdin}, {@code python}, ...) from its YAML node. A pipeline
 * registers factories by {@link Kind} and {@link #type()}; the linter checks a component's keys and
 * value types against {@link #fields()} before {@code create*} is called.
 */
public interface ComponentFactory {
    enum Kind { INPUT, PROCESSOR, OUTPUT }

    Kind kind();

    /** The key under {@code input:}/{@code processors[]}/{@code output:} that selects this component. */
    String type();

    List<FieldSpec> fields();

    /**
     * The YAML shape of the component's config: {@link FieldSpec.FieldType#OBJECT} (the default; keys checked
     * against {@link #fields()}, a null config counts as {@code {}}), or a scalar such as
     * {@link FieldSpec.FieldType#BLOBLANG} for {@code - mapping: "root = this"}.
     */
    default FieldSpec.FieldType configType() {
        return FieldSpec.FieldType.OBJECT;
    }

    /**
     * Extra checks after the field-level lint (for example "serializer none needs mode global"); each
     * returned string is one lint error, without the path prefix. Empty when valid.
     */
    default List<String> validate(JsonNode config) {
        return List.of();
    }

    default Input createInput(JsonNode config, PipelineContext context) {
        throw new UnsupportedOperationException(type() + " is not an input");
    }

    default Processor createProcessor(JsonNode config, PipelineContext context) {
        throw new UnsupportedOperationException(type() + " is not a processor");
    }

    default Output createOutput(JsonNode config, PipelineContext context) {
        throw new UnsupportedOperationException(type() + " is not an output");
    }
}
