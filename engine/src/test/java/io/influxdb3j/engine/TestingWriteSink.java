package io.influxdb3j.engine;

import java.util.ArrayList;
import java.util.List;

/** Records every write; can be told to fail. */
final class TestingWriteSink implements PluginWriteSink {
    record Write(String database, List<String> lines, boolean sync) {
    }

    final List<Write> writes = new ArrayList<>();
    volatile String failWith;

    @Override
    public synchronized void write(String database, List<String> lineProtocolLines, boolean sync) {
        if (failWith != null) {
            throw new IllegalStateException(failWith);
        }
        writes.add(new Write(database, List.copyOf(lineProtocolLines), sync));
    }

    synchronized List<Write> writes() {
        return List.copyOf(writes);
    }
}
