/**
 * Line protocol, the text format of every write: this module owns reading it and writing it, and
 * depends on nothing but {@code common}. The HTTP write handlers hand a whole request body (bytes,
 * already checked to be UTF-8) to a per-thread {@link io.influxdb3j.lp.LineProtocolParser}, which cuts it
 * into lines, parses each one in place without building objects per token, and calls a
 * {@link io.influxdb3j.lp.LineSink} once per line, in order: {@code onLine} with a reused
 * {@link io.influxdb3j.lp.ParsedLine} view (names decoded through small per-parser caches, numbers
 * already parsed, the raw timestamp left for the caller to scale by precision) or {@code onError} with a
 * {@link io.influxdb3j.lp.LineError} carrying InfluxDB 3's message, the line number and the column. The
 * sink (the write validator) does schema checks and buffering; one bad line never stops the next. In the
 * other direction {@link io.influxdb3j.lp.LineProtocolWriter} escapes and builds lines for re-serialised
 * errors, tests, benchmarks and plugins.
 */
package io.influxdb3j.lp;
