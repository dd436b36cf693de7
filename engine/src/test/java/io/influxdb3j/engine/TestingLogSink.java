package io.influxdb3j.engine;

import java.util.ArrayList;
import java.util.List;

/** Records log lines as {@code trigger LEVEL text}. */
final class TestingLogSink implements PluginLogSink {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void log(String trigger, String level, String text) {
        lines.add(trigger + " " + level + " " + text);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }
}
