package io.influxdb3j.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.ComponentFactory.Kind;
import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.Durations;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.bloblang.BloblangException;
import io.influxdb3j.pipeline.bloblang.InterpolatedString;
import io.influxdb3j.pipeline.bloblang.Mapping;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a config against the top-level layout and each component's {@link FieldSpec}s: unknown keys, wrong types,
 * bad enum values, unknown component types, missing required fields, Bloblang that does not parse, references to
 * resources that do not exist. Each error names the file, line, column and key path.
 */
public final class Linter {
    /** The {@code http:} block. */
    public static final List<FieldSpec> HTTP = List.of(
            FieldSpec.optional("enabled", FieldType.BOOL, true),
            FieldSpec.optional("address", FieldType.STRING, "0.0.0.0:4195"),
            FieldSpec.optional("root_path", FieldType.STRING, "/benthos"),
            FieldSpec.optional("debug_endpoints", FieldType.BOOL, false),
            FieldSpec.optional("cert_file", FieldType.STRING, ""),
            FieldSpec.optional("key_file", FieldType.STRING, ""),
            FieldSpec.object("cors",
                    FieldSpec.optional("enabled", FieldType.BOOL, false),
                    FieldSpec.optional("allowed_origins", FieldType.STRING_LIST, List.of())),
            FieldSpec.object("basic_auth",
                    FieldSpec.optional("enabled", FieldType.BOOL, false),
                    FieldSpec.optional("realm", FieldType.STRING, "restricted"),
                    FieldSpec.optional("username", FieldType.STRING, ""),
                    FieldSpec.optional("password_hash", FieldType.STRING, ""),
                    FieldSpec.oneOf("algorithm", "sha256", "md5", "sha256", "bcrypt", "scrypt"),
                    FieldSpec.optional("salt", FieldType.STRING, "")));

    /** The {@code logger:} block. */
    public static final List<FieldSpec> LOGGER = List.of(
            FieldSpec.oneOf("level", "INFO", "OFF", "FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE", "ALL", "NONE"),
            FieldSpec.oneOf("format", "logfmt", "logfmt", "json"),
            FieldSpec.optional("add_timestamp", FieldType.BOOL, false),
            FieldSpec.optional("level_name", FieldType.STRING, "level"),
            FieldSpec.optional("timestamp_name", FieldType.STRING, "time"),
            FieldSpec.optional("message_name", FieldType.STRING, "msg"),
            FieldSpec.optional("static_fields", FieldType.OBJECT, Map.of("@service", "benthos")),
            FieldSpec.object("file",
                    FieldSpec.optional("path", FieldType.STRING, ""),
                    FieldSpec.optional("rotate", FieldType.BOOL, false),
                    FieldSpec.optional("rotate_max_age_days", FieldType.INT, 0)));

    private static final Set<String> TOP_LEVEL = Set.of("http", "input", "buffer", "pipeline", "output", "input_resources",
            "processor_resources", "output_resources", "cache_resources", "rate_limit_resources", "logger", "metrics",
            "tracer", "shutdown_delay", "shutdown_timeout", "tests");

    private final ComponentRegistry registry;
    private final PipelineConfig config;
    private final List<LintError> errors = new ArrayList<>();
    private final Map<Kind, Set<String>> labels = Map.of(Kind.INPUT, new HashSet<>(), Kind.PROCESSOR, new HashSet<>(),
            Kind.OUTPUT, new HashSet<>());

