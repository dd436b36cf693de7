package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsolatedPluginRunnerTest {
    private final PluginLoader loader = PluginTestSupport.loader();
    private final TestingLogSink logs = new TestingLogSink();
    private final TestingTimeProvider time = new TestingTimeProvider(1_700_000_000_000_000_000L);

    @Test
    void anIsolatedRunnerRunsPluginsInASubInterpreterOfItsOwnWithItsOwnCache() {
        TestingWriteSink writes = new TestingWriteSink();
        PluginRunner shared = new PluginRunner(writes, logs, null, time, Duration.ofSeconds(10));
        try (PluginRunner first = PluginRunner.isolated("iso-a", writes, logs, null, time, Duration.ofSeconds(10));
             PluginRunner second = PluginRunner.isolated("iso-b", writes, logs, null, time, Duration.ofSeconds(10))) {
            assertThat(first.isIsolated()).isTrue();
            assertThat(shared.isIsolated()).isFalse();
            Plugin plugin = loader.load("t", "which_interpreter.py");

            List<String> a = lines(first.runSchedule(plugin, "db", Instant.EPOCH, null));
            List<String> a2 = lines(first.runSchedule(plugin, "db", Instant.EPOCH, null));
            List<String> b = lines(second.runSchedule(plugin, "db", Instant.EPOCH, null));
            List<String> main = lines(shared.runSchedule(plugin, "db", Instant.EPOCH, null));

            String idA = interpreter(a);
            assertThat(idA).isNotEqualTo("0");
            assertThat(interpreter(a2)).isEqualTo(idA);
            assertThat(interpreter(b)).isNotIn("0", idA);
            assertThat(interpreter(main)).isEqualTo("0");
            // The global cache lives in the interpreter: the second call on 'first' sees the first one.
            assertThat(a).anyMatch(l -> l.endsWith("calls=1"));
            assertThat(a2).anyMatch(l -> l.endsWith("calls=2"));
            assertThat(b).anyMatch(l -> l.endsWith("calls=1"));
            // LineBuilder and buffered writes work the same in a sub-interpreter.
            assertThat(writes.writes()).extracting(TestingWriteSink.Write::lines)
                    .contains(List.of("runs,interp=" + idA + " calls=1i"), List.of("runs,interp=" + idA + " calls=2i"));
        }
    }

    @Test
    void aRunawayPluginInASubInterpreterIsStoppedByItsTimeLimitAndTheInterpreterStaysUsable() {
        try (PluginRunner runner = PluginRunner.isolated("iso-loop", new TestingWriteSink(), logs, null, time,
                Duration.ofMillis(500))) {
            PluginRunResult looped = runner.runWal(loader.load("loop", "infinite_loop.py"), "db", List.of(), null);
            assertThat(looped.error().kind()).isEqualTo(PluginError.Kind.TIMEOUT);
            assertThat(looped.error().message()).isEqualTo("plugin exceeded its time limit of 500ms");

            PluginRunResult next = runner.runWal(loader.load("ok", "hello_wal.py"), "db", List.of(), null);
            assertThat(next.succeeded()).isTrue();
        }
    }

    private static List<String> lines(PluginRunResult result) {
        assertThat(result.error()).as("plugin error").isNull();
        return result.logLines().stream().map(PluginLogLine::text).toList();
    }

    private static String interpreter(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("interpreter=")).findFirst().orElseThrow()
                .replaceAll("interpreter=(\\d+).*", "$1");
    }
}
