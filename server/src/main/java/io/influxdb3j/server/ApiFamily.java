package io.influxdb3j.server;

/** Which error envelope a route answers with (InfluxDB's differ by API). */
enum ApiFamily {
    /** {@code {"error":"..."}} JSON: v3 writes and queries, v1 endpoints. */
    JSON_ERROR,
    /** Plain text: configuration endpoints (limits are JSON). */
    PLAIN,
    /** {@code {"code":"...","message":"..."}}: the v2 write endpoint. */
    V2
}
