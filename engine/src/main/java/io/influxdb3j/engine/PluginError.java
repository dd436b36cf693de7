package io.influxdb3j.engine;

/** Why a plugin run failed; {@code message} is the text InfluxDB 3 reports, usually {@code <ExcType>: <msg>}. */
public record PluginError(Kind kind, String message) {
    public enum Kind {
        /** The plugin's code did not compile or its top level raised (an import error, say). */
        LOAD,
        /** The plugin does not define the entry point; the message names the exact signature. */
        ENTRY_POINT,
        /** The entry point raised (including a wrong signature's {@code TypeError}). */
        EXCEPTION,
        /** The call ran past the time limit and was interrupted. */
        TIMEOUT,
        /** A request plugin returned something that is not a valid response. */
        RESPONSE,
        /** The engine itself failed. */
        INTERNAL
    }
}
