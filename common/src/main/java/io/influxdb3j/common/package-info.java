/**
 * Types every other module shares: column types as InfluxDB names them, timestamp precision,
 * typed durations and data sizes, the clock, and the one exception type whose category decides
 * the HTTP status. Nothing here does I/O.
 */
package io.influxdb3j.common;
