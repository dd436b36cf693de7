package io.influxdb3j.pipeline;

import java.util.List;

/**
 * Transforms batches. One instance is shared by all {@code pipeline.threads} workers, so
 * {@link #processBatch} may be called from several threads at once.
 */
public interface Processor extends AutoCloseable {
    /**
     * Returns the resulting batches: empty to drop the batch (it counts as delivered), usually one.
     * A failure for individual messages is reported by {@link Message#setError} on those messages,
     * which then continue; a thrown exception marks every message of the batch as errored with its
     * message, and the batch continues unchanged.
     */
    List<List<Message>> processBatch(List<Message> batch) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
