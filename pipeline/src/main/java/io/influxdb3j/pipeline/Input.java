package io.influxdb3j.pipeline;

import java.util.List;

/**
 * Where messages come from. The runner calls {@link #connect()} once, then {@link #readBatch()} from
 * one thread until it returns {@code null}, then {@link #close()}.
 */
public interface Input extends AutoCloseable {
    default void connect() throws Exception {
    }

    /**
     * Blocks until the next batch is available. Returns {@code null} at end of input (the pipeline then
     * drains and stops). Throws only for an unrecoverable failure (the runner logs it and stops).
     * {@link ReadBatch#ack()} is called once the batch has been written (true) or failed (false).
     */
    ReadBatch readBatch() throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** A batch and the callback that tells the input whether the output delivered it. */
    record ReadBatch(List<Message> messages, Ack ack) {
        public static ReadBatch of(List<Message> messages) {
            return new ReadBatch(messages, delivered -> { });
        }
    }

    @FunctionalInterface
    interface Ack {
        void ack(boolean delivered);
    }
}
