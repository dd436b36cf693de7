package io.influxdb3j.pipeline.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.influxdb3j.pipeline.PipelineException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a pipeline config: the file's text, {@code ${VAR}} interpolation, YAML parsing that records the line and
 * column of every key and value, then {@code --set path=value} overrides (values parsed as YAML scalars, so
 * {@code --set pipeline.threads=4} sets a number). Failures name the file and, for YAML syntax, the line.
 */
public final class ConfigLoader {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ConfigLoader() {
    }

    /** Loads {@code file}, naming it {@code displayName} in messages. */
    public static PipelineConfig load(Path file, String displayName, Function<String, String> env, List<String> sets) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PipelineException(displayName + ": config file not found");
        } catch (MalformedInputException e) {
            throw new PipelineException(displayName + ": config file is not UTF-8 text");
        } catch (IOException e) {
            throw new PipelineException(displayName + ": cannot read config file: " + e.getMessage(), e);
        }
        return parse(text, displayName, env, sets);
    }

    /** Parses config {@code text}. */
    public static PipelineConfig parse(String text, String displayName, Function<String, String> env, List<String> sets) {
        String interpolated;
        try {
            interpolated = EnvInterpolation.apply(text, env);
        } catch (PipelineException e) {
            throw new PipelineException(displayName + ": " + e.getMessage());
        }
        Map<String, Location> keys = new HashMap<>();
        Map<String, Location> values = new HashMap<>();
        List<LintError> problems = new ArrayList<>();
        ObjectNode root;
        try (JsonParser p = YAML.createParser(interpolated)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                root = NODES.objectNode();
            } else {
                JsonNode node = new TreeReader(displayName, keys, values, problems).read(p, "");
                if (node.isNull()) {
                    root = NODES.objectNode();
                } else if (!node.isObject()) {
                    throw new PipelineException(displayName + "(" + loc(p.currentTokenLocation()).line()
                            + ",1): expected a YAML mapping of config sections (input, pipeline, output...), got a "
                            + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                } else {
                    root = (ObjectNode) node;
                }
                if (p.nextToken() != null) {
                    throw new PipelineException(displayName + "(" + loc(p.currentTokenLocation()).line()
                            + ",1): only one YAML document is allowed in a config file");
                }
            }
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String where = l == null ? displayName : displayName + "(" + l.getLineNr() + "," + l.getColumnNr() + ")";
            throw new PipelineException(where + ": invalid YAML: " + e.getOriginalMessage().split("\n")[0].strip());
        } catch (IOException e) {
            throw new PipelineException(displayName + ": cannot parse config: " + e.getMessage(), e);
        }
        for (String set : sets) {
            applySet(root, set, keys, values);
        }
        return new PipelineConfig(displayName, root, keys, values, List.of(interpolated.split("\n", -1)), problems);
    }

    private static Location loc(JsonLocation l) {
        return new Location(l.getLineNr(), l.getColumnNr());
    }

    /** Builds the tree while recording locations by dotted path. */
    private record TreeReader(String file, Map<String, Location> keys, Map<String, Location> values,
                              List<LintError> problems) {
        JsonNode read(JsonParser p, String path) throws IOException {
            JsonToken t = p.currentToken();
            values.put(path, loc(p.currentTokenLocation()));
            switch (t) {
                case START_OBJECT: {
                    ObjectNode obj = NODES.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        String child = path.isEmpty() ? name : path + "." + name;
                        Location keyLoc = loc(p.currentTokenLocation());
                        p.nextToken();
                        if (obj.has(name)) {
                            problems.add(new LintError(file, keyLoc, child, "duplicate key " + name));
                        }
                        keys.put(child, keyLoc);
                        obj.set(name, read(p, child));
                    }
                    return obj;
                }
                case START_ARRAY: {
                    ArrayNode arr = NODES.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        String child = path.isEmpty() ? Integer.toString(i) : path + "." + i;
                        keys.put(child, loc(p.currentTokenLocation()));
                        arr.add(read(p, child));
                        i++;
                    }
                    return arr;
                }
                case VALUE_STRING:
                    return NODES.textNode(p.getText());
                case VALUE_NUMBER_INT:
                    return switch (p.getNumberType()) {
                        case INT -> NODES.numberNode(p.getIntValue());
                        case LONG -> NODES.numberNode(p.getLongValue());
                        default -> NODES.numberNode(p.getBigIntegerValue());
                    };
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(p.getDoubleValue());
                case VALUE_TRUE, VALUE_FALSE: {
                    // YAML 1.2 (what Redpanda Connect reads) has only true/false; YAML 1.1 words such as
                    // yes, no, on and OFF (logger.level: OFF) stay strings.
                    String text = p.getText();
                    if (text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        return NODES.textNode(text);
                    }
                    return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
                }
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    // Embedded objects (binary scalars such as !!binary) are kept as their text.
                    return NODES.textNode(p.getText());
            }
        }
    }

    /** Applies one {@code path=value} override; intermediate objects are created, array indexes must exist. */
    static void applySet(ObjectNode root, String set, Map<String, Location> keys, Map<String, Location> values) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new PipelineException("invalid --set '" + set + "': expected path=value, e.g. pipeline.threads=4");
        }
        String path = set.substring(0, eq).strip();
        JsonNode value = scalar(set.substring(eq + 1));
        String[] segs = path.split("\\.");
        JsonNode current = root;
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            boolean last = i == segs.length - 1;
            if (at.length() > 0) {
                at.append('.');
            }
            at.append(seg);
            if (current instanceof ObjectNode obj) {
                if (last) {
                    obj.set(seg, value);
                } else {
                    JsonNode next = obj.get(seg);
                    if (next == null || !(next.isObject() || next.isArray())) {
                        next = obj.putObject(seg);
                    }
                    current = next;
                }
            } else if (current instanceof ArrayNode arr) {
                int index;
                try {
                    index = Integer.parseInt(seg);
                } catch (NumberFormatException e) {
                    throw new PipelineException("invalid --set '" + set + "': " + at + " is an array, expected an index");
                }
                if (index < 0 || index > arr.size()) {
                    throw new PipelineException("invalid --set '" + set + "': index " + index + " is out of range ("
                            + arr.size() + " items)");
                }
                if (last) {
                    if (index == arr.size()) {
                        arr.add(value);
                    } else {
                        arr.set(index, value);
                    }
                } else {
                    JsonNode next = index < arr.size() ? arr.get(index) : null;
                    if (next == null || !(next.isObject() || next.isArray())) {
                        next = NODES.objectNode();
                        if (index == arr.size()) {
                            arr.add(next);
                        } else {
                            arr.set(index, next);
                        }
                    }
                    current = next;
                }
            }
            keys.putIfAbsent(at.toString(), Location.SET);
        }
        // Everything under the overridden value now comes from --set.
        keys.keySet().removeIf(k -> k.startsWith(path + "."));
        values.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
        keys.put(path, Location.SET);
        values.put(path, Location.SET);
    }

    private static JsonNode scalar(String text) {
        if (text.isEmpty()) {
            return NODES.textNode("");
        }
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return NODES.textNode(text);
            }
            JsonNode n = new TreeReader("--set", new HashMap<>(), new HashMap<>(), new ArrayList<>()).read(p, "");
            return p.nextToken() == null ? n : NODES.textNode(text);
        } catch (IOException e) {
            return NODES.textNode(text);
        }
    }
}
