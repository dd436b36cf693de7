package io.influxdb3j.pipeline;

import java.util.List;

/**
 * Where messages go. {@link #connect()} once, then {@link #writeBatch} from the runner's output
 * thread(s). A thrown exception is a failed delivery: the runner logs it at ERROR and nacks the batch
 * to its input.
 */
public interface Output extends AutoCloseable {
    default void connect() throws Exception {
    }

    void writeBatch(List<Message> batch) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
