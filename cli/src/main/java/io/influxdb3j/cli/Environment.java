package io.influxdb3j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables the CLI reads, made injectable so tests never touch {@link System#getenv()}.
 *
 * <p>{@link #load} layers, lowest precedence last: the process environment, then a {@code .env} file in the working
 * directory ({@code KEY=VALUE} lines; it never overrides a variable the process already has), then legacy names copied
 * to their current names when the current name is unset ({@code LOG_FILTER}, {@code OBJECT_STORE_*}, {@code TRACES_*}
 * as Core does, plus the pre-release {@code INFLUXDB_IOX_*} and {@code INFLUXDB3_HOST_IDENTIFIER_PREFIX}).
 */
public final class Environment {
    /** Legacy exact names and the names they now go by. */
    private static final Map<String, String> RENAMED = Map.of(
            "LOG_FILTER", "INFLUXDB3_LOG_FILTER",
            "LOG_DESTINATION", "INFLUXDB3_LOG_DESTINATION",
            "LOG_FORMAT", "INFLUXDB3_LOG_FORMAT",
            "INFLUXDB3_HOST_IDENTIFIER_PREFIX", "INFLUXDB3_NODE_IDENTIFIER_PREFIX",
            "INFLUXDB3_TCP_LISTINER_FILE_PATH", "INFLUXDB3_TCP_LISTENER_FILE_PATH");
    /** Legacy prefixes and their replacements, e.g. {@code OBJECT_STORE_MAX_RETRIES}. */
    private static final List<Map.Entry<String, String>> PREFIXES = List.of(
            Map.entry("OBJECT_STORE_", "INFLUXDB3_OBJECT_STORE_"),
            Map.entry("TRACES_", "INFLUXDB3_TRACES_"),
            Map.entry("INFLUXDB_IOX_", "INFLUXDB3_"));

    private final Map<String, String> vars;

    private Environment(Map<String, String> vars) {
        this.vars = Map.copyOf(vars);
    }

    /** Exactly these variables, no {@code .env} and no legacy copying. */
    public static Environment of(Map<String, String> vars) {
        return new Environment(vars);
    }

    /** The process environment plus {@code workingDir/.env} plus legacy names, as {@code influxdb3} starts. */
    public static Environment load(Map<String, String> process, Path workingDir) {
        Map<String, String> merged = new LinkedHashMap<>(process);
        Path dotEnv = workingDir.resolve(".env");
        if (Files.isRegularFile(dotEnv)) {
            for (Map.Entry<String, String> e : parseDotEnv(dotEnv).entrySet()) {
                merged.putIfAbsent(e.getKey(), e.getValue());
            }
        }
        Map<String, String> copies = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            String current = currentName(e.getKey());
            if (current != null && !merged.containsKey(current)) {
                copies.putIfAbsent(current, e.getValue());
            }
        }
        merged.putAll(copies);
        return new Environment(merged);
    }

    /** The value of {@code name}, empty when unset or blank (an empty variable counts as unset, as in Core). */
    public Optional<String> get(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public Map<String, String> asMap() {
        return vars;
    }

    private static String currentName(String legacy) {
        String renamed = RENAMED.get(legacy);
        if (renamed != null) {
            return renamed;
        }
        for (Map.Entry<String, String> p : PREFIXES) {
            if (legacy.startsWith(p.getKey()) && legacy.length() > p.getKey().length()) {
                return p.getValue() + legacy.substring(p.getKey().length());
            }
        }
        return null;
    }

    /** Parses {@code KEY=VALUE} lines; {@code #} comments, blank lines and a leading {@code export } are allowed. */
    static Map<String, String> parseDotEnv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            } else {
                int comment = value.indexOf(" #");
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            out.put(key, value);
        }
        return out;
    }
}
