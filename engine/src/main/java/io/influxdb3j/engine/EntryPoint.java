package io.influxdb3j.engine;

/** The function a plugin must define for each kind of trigger, with the signature InfluxDB 3 documents. */
public enum EntryPoint {
    WAL("process_writes", "process_writes(influxdb3_local, table_batches, args=None)", "wal plugin"),
    SCHEDULE("process_scheduled_call", "process_scheduled_call(influxdb3_local, call_time, args=None)",
            "schedule plugin"),
    REQUEST("process_request", "process_request(influxdb3_local, query_parameters, request_headers, "
            + "request_body, args=None) -> Tuple[str, Optional[Dict[str, str]]]", "request plugin");

    private final String functionName;
    private final String signature;
    private final String description;

    EntryPoint(String functionName, String signature, String description) {
        this.functionName = functionName;
        this.signature = signature;
        this.description = description;
    }

    public String functionName() {
        return functionName;
    }

    /** The exact definition Python must have, as the error for a missing entry point names it. */
    public String signature() {
        return signature;
    }

    /** {@code wal plugin}, {@code schedule plugin} or {@code request plugin}, as used in log lines. */
    public String description() {
        return description;
    }

    /** InfluxDB 3's fixed text for a plugin that does not define the function. */
    public String missingMessage() {
        return "the " + functionName + " function is not present in the plugin. Should be defined as: " + signature;
    }
}
