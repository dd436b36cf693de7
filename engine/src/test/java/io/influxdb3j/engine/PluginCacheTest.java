package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginCacheTest {
    private final TestingTimeProvider time = new TestingTimeProvider(1_000_000_000_000_000_000L);
    private final PluginRunner runner = new PluginRunner(new TestingWriteSink(), PluginLogSink.NONE, null, time,
            Duration.ofSeconds(5));
    private final PluginLoader loader = PluginTestSupport.loader();
    // Unique names: the cache is process-wide and other tests may share the JVM.
    private final String database = "db_" + UUID.randomUUID();

    private String run(String trigger, String... keyValues) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            args.put(keyValues[i], keyValues[i + 1]);
        }
        PluginRunResult result = runner.runSchedule(loader.load(trigger, "cache_plugin.py"), database, Instant.EPOCH, args);
        assertThat(result.error()).isNull();
        List<String> lines = result.logLines().stream().map(PluginLogLine::text)
                .filter(t -> !t.startsWith("starting") && !t.startsWith("finished")).toList();
        return String.join("|", lines);
    }

    @Test
    void entriesExpireAfterTheirTtl() {
        run("a", "op", "put", "value", "v", "ttl", "5");
        assertThat(run("a", "op", "get")).isEqualTo("value: v");
        time.advance(Duration.ofMillis(4_900));
        assertThat(run("a", "op", "get")).isEqualTo("value: v");
        time.advance(Duration.ofMillis(200));
        assertThat(run("a", "op", "get")).isEqualTo("value: <missing>");

        run("a", "op", "put", "value", "zero", "ttl", "0");
        assertThat(run("a", "op", "get")).isEqualTo("value: <missing>");
        run("a", "op", "put", "value", "forever");
        time.advance(Duration.ofDays(365));
        assertThat(run("a", "op", "get")).isEqualTo("value: forever");
        assertThat(run("a", "op", "bad_ttl")).isEqualTo("ValueError|TypeError");
    }

    @Test
    void triggerAndGlobalScopesAreSeparate() {
        run("a", "op", "put", "value", "local-a");
        run("a", "op", "put", "value", "shared", "global", "true", "key", "g");
        assertThat(run("b", "op", "get")).isEqualTo("value: <missing>");
        assertThat(run("b", "op", "get", "key", "g", "global", "true")).isEqualTo("value: shared");
        assertThat(run("a", "op", "get")).isEqualTo("value: local-a");

        runner.dropTriggerCache(database, "a");
        assertThat(run("a", "op", "get")).isEqualTo("value: <missing>");
        assertThat(run("a", "op", "get", "key", "g", "global", "true")).isEqualTo("value: shared");

        assertThat(run("b", "op", "delete", "key", "g", "global", "true")).isEqualTo("deleted: True");
        assertThat(run("b", "op", "delete", "key", "g", "global", "true")).isEqualTo("deleted: False");
    }

    @Test
    void theCacheHoldsLiveObjects() {
        assertThat(run("live", "op", "live")).isEqualTo("live: [0]");
        assertThat(run("live", "op", "live")).isEqualTo("live: [0, 1]");
    }

    @Test
    void testRunsUseTheirOwnNamespacesWithADefaultTtl() {
        PluginTester tester = new PluginTester(loader, null, time, Duration.ofSeconds(5));
        String cacheName = "c_" + UUID.randomUUID();
        tester.testSchedule("cache_plugin.py", database, null, Map.of("op", "put", "value", "t", "global", "true",
                "key", "tk"), cacheName);
        assertThat(tester.testSchedule("cache_plugin.py", database, null, Map.of("op", "get", "global", "true",
                "key", "tk"), cacheName).logLines()).containsExactly("INFO: value: t");
        // Not visible in production's global namespace, nor under another cache name.
        assertThat(run("x", "op", "get", "global", "true", "key", "tk")).isEqualTo("value: <missing>");
        assertThat(tester.testSchedule("cache_plugin.py", database, null, Map.of("op", "get", "global", "true",
                "key", "tk"), cacheName + "-other").logLines()).containsExactly("INFO: value: <missing>");
        time.advance(Duration.ofMinutes(31));
        assertThat(tester.testSchedule("cache_plugin.py", database, null, Map.of("op", "get", "global", "true",
                "key", "tk"), cacheName).logLines()).containsExactly("INFO: value: <missing>");
    }
}