    private Linter(ComponentRegistry registry, PipelineConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Every lint error of {@code config}, in file order of discovery; empty when it is clean. */
    public static List<LintError> lint(PipelineConfig config, ComponentRegistry registry) {
        return lint(config, registry, Map.of());
    }

    /**
     * Like {@link #lint(PipelineConfig, ComponentRegistry)}, with resource labels defined elsewhere (the resource
     * files given with {@code -r}) counting as defined.
     */
    public static List<LintError> lint(PipelineConfig config, ComponentRegistry registry, Map<Kind, Set<String>> extraLabels) {
        Linter l = new Linter(registry, config);
        extraLabels.forEach((kind, names) -> l.labels.get(kind).addAll(names));
        l.errors.addAll(config.parseErrors());
        l.run();
        return List.copyOf(l.errors);
    }

    private void run() {
        JsonNode root = config.root();
        collectLabels("input_resources", Kind.INPUT);
        collectLabels("processor_resources", Kind.PROCESSOR);
        collectLabels("output_resources", Kind.OUTPUT);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode v = root.get(key);
            switch (key) {
                case "input" -> component(v, "input", Kind.INPUT);
                case "output" -> component(v, "output", Kind.OUTPUT);
                case "pipeline" -> pipeline(v);
                case "http" -> fields(HTTP, v, "http");
                case "logger" -> fields(LOGGER, v, "logger");
                case "shutdown_delay", "shutdown_timeout" -> value(FieldSpec.optional(key, FieldType.DURATION, "0s"), v, key);
                case "buffer" -> onlyNone(v, "buffer", Set.of("none"));
                case "tracer" -> onlyNone(v, "tracer", Set.of("none"));
                case "metrics" -> metrics(v);
                case "input_resources" -> resources(v, key, Kind.INPUT);
                case "processor_resources" -> resources(v, key, Kind.PROCESSOR);
                case "output_resources" -> resources(v, key, Kind.OUTPUT);
                case "cache_resources", "rate_limit_resources" -> {
                    if (!list(v, key)) {
                        continue;
                    }
                    for (int i = 0; i < v.size(); i++) {
                        error(config.errorAtKey(key + "." + i, key.replace("_resources", "").replace('_', ' ')
                                + " resources are not supported"));
                    }
                }
                case "tests" -> list(v, key);
                default -> error(config.errorAtKey(key, "field " + key + " not recognised; top-level fields are "
                        + String.join(", ", new java.util.TreeSet<>(TOP_LEVEL))));
            }
        }
    }

    private void collectLabels(String key, Kind kind) {
        labels.get(kind).addAll(resourceLabels(config, kind));
    }

    /** The labels a config's {@code <kind>_resources} list defines. */
    public static Set<String> resourceLabels(PipelineConfig config, Kind kind) {
        Set<String> out = new HashSet<>();
        JsonNode list = config.root().get(ComponentRegistry.kindName(kind) + "_resources");
        if (list != null && list.isArray()) {
            for (JsonNode item : list) {
                if (item.isObject() && item.path("label").isTextual()) {
                    out.add(item.get("label").asText());
                }
            }
        }
        return out;
    }

    private void pipeline(JsonNode v) {
        if (v.isNull()) {
            return;
        }
        if (!v.isObject()) {
            error(config.errorAtValue("pipeline", "expected object value, got " + typeOf(v)));
            return;
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = "pipeline." + key;
            switch (key) {
                case "threads" -> value(FieldSpec.optional("threads", FieldType.INT, -1), v.get(key), path);
                case "processors" -> processors(v.get(key), path);
                default -> error(config.errorAtKey(path, "field " + key + " not recognised; expected threads or processors"));
            }
        }
    }

