package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginRunnerTest {
    private static final List<TableBatchView> BATCHES = List.of(
            new TableBatchView("cpu", List.of(
                    new WalRow(columns("host", "A", "usage", 1L, "system", 23.2), 100),
                    new WalRow(columns("host", "B", "user", 43.1), 120))),
            new TableBatchView("mem", List.of(new WalRow(columns("host", "A", "free", WalRow.unsigned(-1L)), 130))));

    private final PluginLoader loader = PluginTestSupport.loader();
    private final TestingWriteSink writes = new TestingWriteSink();
    private final TestingLogSink logs = new TestingLogSink();
    private final TestingQueryExecutor queries = new TestingQueryExecutor(
            "CREATE TABLE hello_summary (n BIGINT)", "INSERT INTO hello_summary VALUES (1), (2)",
            "CREATE TABLE home (room VARCHAR, temp DOUBLE)");
    private final PluginRunner runner = new PluginRunner(writes, logs, queries,
            new TestingTimeProvider(1_700_000_000_000_000_000L), Duration.ofSeconds(2));

    @AfterEach
    void close() throws Exception {
        queries.close();
    }

    static Map<String, Object> columns(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private PluginRunResult wal(String file) {
        return runner.runWal(loader.load("t_" + file, file), "db", BATCHES, null);
    }

    @Test
    void walTrainingPluginWritesASummaryWithLineBuilderAndNoImport() {
        PluginRunResult result = wal("hello_wal.py");

        assertThat(result.succeeded()).isTrue();
        assertThat(writes.writes()).containsExactly(new TestingWriteSink.Write("db", List.of(
                "hello_summary,source=wal_plugin,table=cpu row_count=2i",
                "hello_summary,source=wal_plugin,table=mem row_count=1i"), false));
        assertThat(result.writes()).containsOnlyKeys("db");
        assertThat(result.logLines()).extracting(PluginLogLine::formatted).containsSubsequence(
                "INFO: starting execution of wal plugin.", "INFO: Hello from WAL plugin!",
                "INFO: Received 2 rows from table cpu", "INFO: Received 1 rows from table mem");
        assertThat(result.logLines().getLast().text()).startsWith("finished execution in ");
        assertThat(logs.lines()).contains("t_hello_wal.py INFO Hello from WAL plugin!");
    }

    @Test
    void walRowsAreSparseDictsWithTimeLast() {
        PluginRunResult result = runner.runWal(loader.load("shape", "docs_example.py"), "db", BATCHES,
                Map.of("arg1", "hello"));
        assertThat(result.error()).isNull();
        assertThat(result.logLines()).extracting(PluginLogLine::text).contains(
                "arg1: hello",
                "row: {'host': 'A', 'usage': 1, 'system': 23.2, 'time': 100}",
                "row: {'host': 'B', 'user': 43.1, 'time': 120}",
                "row: {'host': 'A', 'free': 18446744073709551615, 'time': 130}");
    }

    @Test
    void schedulePluginGetsANaiveDatetimeAndQueries() {
        Instant callTime = Instant.parse("2026-08-21T10:00:05.750Z");
        PluginRunResult result = runner.runSchedule(loader.load("sched", "hello_schedule.py"), "db", callTime, null);

        assertThat(result.error()).isNull();
        assertThat(result.logLines()).extracting(PluginLogLine::text).contains(
                "starting execution with scheduled time 2026-08-21 10:00:05 UTC", "summary rows: 2");
        assertThat(writes.writes()).containsExactly(new TestingWriteSink.Write("db", List.of(
                "scheduler_heartbeat,source=schedule_plugin status=\"running\" 1787306405000000000"), false));
        assertThat(queries.requests).extracting(r -> r.database() + ": " + r.query())
                .containsExactly("db: SELECT count(*) AS n FROM hello_summary");
    }

    @Test
    void requestPluginReturnsJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Authorization", "Bearer secret");
        PluginRunResult result = runner.runRequest(loader.load("http", "hello_http.py"), "db",
                Map.of("name", "ada"), headers, "{\"message\": \"hi\"}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(result.error()).isNull();
        assertThat(result.response().status()).isEqualTo(200);
        assertThat(result.response().headers()).containsEntry("Content-Type", "application/json");
        assertThat(result.response().body()).isEqualTo("{\"message\": \"Hello from InfluxDB 3 Processing Engine!\", "
                + "\"name\": \"ada\", \"echo\": {\"message\": \"hi\"}, \"has_auth\": false, "
                + "\"content_type\": \"application/json\"}");
        assertThat(writes.writes()).extracting(TestingWriteSink.Write::lines)
                .containsExactly(List.of("api_requests,endpoint=hello received=1i"));
    }

    @Test
    void bufferedWritesAreDroppedWhenThePluginRaises() {
        PluginRunResult result = wal("raises_after_writes.py");

        assertThat(result.error()).isEqualTo(new PluginError(PluginError.Kind.EXCEPTION, "ValueError: boom"));
        // write_sync landed while the plugin ran; write and write_to_db were dropped.
        assertThat(writes.writes()).containsExactly(new TestingWriteSink.Write("db", List.of("synced n=1i"), true));
        assertThat(result.writes()).isEqualTo(Map.of("db", List.of("synced n=1i")));
        assertThat(logs.lines()).containsSubsequence("t_raises_after_writes.py WARN about to fail",
                "t_raises_after_writes.py ERROR error executing wal plugin: ValueError: boom");
    }

    @Test
    void everyBadPluginGivesItsErrorAndTheInterpreterStaysUsable() {
        assertThat(wal("import_error.py").error()).isEqualTo(new PluginError(PluginError.Kind.LOAD,
                "ModuleNotFoundError: No module named 'influxdb3j_no_such_module'"));
        assertThat(wal("syntax_error.py").error()).satisfies(e -> {
            assertThat(e.kind()).isEqualTo(PluginError.Kind.LOAD);
            assertThat(e.message()).startsWith("IndentationError: unexpected indent (<string>, line 3)");
        });
        assertThat(wal("no_entry_point.py").error()).isEqualTo(new PluginError(PluginError.Kind.ENTRY_POINT,
                "the process_writes function is not present in the plugin. Should be defined as: "
                        + "process_writes(influxdb3_local, table_batches, args=None)"));
        assertThat(wal("wrong_signature.py").error()).isEqualTo(new PluginError(PluginError.Kind.EXCEPTION,
                "TypeError: process_writes() takes 2 positional arguments but 3 were given"));

        long start = System.nanoTime();
        PluginRunResult loop = wal("infinite_loop.py");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(loop.error()).isEqualTo(new PluginError(PluginError.Kind.TIMEOUT,
                "plugin exceeded its time limit of 2s"));
        assertThat(writes.writes()).isEmpty();

        PluginRunResult missingSchedule = runner.runSchedule(loader.load("s", "hello_wal.py"), "db",
                Instant.EPOCH, null);
        assertThat(missingSchedule.error().message()).isEqualTo("the process_scheduled_call function is not present "
                + "in the plugin. Should be defined as: process_scheduled_call(influxdb3_local, call_time, args=None)");

        assertThat(wal("hello_wal.py").succeeded()).isTrue();
        assertThat(writes.writes()).hasSize(1);
    }

    @Test
    void aRequestPluginFailingWhileLoadingIsALoadErrorAndOneRaisingInItsFunctionIsNot() {
        PluginRunResult load = runner.runRequest(loader.load("r_load", "request_top_level_raise.py"), "db",
                Map.of(), Map.of(), new byte[0], null);
        assertThat(load.error()).isEqualTo(new PluginError(PluginError.Kind.LOAD, "ValueError: bad configuration"));
        assertThat(load.response()).isEqualTo(PluginResponse.error("ValueError: bad configuration"));

        PluginRunResult raised = runner.runRequest(loader.load("r_raise", "requests_variants.py"), "db",
                Map.of("kind", "raise"), Map.of(), new byte[0], null);
        assertThat(raised.error()).isEqualTo(new PluginError(PluginError.Kind.EXCEPTION, "KeyError: 'nope'"));
        assertThat(raised.response()).isEqualTo(PluginResponse.error("Python function call failed: KeyError: 'nope'"));
        assertThat(logs.lines()).contains("r_load ERROR error running request plugin: ValueError: bad configuration");
    }

    @Test
    void invalidBufferedLineProtocolRejectsThatDatabasesBatchOnly() {
        PluginRunResult result = wal("invalid_write.py");

        assertThat(result.succeeded()).isTrue();
        assertThat(writes.writes()).containsExactly(new TestingWriteSink.Write("fine", List.of("ok,host=a value=2i 20"), false));
        assertThat(result.writeErrors()).singleElement().asString()
                .startsWith("line protocol parse error on write to db db: ")
                .contains("bad line without fields");
        assertThat(logs.lines()).anyMatch(l -> l.contains("ERROR error running wal plugin: line protocol parse error"));
    }

    @Test
    void invalidSyncWriteRaisesAPlainException() {
        PluginRunResult result = wal("invalid_sync_write.py");

        assertThat(result.succeeded()).isTrue();
        assertThat(writes.writes()).isEmpty();
        assertThat(result.logLines()).extracting(PluginLogLine::text)
                .anyMatch(t -> t.startsWith("Exception error writing line protocol to db: line protocol parse error"));
    }

    @Test
    void failingSyncSinkRaisesInThePlugin() {
        writes.failWith = "database is full";
        PluginRunResult result = wal("raises_after_writes.py");
        assertThat(result.error().message()).isEqualTo("Exception: error writing line protocol to db: database is full");
    }

    @Test
    void requestReturnValuesAreHandledFlaskStyle() {
        assertThat(request("text")).isEqualTo(new PluginResponse(200, Map.of("Content-Type", "text/html"), "hello"));
        assertThat(request("list")).isEqualTo(new PluginResponse(200, Map.of("Content-Type", "application/json"), "[1, 2]"));
        assertThat(request("tuple_status")).isEqualTo(new PluginResponse(404, Map.of("Content-Type", "text/html"), "missing"));
        assertThat(request("tuple_headers")).isEqualTo(new PluginResponse(202,
                Map.of("Content-Type", "application/json", "X-Extra", "yes"), "{\"a\": 1}"));
        assertThat(request("generator")).isEqualTo(new PluginResponse(200, Map.of("Content-Type", "text/html"), "abc"));
        assertThat(request("flask")).isEqualTo(new PluginResponse(201, Map.of("X-Kind", "flask"), "created"));
        assertThat(request("tuple_bad_headers")).isEqualTo(PluginResponse.error("expected a dictionary in header item"));
        assertThat(request("none")).isEqualTo(PluginResponse.error("Unsupported return type from Python function"));
        assertThat(request("int")).isEqualTo(PluginResponse.error("Unsupported return type from Python function"));
        assertThat(request("bad_status").status()).isEqualTo(500);
        assertThat(request("raise")).isEqualTo(PluginResponse.error("Python function call failed: KeyError: 'nope'"));
        // bytes iterate as ints, which are ignored: an empty body, as in InfluxDB 3.
        assertThat(request("bytes")).isEqualTo(new PluginResponse(200, Map.of("Content-Type", "text/html"), ""));
        assertThat(logs.lines()).anyMatch(l -> l.endsWith("ERROR error running request plugin: Python function call failed: KeyError: 'nope'")
                || l.endsWith("ERROR error running request plugin: KeyError: 'nope'"));
    }

    private PluginResponse request(String kind) {
        PluginRunResult result = runner.runRequest(loader.load("req", "requests_variants.py"), "db",
                Map.of("kind", kind), Map.of(), "raw".getBytes(StandardCharsets.UTF_8), null);
        assertThat(result.response()).isNotNull();
        return result.response();
    }

    @Test
    void influxdb3LocalHasExactlyTheDocumentedSurface() {
        PluginRunResult result = runner.runSchedule(loader.load("surface", "api_surface.py"), "db",
                Instant.parse("2026-01-01T00:00:00Z"), null);

        assertThat(result.error()).isNull();
        assertThat(result.logLines()).extracting(PluginLogLine::text).contains(
                "cache,error,info,query,warn,write,write_sync,write_sync_to_db,write_to_db",
                "datetime None 0",
                "__name__ is builtins",
                "LineBuilder in builtins: True",
                "InvalidLineError not visible",
                "query args TypeError",
                "query error type QueryError");
    }

    @Test
    void directoryPluginsAreImportedAsPackages() {
        PluginRunResult result = runner.runWal(loader.load("multi", "multi_file"), "db", BATCHES, null);
        assertThat(result.error()).isNull();
        assertThat(result.logLines()).extracting(PluginLogLine::text).contains("multi-file plugin saw 2 batches");
    }

    @Test
    void humanDurationsLookLikeInfluxDb3s() {
        assertThat(PluginRunner.humanDuration(Duration.ofNanos(1_234_567))).isEqualTo("1ms 234us 567ns");
        assertThat(PluginRunner.humanDuration(Duration.ofSeconds(90))).isEqualTo("1m 30s");
        assertThat(PluginRunner.humanDuration(Duration.ZERO)).isEqualTo("0s");
    }
}
