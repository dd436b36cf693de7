package io.influxdb3j.catalog;

import java.util.Map;

/**
 * A processing-engine trigger as stored: its database (by id, so it follows a rename), a name
 * unique in that database, the plugin file, the trigger specification in canonical text form
 * ({@code table:cpu}, {@code all_tables}, {@code every:1m}, {@code cron:...}, {@code request:path}),
 * string arguments (null = none), and its settings.
 *
 * <p>Two settings go beyond InfluxDB 3 Core: {@code timeLimitMillis}, the most one plugin call may
 * run (null = the server's {@code --plugin-time-limit}), and {@code interpreter}: {@code shared}
 * (null; Core's single main interpreter) or {@code isolated} (a sub-interpreter with its own GIL).
 * Catalog files written before these existed read them as null.
 */
public record TriggerDef(int dbId, String name, String pluginFilename, String specification,
                         Map<String, String> arguments, boolean runAsync, String errorBehavior, boolean disabled,
                         Long timeLimitMillis, String interpreter) {
    public static final String SHARED = "shared";
    public static final String ISOLATED = "isolated";

    public TriggerDef {
        arguments = arguments == null ? null : Map.copyOf(arguments);
        if (interpreter != null && !interpreter.equals(SHARED) && !interpreter.equals(ISOLATED)) {
            throw new IllegalArgumentException("interpreter must be shared or isolated, not " + interpreter);
        }
    }

    public TriggerDef(int dbId, String name, String pluginFilename, String specification,
                      Map<String, String> arguments, boolean runAsync, String errorBehavior, boolean disabled) {
        this(dbId, name, pluginFilename, specification, arguments, runAsync, errorBehavior, disabled, null, null);
    }

    public TriggerDef withDisabled(boolean value) {
        return new TriggerDef(dbId, name, pluginFilename, specification, arguments, runAsync, errorBehavior, value,
                timeLimitMillis, interpreter);
    }

    /** Whether the trigger runs in its own sub-interpreter. */
    public boolean isolated() {
        return ISOLATED.equals(interpreter);
    }
}