    private void processors(JsonNode v, String path) {
        if (!list(v, path)) {
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i).isNull()) {
                error(config.errorAtValue(path + "." + i, "expected a processor object such as {mapping: ...}, got null"));
            } else {
                component(v.get(i), path + "." + i, Kind.PROCESSOR);
            }
        }
    }

    private void resources(JsonNode v, String path, Kind kind) {
        if (!list(v, path)) {
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            String p = path + "." + i;
            if (item.isObject() && !item.path("label").isTextual()) {
                error(config.errorAtKey(p, "a resource needs a label"));
            }
            component(item, p, kind);
        }
    }

    private boolean list(JsonNode v, String path) {
        if (v.isNull()) {
            return false;
        }
        if (!v.isArray()) {
            error(config.errorAtValue(path, "expected array value, got " + typeOf(v)));
            return false;
        }
        return true;
    }

    private void onlyNone(JsonNode v, String path, Set<String> allowed) {
        if (v.isNull()) {
            return;
        }
        if (!v.isObject()) {
            error(config.errorAtValue(path, "expected object value, got " + typeOf(v)));
            return;
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                error(config.errorAtKey(path + "." + key, path + " type " + key + " is not supported; use "
                        + String.join(" or ", allowed)));
            }
        }
    }

    private void metrics(JsonNode v) {
        if (v.isNull()) {
            return;
        }
        if (!v.isObject()) {
            error(config.errorAtValue("metrics", "expected object value, got " + typeOf(v)));
            return;
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String path = "metrics." + key;
            switch (key) {
                case "prometheus", "none" -> value(FieldSpec.optional(key, FieldType.OBJECT, null), v.get(key), path);
                case "mapping" -> value(FieldSpec.optional(key, FieldType.BLOBLANG, ""), v.get(key), path);
                default -> error(config.errorAtKey(path, "metrics type " + key + " is not supported; use prometheus or none"));
            }
        }
    }

    /**
     * A component block: {@code <type>: {fields}}, optionally with {@code label}, {@code processors} (inputs and
     * outputs), the old form {@code type: <name>}, or {@code resource: <label>}.
     */
    private void component(JsonNode node, String path, Kind kind) {
        String kindName = ComponentRegistry.kindName(kind);
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            error(config.errorAtValue(path, "expected an " + kindName + " object such as {" + example(kind)
                    + ": {}}, got " + typeOf(node)));
            return;
        }
        List<String> typeKeys = new ArrayList<>();
        String explicitType = null;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String p = path + "." + key;
            JsonNode v = node.get(key);
            switch (key) {
                case "label" -> value(FieldSpec.optional("label", FieldType.STRING, ""), v, p);
                case "processors" -> {
                    if (kind == Kind.PROCESSOR) {
                        error(config.errorAtKey(p, "field processors not recognised in a processor"));
                    } else {
                        processors(v, p);
                    }
                }
                case "type" -> {
                    if (!v.isTextual()) {
                        error(config.errorAtValue(p, "expected string value, got " + typeOf(v)));
                    } else {
                        explicitType = v.asText();
                    }
                }
                case "resource" -> {
                    if (!v.isTextual()) {
                        error(config.errorAtValue(p, "expected string value, got " + typeOf(v)));
                    } else if (!labels.get(kind).contains(v.asText())) {
                        error(config.errorAtValue(p, kindName + " resource '" + v.asText() + "' is not defined in "
                                + kindName + "_resources"));
                    }
                    typeKeys.add(key);
                }
                default -> typeKeys.add(key);
            }
        }
        if (explicitType != null && !typeKeys.contains(explicitType)) {
            if (registry.find(kind, explicitType).isEmpty()) {
                unknownType(path + ".type", kind, explicitType, true);
                return;
            }
            // type: stdin without a stdin block: an empty config.
            checkType(JsonNodeFactory.instance.objectNode(), path + ".type", kind, explicitType, true);
        }
        if (typeKeys.isEmpty()) {
            if (explicitType == null) {
                error(config.errorAtKey(path, kindName + " has no type; expected one of " + registry.types(kind)));
            }
            return;
        }
        List<String> known = new ArrayList<>();
        for (String key : typeKeys) {
            if (key.equals("resource") || registry.find(kind, key).isPresent()) {
                known.add(key);
            } else {
                unknownType(path + "." + key, kind, key, false);
            }
        }
        if (explicitType != null) {
            known.remove(explicitType);
            for (String other : known) {
                error(config.errorAtKey(path + "." + other, "field " + other + " is invalid when the " + kindName
                        + " type is " + explicitType));
            }
            if (typeKeys.contains(explicitType)) {
                checkType(node.get(explicitType), path + "." + explicitType, kind, explicitType, false);
            }
            return;
        }
        if (known.size() > 1) {
            error(config.errorAtKey(path + "." + known.get(1), kindName + " has more than one type: "
                    + String.join(", ", known)));
            return;
        }
        if (known.size() == 1 && !known.get(0).equals("resource")) {
            checkType(node.get(known.get(0)), path + "." + known.get(0), kind, known.get(0), false);
        }
    }

    private void unknownType(String path, Kind kind, String type, boolean atValue) {
        String kindName = ComponentRegistry.kindName(kind);
        StringBuilder msg = new StringBuilder();
        List<String> elsewhere = new ArrayList<>();
        for (Kind other : Kind.values()) {
            if (other != kind && registry.find(other, type).isPresent()) {
                elsewhere.add(ComponentRegistry.kindName(other));
            }
        }
        if (!elsewhere.isEmpty()) {
            msg.append(type).append(" is ").append(article(elsewhere.get(0))).append(' ')
                    .append(String.join(" and ", elsewhere)).append(", not ").append(article(kindName)).append(' ').append(kindName);
        } else {
            msg.append("unknown ").append(kindName).append(" type '").append(type).append("'");
        }
        msg.append("; ").append(kindName).append(" types are ").append(String.join(", ", registry.types(kind)));
        error(atValue ? config.errorAtValue(path, msg.toString()) : config.errorAtKey(path, msg.toString()));
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    private void checkType(JsonNode conf, String path, Kind kind, String type, boolean implicit) {
        ComponentFactory f = registry.find(kind, type).orElseThrow();
        FieldType shape = f.configType();
        if (shape != FieldType.OBJECT) {
            value(new FieldSpec(type, shape, true, null, List.of()), conf, path);
            if (conf.isNull()) {
                error(config.errorAtKey(path, type + " needs a value"));
            }
        } else {
            if (!conf.isNull() && !conf.isObject()) {
                error(config.errorAtValue(path, "expected object value, got " + typeOf(conf)));
                return;
            }
            fields(f.fields(), conf.isNull() ? JsonNodeFactory.instance.objectNode() : conf, path, implicit);
        }
        if (errorsUnder(path)) {
            return;
        }
        JsonNode effective = conf.isNull() && shape == FieldType.OBJECT ? JsonNodeFactory.instance.objectNode() : conf;
        for (String problem : f.validate(effective)) {
            error(config.errorAtKey(path, problem));
        }
    }

    private boolean errorsUnder(String path) {
        return errors.stream().anyMatch(e -> e.path().equals(path) || e.path().startsWith(path + "."));
    }

    private void fields(List<FieldSpec> specs, JsonNode v, String path) {
        fields(specs, v, path, false);
    }

    private void fields(List<FieldSpec> specs, JsonNode v, String path, boolean implicit) {
        if (v == null || v.isNull()) {
            return;
        }
        if (!v.isObject()) {
            error(config.errorAtValue(path, "expected object value, got " + typeOf(v)));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = path + "." + e.getKey();
            FieldSpec spec = specs.stream().filter(s -> s.name().equals(e.getKey())).findFirst().orElse(null);
            if (spec == null) {
                List<String> names = specs.stream().map(FieldSpec::name).sorted().toList();
                error(config.errorAtKey(p, "field " + e.getKey() + " not recognised"
                        + (names.isEmpty() ? "" : "; expected one of " + String.join(", ", names))));
            } else {
                value(spec, e.getValue(), p);
            }
        }
        for (FieldSpec spec : specs) {
            if (spec.required() && !v.has(spec.name())) {
                error(implicit ? config.errorAtValue(path, "field " + spec.name() + " is required")
                        : config.errorAtKey(path, "field " + spec.name() + " is required"));
            }
        }
    }

    private void value(FieldSpec spec, JsonNode v, String path) {
        if (v == null || v.isNull()) {
            return;
        }
        switch (spec.type()) {
            case STRING -> {
                if (!v.isValueNode()) {
                    error(config.errorAtValue(path, "expected string value, got " + typeOf(v)));
                } else if (!spec.allowedValues().isEmpty()
                        && spec.allowedValues().stream().noneMatch(a -> a.equalsIgnoreCase(v.asText()))) {
                    error(config.errorAtValue(path, "value " + v.asText() + " is not a valid option, expected one of "
                            + String.join(", ", spec.allowedValues())));
                }
            }
            case INT -> {
                if (!v.isIntegralNumber()) {
                    error(config.errorAtValue(path, "expected int value, got " + typeOf(v)));
                }
            }
            case NUMBER -> {
                if (!v.isNumber()) {
                    error(config.errorAtValue(path, "expected number value, got " + typeOf(v)));
                }
            }
            case BOOL -> {
                if (!v.isBoolean()) {
                    error(config.errorAtValue(path, "expected bool value, got " + typeOf(v)));
                }
            }
            case DURATION -> {
                if (!v.isTextual()) {
                    error(config.errorAtValue(path, "expected a duration such as 5s or 100ms, got " + typeOf(v)
                            + (v.isNumber() ? " (a duration needs a unit)" : "")));
                } else if (!v.asText().isBlank() && !v.asText().startsWith("@every ")) {
                    try {
                        Durations.parse(v.asText());
                    } catch (IllegalArgumentException e) {
                        error(config.errorAtValue(path, e.getMessage() + ", expected a duration such as 5s or 100ms"));
                    }
                }
            }
            case STRING_LIST, INT_LIST -> {
                if (!v.isArray()) {
                    error(config.errorAtValue(path, "expected array value, got " + typeOf(v)));
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    JsonNode item = v.get(i);
                    boolean ok = spec.type() == FieldType.INT_LIST ? item.isIntegralNumber() : item.isValueNode() && !item.isNull();
                    if (!ok) {
                        error(config.errorAtValue(path + "." + i, "expected " + (spec.type() == FieldType.INT_LIST ? "int" : "string")
                                + " value, got " + typeOf(item)));
                    }
                }
            }
            case OBJECT -> {
                if (!v.isObject()) {
                    error(config.errorAtValue(path, "expected object value, got " + typeOf(v)));
                } else if (!spec.children().isEmpty()) {
                    fields(spec.children(), v, path);
                }
            }
            case BLOBLANG -> {
                if (!v.isValueNode()) {
                    error(config.errorAtValue(path, "expected a Bloblang mapping (string), got " + typeOf(v)));
                    return;
                }
                try {
                    Mapping.parse(v.asText());
                } catch (BloblangException e) {
                    error(new LintError(config.fileName(), config.locateInValue(path, e.line(), e.column()), path,
                            "bloblang: " + e.getMessage()));
                }
            }
            case INTERPOLATED_STRING -> {
                if (!v.isValueNode()) {
                    error(config.errorAtValue(path, "expected string value, got " + typeOf(v)));
                    return;
                }
                try {
                    InterpolatedString.parse(v.asText());
                } catch (BloblangException e) {
                    error(new LintError(config.fileName(), config.locateInValue(path, e.line(), e.column()), path,
                            "interpolation: " + e.getMessage()));
                }
            }
            case ANY -> {
            }
        }
    }

    private void error(LintError e) {
        errors.add(e);
    }

    private static String example(Kind kind) {
        return switch (kind) {
            case INPUT -> "stdin";
            case PROCESSOR -> "mapping";
            case OUTPUT -> "stdout";
        };
    }

    static String typeOf(JsonNode v) {
        if (v.isTextual()) {
            return "string";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isBoolean()) {
            return "bool";
        }
        if (v.isArray()) {
            return "array";
        }
        if (v.isObject()) {
            return "object";
        }
        return v.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
