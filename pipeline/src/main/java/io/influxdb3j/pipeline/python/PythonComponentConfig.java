package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory.Kind;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The config of a {@code python} input, processor or output, read from its YAML node.
 *
 * @param script the Python source
 * @param mode where it runs
 * @param serializer how results become messages (ignored by the output, as in rp-connect-python)
 * @param modules modules imported into each interpreter before the script first runs, bound in
 *     {@code __main__} (the {@code modules} key of rp-connect-python 1.6)
 * @param exe accepted for compatibility and ignored: CPython is bundled
 * @param name input only: the object in {@code __main__} to read items from
 * @param batchSize input only: items per batch
 */
record PythonComponentConfig(String script, PythonMode mode, PythonSerializer serializer, List<String> modules,
        String exe, String name, int batchSize) {

    static final String DEFAULT_EXE = "python3";
    static final String DEFAULT_NAME = "read";

    /** The fields the linter checks, per kind. */
    static List<FieldSpec> fields(Kind kind) {
        List<FieldSpec> fields = new ArrayList<>();
        fields.add(FieldSpec.required("script", FieldType.STRING));
        fields.add(FieldSpec.oneOf("mode", "global", "global", "isolated", "isolated_legacy"));
        fields.add(FieldSpec.oneOf("serializer", "bloblang", "bloblang", "pickle", "none"));
        fields.add(FieldSpec.optional("exe", FieldType.STRING, DEFAULT_EXE));
        fields.add(FieldSpec.optional("modules", FieldType.STRING_LIST, List.of()));
        if (kind == Kind.INPUT) {
            fields.add(FieldSpec.optional("name", FieldType.STRING, DEFAULT_NAME));
            fields.add(FieldSpec.optional("batch_size", FieldType.INT, 1));
            // The README's input key (rp-connect-python 1.7 dropped it for serializer: pickle); kept so
            // the README examples run as written.
            fields.add(FieldSpec.optional("pickle", FieldType.BOOL, false));
        }
        return List.copyOf(fields);
    }

    /** Reads and checks the config; throws {@link PipelineException} naming the key at fault. */
    static PythonComponentConfig parse(JsonNode node, Kind kind) {
        List<String> problems = problems(node, kind);
        if (!problems.isEmpty()) {
            throw new PipelineException("python " + kind.name().toLowerCase(Locale.ROOT) + ": " + String.join("; ", problems));
        }
        String script = text(node, "script");
        PythonMode mode = PythonMode.parse(textOr(node, "mode", "global"));
        PythonSerializer serializer = serializer(node, kind);
        List<String> modules = new ArrayList<>();
        JsonNode list = node.path("modules");
        if (list.isArray()) {
            list.forEach(module -> modules.add(module.asText()));
        }
        return new PythonComponentConfig(script, mode, serializer, List.copyOf(modules), textOr(node, "exe", DEFAULT_EXE),
                textOr(node, "name", DEFAULT_NAME), kind == Kind.INPUT ? batchSize(node) : 1);
    }

    /** The problems {@link #parse} would refuse, each prefixed with its key; syntax is not checked here. */
    static List<String> problems(JsonNode node, Kind kind) {
        List<String> problems = new ArrayList<>();
        if (node == null || !node.isObject()) {
            problems.add("the python component needs a mapping with at least 'script'");
            return problems;
        }
        String script = text(node, "script");
        if (script == null || script.isBlank()) {
            problems.add("script: a python " + kind.name().toLowerCase(Locale.ROOT) + " needs a script");
        }
        PythonMode mode = null;
        try {
            mode = PythonMode.parse(textOr(node, "mode", "global"));
        } catch (PipelineException e) {
            problems.add("mode: " + e.getMessage());
        }
        PythonSerializer serializer = null;
        try {
            serializer = serializer(node, kind);
        } catch (PipelineException e) {
            problems.add(e.getMessage());
        }
        if (kind != Kind.OUTPUT && mode != null && mode != PythonMode.GLOBAL && serializer == PythonSerializer.NONE) {
            problems.add("serializer: isolated interpreters require bloblang or pickle serialization: 'none' passes "
                    + "Python objects between components and needs mode 'global', not '" + mode.configName() + "'");
        }
        JsonNode modules = node.path("modules");
        if (!modules.isMissingNode() && !modules.isNull()) {
            if (!modules.isArray()) {
                problems.add("modules: expected a list of module names");
            } else {
                modules.forEach(module -> {
                    if (!module.isTextual() || module.asText().isBlank()) {
                        problems.add("modules: expected module names, found " + module);
                    }
                });
            }
        }
        if (kind == Kind.INPUT) {
            JsonNode size = node.path("batch_size");
            if (!size.isMissingNode() && !size.isNull() && (!size.canConvertToInt() || !size.isIntegralNumber()
                    || size.asInt() < 1)) {
                problems.add("batch_size: expected a positive integer, found " + size);
            }
        }
        return problems;
    }

    private static PythonSerializer serializer(JsonNode node, Kind kind) {
        String configured = textOr(node, "serializer", null);
        PythonSerializer serializer;
        try {
            serializer = configured == null ? PythonSerializer.BLOBLANG : PythonSerializer.parse(configured);
        } catch (PipelineException e) {
            throw new PipelineException("serializer: " + e.getMessage());
        }
        if (kind == Kind.INPUT && node.path("pickle").asBoolean(false)) {
            if (configured != null && serializer != PythonSerializer.PICKLE) {
                throw new PipelineException("pickle: 'pickle: true' asks for serializer pickle, but serializer is '"
                        + configured + "': keep one of them");
            }
            serializer = PythonSerializer.PICKLE;
        }
        return serializer;
    }

    private static int batchSize(JsonNode node) {
        JsonNode size = node.path("batch_size");
        return size.isMissingNode() || size.isNull() ? 1 : size.asInt();
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String key, String fallback) {
        String value = text(node, key);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
