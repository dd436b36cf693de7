/**
 * End-to-end ingest benchmark against a reference. {@link io.influxdb3j.bench.ingest.TsbsCpuGenerator}
 * produces a TSBS cpu-only data set as line-protocol request bodies before any timing starts;
 * {@link io.influxdb3j.bench.ingest.IngestBenchmark} starts each system in turn (our server in this
 * JVM, QuestDB as a child JVM), POSTs the same bodies with the same number of concurrent clients,
 * polls a {@code count} query until every row is visible, and prints rows per second for each and
 * their ratio. Nothing here is used by the server; it only depends on it.
 */
package io.influxdb3j.bench.ingest;
