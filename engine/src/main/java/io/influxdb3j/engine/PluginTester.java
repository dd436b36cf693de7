package io.influxdb3j.engine;

import io.influxdb3j.common.Precision;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.lp.LineError;
import io.influxdb3j.lp.LineProtocolParser;
import io.influxdb3j.lp.LineSink;
import io.influxdb3j.lp.ParsedLine;
import io.influxdb3j.query.api.QueryExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dry runs, as {@code influxdb3 test wal_plugin} and {@code influxdb3 test schedule_plugin} do them:
 * the plugin runs for real (queries included) but nothing is written; every write, synchronous or
 * buffered, is captured and returned, synchronous ones first, grouped by database, then checked with
 * the line-protocol parser, problems going to {@code errors}. When the plugin fails the response holds
 * only {@code error executing plugin: <ExcType>: <msg>}. Caches use the test namespaces
 * ({@code cacheName}, default {@code _shared_test}, shared across test calls), where entries without a
 * ttl expire after 30 minutes. A directory plugin runs its {@code __init__.py} as a single file.
 *
 * <p>Failing to find the plugin (missing, or outside the plugin directory) is thrown as the loader's
 * {@link io.influxdb3j.common.InfluxException}, which the HTTP layer answers with 500.
 */
public final class PluginTester {
    static final String DEFAULT_CACHE_NAME = "_shared_test";
    private static final double TEST_CACHE_TTL_SECONDS = 30 * 60;
    private static final String TEST_TRIGGER = "test";

    private final PluginLoader loader;
    private final TimeProvider time;
    private final PluginRunner runner;

    public PluginTester(PluginLoader loader, QueryExecutor queryExecutor, TimeProvider time, Duration callTimeLimit) {
        this.loader = loader;
        this.time = time;
        this.runner = new PluginRunner((database, lines, sync) -> {
            throw new IllegalStateException("a dry run never writes");
        }, PluginLogSink.NONE, queryExecutor, time, callTimeLimit);
    }

    /**
     * Runs {@code process_writes} with {@code inputLp} as {@code table_batches}: every table, in order of
     * first appearance, timestamps read with precision auto, lines without one taking now.
     */
    public WalPluginTestResponse testWal(String filename, String database, String inputLp,
            Map<String, String> inputArguments, String cacheName) {
        Plugin plugin = loader.load(TEST_TRIGGER, filename);
        List<String> inputErrors = new ArrayList<>();
        List<TableBatchView> batches = tableBatches(inputLp, inputErrors);
        if (!inputErrors.isEmpty()) {
            return new WalPluginTestResponse(List.of(), Map.of(), inputErrors);
        }
        PluginRunResult result = runner.run(plugin, database, EntryPoint.WAL, null, "invoke_wal",
                java.util.Arrays.asList(PluginRunner.tableBatches(batches), PluginRunner.nullable(inputArguments)),
                testCache(cacheName), true);
        if (!result.succeeded()) {
            return new WalPluginTestResponse(List.of(), Map.of(), List.of(failure(result)));
        }
        return new WalPluginTestResponse(logLines(result), result.writes(), validate(result.writes()));
    }

    /**
     * Runs {@code process_scheduled_call} once with {@code callTime}, truncated to whole seconds; null
     * means the next second after now, the next fire time of the default schedule {@code * * * * * *}.
     * (Other cron schedules are resolved by the caller, which owns the trigger-spec grammar.)
     */
    public SchedulePluginTestResponse testSchedule(String filename, String database, Instant callTime,
            Map<String, String> inputArguments, String cacheName) {
        Plugin plugin = loader.load(TEST_TRIGGER, filename);
        Instant triggerTime = callTime != null ? callTime.truncatedTo(ChronoUnit.SECONDS)
                : Instant.ofEpochSecond(Math.floorDiv(time.nowNanos(), 1_000_000_000L) + 1);
        PluginRunResult result = runner.run(plugin, database, EntryPoint.SCHEDULE, triggerTime, "invoke_schedule",
                java.util.Arrays.asList(triggerTime.getEpochSecond(), PluginRunner.nullable(inputArguments)),
                testCache(cacheName), true);
        if (!result.succeeded()) {
            return new SchedulePluginTestResponse(null, List.of(), Map.of(), List.of(failure(result)));
        }
        return new SchedulePluginTestResponse(triggerTime.toString(), logLines(result), result.writes(),
                validate(result.writes()));
    }

    private static PluginRunner.CacheSpec testCache(String cacheName) {
        String name = cacheName == null ? DEFAULT_CACHE_NAME : cacheName;
        return new PluginRunner.CacheSpec("test_trigger:" + name, "test_global:" + name, TEST_CACHE_TTL_SECONDS);
    }

    private static String failure(PluginRunResult result) {
        return "error executing plugin: " + result.error().message();
    }

    private static List<String> logLines(PluginRunResult result) {
        return result.logLines().stream().map(PluginLogLine::formatted).toList();
    }

    private static List<String> validate(Map<String, List<String>> writes) {
        List<String> errors = new ArrayList<>();
        writes.forEach((db, lines) -> {
            for (LineError error : LineValidation.of(String.join("\n", lines)).errors()) {
                errors.add("line protocol parse error on write to db " + db + ": " + LineValidation.describe(error));
            }
        });
        return errors;
    }

    private List<TableBatchView> tableBatches(String inputLp, List<String> errors) {
        long now = time.nowNanos();
        Map<String, List<WalRow>> tables = new LinkedHashMap<>();
        new LineProtocolParser().parse(inputLp.getBytes(StandardCharsets.UTF_8), new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                Map<String, Object> columns = new LinkedHashMap<>();
                for (int i = 0; i < line.tagCount(); i++) {
                    columns.put(line.tagKey(i), line.tagValue(i));
                }
                for (int i = 0; i < line.fieldCount(); i++) {
                    columns.put(line.fieldKey(i), switch (line.fieldKind(i)) {
                        case FLOAT -> line.floatValue(i);
                        case INTEGER -> line.longValue(i);
                        case UINTEGER -> WalRow.unsigned(line.longValue(i));
                        case STRING -> line.stringValue(i);
                        case BOOLEAN -> line.booleanValue(i);
                    });
                }
                long timestamp = line.hasTimestamp() ? Precision.AUTO.toNanos(line.timestamp()) : now;
                if (timestamp == Long.MIN_VALUE) {
                    errors.add("line protocol parse error on line " + line.lineNumber()
                            + ": timestamp out of range: " + line.originalLine());
                    return true;
                }
                tables.computeIfAbsent(line.measurement(), k -> new ArrayList<>()).add(new WalRow(columns, timestamp));
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                errors.add("line protocol parse error on line " + error.lineNumber() + ": "
                        + LineValidation.describe(error));
                return true;
            }
        });
        List<TableBatchView> batches = new ArrayList<>();
        tables.forEach((table, rows) -> batches.add(new TableBatchView(table, rows)));
        return batches;
    }
}
