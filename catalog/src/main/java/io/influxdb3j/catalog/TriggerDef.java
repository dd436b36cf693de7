package io.influxdb3j.catalog;

import java.util.Map;

/**
 * A processing-engine trigger as stored: its database (by id, so it follows a rename), a name
 * unique in that database, the plugin file, the trigger specification in canonical text form
 * ({@code table:cpu}, {@code all_tables}, {@code every:1m}, {@code cron:...}, {@code request:path}),
 * string arguments (null = none), and its settings.
 */
public record TriggerDef(int dbId, String name, String pluginFilename, String specification,
                         Map<String, String> arguments, boolean runAsync, String errorBehavior, boolean disabled) {
    public TriggerDef {
        arguments = arguments == null ? null : Map.copyOf(arguments);
    }

    public TriggerDef withDisabled(boolean value) {
        return new TriggerDef(dbId, name, pluginFilename, specification, arguments, runAsync, errorBehavior, value);
    }
}
