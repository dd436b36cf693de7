package io.influxdb3j.server;

import java.util.concurrent.atomic.LongAdder;

/** Counters and latency sums exported at {@code /metrics} in Prometheus text format. */
final class ServerMetrics {
    private final LongAdder writeRequestsOk = new LongAdder();
    private final LongAdder writeRequestsError = new LongAdder();
    private final LongAdder writeLines = new LongAdder();
    private final LongAdder writeLineErrors = new LongAdder();
    private final LongAdder writeBytes = new LongAdder();
    private final LongAdder writeNanos = new LongAdder();
    private final LongAdder queryOk = new LongAdder();
    private final LongAdder queryError = new LongAdder();
    private final LongAdder queryNanos = new LongAdder();
    private final LongAdder httpRequests = new LongAdder();

    void recordWrite(int lines, int lineErrors, long bytes, long nanos, boolean ok) {
        (ok ? writeRequestsOk : writeRequestsError).increment();
        writeLines.add(lines);
        writeLineErrors.add(lineErrors);
        writeBytes.add(bytes);
        writeNanos.add(nanos);
    }

    void recordQuery(long nanos, boolean ok) {
        (ok ? queryOk : queryError).increment();
        queryNanos.add(nanos);
    }

    void recordHttpRequest() {
        httpRequests.increment();
    }

    String render() {
        StringBuilder sb = new StringBuilder(2048);
        counter(sb, "http_requests", "HTTP requests received.", null, httpRequests.sum());
        sb.append("# HELP influxdb3_write_requests Line-protocol write requests by outcome.\n");
        sb.append("# TYPE influxdb3_write_requests counter\n");
        sb.append("influxdb3_write_requests_total{status=\"ok\"} ").append(writeRequestsOk.sum()).append('\n');
        sb.append("influxdb3_write_requests_total{status=\"error\"} ").append(writeRequestsError.sum()).append('\n');
        counter(sb, "influxdb3_write_lines", "Lines accepted.", null, writeLines.sum());
        counter(sb, "influxdb3_write_line_errors", "Lines rejected.", null, writeLineErrors.sum());
        counter(sb, "influxdb3_write_bytes", "Bytes of line protocol received.", null, writeBytes.sum());
        summary(sb, "influxdb3_write_duration_seconds", "Time to validate and durably write a request.",
                writeNanos.sum(), writeRequestsOk.sum() + writeRequestsError.sum());
        sb.append("# HELP influxdb3_query_requests Queries by outcome.\n");
        sb.append("# TYPE influxdb3_query_requests counter\n");
        sb.append("influxdb3_query_requests_total{status=\"ok\"} ").append(queryOk.sum()).append('\n');
        sb.append("influxdb3_query_requests_total{status=\"error\"} ").append(queryError.sum()).append('\n');
        summary(sb, "influxdb3_query_duration_seconds", "Time to plan, run and serialise a query.",
                queryNanos.sum(), queryOk.sum() + queryError.sum());
        sb.append("# EOF\n");
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, String labels, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append("_total").append(labels == null ? "" : labels).append(' ').append(value).append('\n');
    }

    private static void summary(StringBuilder sb, String name, String help, long nanos, long count) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" summary\n");
        sb.append(name).append("_sum ").append(nanos / 1e9).append('\n');
        sb.append(name).append("_count ").append(count).append('\n');
    }
}
