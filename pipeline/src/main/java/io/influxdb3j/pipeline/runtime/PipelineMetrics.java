package io.influxdb3j.pipeline.runtime;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running pipeline, served at {@code /metrics} in the Prometheus text format. */
public final class PipelineMetrics {
    final AtomicLong inputReceived = new AtomicLong();
    final AtomicLong processorError = new AtomicLong();
    final AtomicLong outputSent = new AtomicLong();
    final AtomicLong outputBatchSent = new AtomicLong();
    final AtomicLong outputError = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();

    public long inputReceived() {
        return inputReceived.get();
    }

    public long processorErrors() {
        return processorError.get();
    }

    public long outputSent() {
        return outputSent.get();
    }

    public long outputErrors() {
        return outputError.get();
    }

    /** The counters in the Prometheus text exposition format. */
    public String prometheus() {
        StringBuilder sb = new StringBuilder();
        counter(sb, "input_received", "Messages read by the input", inputReceived.get());
        counter(sb, "processor_error", "Messages flagged with an error by a processor", processorError.get());
        counter(sb, "output_sent", "Messages delivered by the output", outputSent.get());
        counter(sb, "output_batch_sent", "Batches delivered by the output", outputBatchSent.get());
        counter(sb, "output_error", "Failed output writes", outputError.get());
        counter(sb, "input_replayed", "Batches sent again after a failed delivery", replayed.get());
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, long value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        sb.append(name).append(' ').append(value).append('\n');
    }
}
