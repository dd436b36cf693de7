package io.influxdb3j.pipeline.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A config file after environment interpolation, YAML parsing and {@code --set} overrides: the tree, where each key
 * and value came from (so lint errors and Bloblang errors name a line), and the text lines.
 */
public final class PipelineConfig {
    private final String fileName;
    private final ObjectNode root;
    private final Map<String, Location> keyLocations;
    private final Map<String, Location> valueLocations;
    private final List<String> lines;
    private final List<LintError> parseErrors;

    PipelineConfig(String fileName, ObjectNode root, Map<String, Location> keyLocations, Map<String, Location> valueLocations,
                   List<String> lines, List<LintError> parseErrors) {
        this.fileName = fileName;
        this.root = root;
        this.keyLocations = keyLocations;
        this.valueLocations = valueLocations;
        this.lines = lines;
        this.parseErrors = parseErrors;
    }

    /** The file as named in messages (as given on the command line). */
    public String fileName() {
        return fileName;
    }

    public ObjectNode root() {
        return root;
    }

    /** The node at a dotted path ({@code pipeline.processors.0.mapping}), or a missing node. */
    public JsonNode at(String path) {
        JsonNode n = root;
        if (path.isEmpty()) {
            return n;
        }
        for (String seg : path.split("\\.")) {
            n = n.isArray() ? n.path(index(seg)) : n.path(seg);
        }
        return n;
    }

    private static int index(String seg) {
        try {
            return Integer.parseInt(seg);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Where the key at {@code path} is written (for unknown-key errors), falling back to its parent's. */
    public Location keyLocation(String path) {
        return locate(keyLocations, path);
    }

    /** Where the value at {@code path} starts, falling back to its key and then to the parent's. */
    public Location valueLocation(String path) {
        Location l = valueLocations.get(path);
        return l != null ? l : locate(keyLocations, path);
    }

    private Location locate(Map<String, Location> map, String path) {
        String p = path;
        while (true) {
            Location l = map.get(p);
            if (l == null) {
                l = valueLocations.get(p);
            }
            if (l != null) {
                return l;
            }
            int dot = p.lastIndexOf('.');
            if (dot < 0) {
                return Location.UNKNOWN;
            }
            p = p.substring(0, dot);
        }
    }

    /**
     * The file position of a position inside the string value at {@code path} (a Bloblang mapping): for a block
     * scalar ({@code |} or {@code >}) text line 1 is the line after the indicator; otherwise the value's own line.
     */
    public Location locateInValue(String path, int lineInValue, int columnInValue) {
        Location start = valueLocation(path);
        if (!start.known() || lineInValue <= 0) {
            return start;
        }
        String text = start.line() <= lines.size() ? lines.get(start.line() - 1) : "";
        int col = start.column() - 1;
        char first = col >= 0 && col < text.length() ? text.charAt(col) : ' ';
        if (first == '|' || first == '>') {
            int line = start.line() + lineInValue;
            String content = line <= lines.size() ? lines.get(line - 1) : "";
            int indent = 0;
            while (indent < content.length() && content.charAt(indent) == ' ') {
                indent++;
            }
            return new Location(line, indent + Math.max(columnInValue, 1));
        }
        int quote = first == '"' || first == '\'' ? 1 : 0;
        if (lineInValue == 1) {
            return new Location(start.line(), start.column() + quote + Math.max(columnInValue, 1) - 1);
        }
        return new Location(start.line() + lineInValue - 1, Math.max(columnInValue, 1));
    }

    /** Problems found while reading (duplicate keys); reported with the lint errors. */
    public List<LintError> parseErrors() {
        return parseErrors;
    }

    /** A lint error at the key of {@code path}. */
    public LintError errorAtKey(String path, String message) {
        return new LintError(fileName, keyLocation(path), path, message);
    }

    /** A lint error at the value of {@code path}. */
    public LintError errorAtValue(String path, String message) {
        return new LintError(fileName, valueLocation(path), path, message);
    }
}
