package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxdb3j.common.InfluxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginTesterTest {
    private final TestingQueryExecutor queries = new TestingQueryExecutor(
            "CREATE TABLE home (room VARCHAR, temp DOUBLE)",
            "INSERT INTO home VALUES ('Kitchen', 21.5), ('Living Room', 20.0)",
            "CREATE TABLE hello_summary (n BIGINT)");
    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2026-08-21T10:00:04.250Z").toEpochMilli() * 1_000_000L);
    private final PluginTester tester = new PluginTester(PluginTestSupport.loader(), queries, time, Duration.ofSeconds(2));

    @AfterEach
    void close() throws Exception {
        queries.close();
    }

    @Test
    void docsExampleGivesTheDocumentedLogLinesAndWritesNothing() throws Exception {
        WalPluginTestResponse response = tester.testWal("docs_example.py", "sensors",
                "my_measure,tag1=asdf f1=1.0 123\nmy_measure,tag1=qwer f1=2i", Map.of("arg1", "hello", "arg2", "world"), null);

        assertThat(response.errors()).isEmpty();
        assertThat(response.logLines()).containsExactly(
                "INFO: arg1: hello",
                "INFO: query result: [{'room': 'Kitchen', 'temp': 21.5}]",
                "INFO: table: my_measure",
                "INFO: row: {'tag1': 'asdf', 'f1': 1.0, 'time': 123000000000}",
                "INFO: row: {'tag1': 'qwer', 'f1': 2, 'time': " + time.nowNanos() + "}",
                "INFO: done");
        assertThat(response.databaseWrites()).isEqualTo(Map.of(
                "sensors", List.of("some_table,tag1=tag1_value,tag2=tag2_value field1=1i,field2=2.0,field3=\"number three\""),
                "mytestdb", List.of("other_table other_field=1i,other_field2=3.14 1302")));
        // The parameter was bound as a value, against the test's database.
        assertThat(queries.requests).singleElement().satisfies(r -> {
            assertThat(r.database()).isEqualTo("sensors");
            assertThat(r.params()).isEqualTo(Map.of("room", "Kitchen"));
        });
        assertThat(new ObjectMapper().writeValueAsString(new WalPluginTestResponse(List.of("INFO: x"),
                Map.of("db", List.of("m f=1")), List.of()))).isEqualTo(
                "{\"log_lines\":[\"INFO: x\"],\"database_writes\":{\"db\":[\"m f=1\"]},\"errors\":[]}");
    }

    @Test
    void syncWritesAreCapturedFirstAndAFailureLosesEverything() {
        WalPluginTestResponse failed = tester.testWal("raises_after_writes.py", "db", "cpu v=1 1", null, null);
        assertThat(failed).isEqualTo(new WalPluginTestResponse(List.of(), Map.of(),
                List.of("error executing plugin: ValueError: boom")));

        WalPluginTestResponse invalid = tester.testWal("invalid_write.py", "db", "cpu v=1 1", null, null);
        assertThat(invalid.databaseWrites()).isEqualTo(Map.of(
                "db", List.of("good value=1i 10", "bad line without fields"),
                "fine", List.of("ok,host=a value=2i 20")));
        assertThat(invalid.errors()).singleElement().asString().startsWith("line protocol parse error on write to db db: ");
    }

    @Test
    void invalidInputLineProtocolIsReported() {
        WalPluginTestResponse response = tester.testWal("hello_wal.py", "db", "cpu", null, null);
        assertThat(response.errors()).singleElement().asString().startsWith("line protocol parse error on line 1: ");
        assertThat(response.logLines()).isEmpty();
    }

    @Test
    void schedulePluginTestReportsTheTriggerTime() throws Exception {
        SchedulePluginTestResponse response = tester.testSchedule("hello_schedule.py", "db", null, null, null);

        assertThat(response.triggerTime()).isEqualTo("2026-08-21T10:00:05Z");
        assertThat(response.errors()).isEmpty();
        assertThat(response.logLines()).contains("INFO: summary rows: 0");
        assertThat(response.databaseWrites()).isEqualTo(Map.of("db", List.of(
                "scheduler_heartbeat,source=schedule_plugin status=\"running\" 1787306405000000000")));
        assertThat(new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(response)).fieldNames())
                .toIterable().containsExactly("trigger_time", "log_lines", "database_writes", "errors");

        SchedulePluginTestResponse failed = tester.testSchedule("no_entry_point.py", "db",
                Instant.parse("2026-01-01T00:00:00Z"), null, null);
        assertThat(failed.triggerTime()).isNull();
        assertThat(failed.errors()).containsExactly("error executing plugin: the process_scheduled_call function is "
                + "not present in the plugin. Should be defined as: process_scheduled_call(influxdb3_local, call_time, args=None)");
    }

    @Test
    void aMissingPluginFileIsThrown() {
        assertThatThrownBy(() -> tester.testWal("nope.py", "db", "cpu v=1", null, null))
                .isInstanceOf(InfluxException.class).hasMessageStartingWith("reading plugin file: Plugin not found: ");
    }
}
