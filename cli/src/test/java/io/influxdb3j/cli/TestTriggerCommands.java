package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TestTriggerCommands {
    private static final String TRIGGER = "/api/v3/configure/processing_engine_trigger";

    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("POST", TRIGGER, 200, null, "")
            .respond("DELETE", TRIGGER, 200, null, "")
            .respond("POST", TRIGGER + "/enable", 200, null, "")
            .respond("POST", TRIGGER + "/disable", 200, null, "");

    @AfterEach
    void stop() {
        server.close();
    }

    private TestingCli.Result create(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "create";
        all[1] = "trigger";
        all[2] = "-H";
        all[3] = server.url();
        System.arraycopy(args, 0, all, 4, args.length);
        return new TestingCli().run(all);
    }

    @Test
    void createTriggerWithDefaults() {
        var result = new TestingCli().run("create", "trigger", "-H", server.url(), "--token", "t", "-d", "mydb",
                "--trigger-spec", "every:1m", "--path", "hello.py", "t1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Trigger t1 created successfully\n");
        assertThat(result.err()).isEmpty();
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(TRIGGER);
        assertThat(request.rawQuery()).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.text()).isEqualTo("{\"db\":\"mydb\",\"plugin_filename\":\"hello.py\",\"trigger_name\":\"t1\","
                + "\"trigger_settings\":{\"run_async\":false,\"error_behavior\":\"log\"},"
                + "\"trigger_specification\":\"every:1m\",\"trigger_arguments\":null,\"disabled\":false}");
    }

    @Test
    void createTriggerWithEveryFlag() {
        var result = create("--database", "mydb", "--trigger-spec", "table:cpu", "--plugin-filename", "gh:examples/wal",
                "--trigger-arguments", "a=1,b=2", "--disabled", "--run-asynchronous", "--error-behavior", "retry",
                "t2");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Trigger t2 created successfully\n");
        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"mydb\",\"plugin_filename\":\"gh:examples/wal\","
                + "\"trigger_name\":\"t2\",\"trigger_settings\":{\"run_async\":true,\"error_behavior\":\"retry\"},"
                + "\"trigger_specification\":\"table:cpu\",\"trigger_arguments\":{\"a\":\"1\",\"b\":\"2\"},"
                + "\"disabled\":true}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"log", "retry", "disable", "Disable"})
    void errorBehaviors(String behavior) {
        var result = create("-d", "db", "--trigger-spec", "all_tables", "--path", "p.py", "--error-behavior", behavior,
                "t");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().json().get("trigger_settings").get("error_behavior").asText())
                .isEqualTo(behavior.toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void argumentsSplitOnCommaThenFirstEquals() {
        var result = create("-d", "db", "--trigger-spec", "every:10s", "--path", "p.py", "--trigger-arguments",
                "url=http://x/?a=b&c=d,empty=,sep=a.b c|d", "--trigger-arguments", "k=v", "t");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().json().get("trigger_arguments").toString()).isEqualTo(
                "{\"url\":\"http://x/?a=b&c=d\",\"empty\":\"\",\"sep\":\"a.b c|d\",\"k\":\"v\"}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"novalue", "=v"})
    void badArgumentIsAUsageError(String arg) {
        var result = create("-d", "db", "--trigger-spec", "every:10s", "--path", "p.py", "--trigger-arguments",
                "ok=1," + arg, "t");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: invalid --trigger-arguments entry '" + arg
                + "': expected key=value");
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "table:cpu|table:cpu",
        "'  table:  cpu '|table:cpu",
        "all_tables|all_tables",
        "every:1h 30m|every:1h 30m",
        "cron:0 0 8 * * *|cron:0 0 8 * * *",
        "request:hello/world|request:hello/world"})
    void triggerSpecsAreSentTrimmed(String given, String sent) {
        var result = create("-d", "db", "--trigger-spec", given, "--path", "p.py", "t");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().json().get("trigger_specification").asText()).isEqualTo(sent);
    }

    @ParameterizedTest
    @ValueSource(strings = {"table:", "all_tables:x", "path:foo", "every:", "wal", "request: "})
    void badTriggerSpecIsAUsageError(String spec) {
        var result = create("-d", "db", "--trigger-spec", spec, "--path", "p.py", "t");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: invalid --trigger-spec '" + spec + "': expect one of the"
                + " following forms: 'table:<TABLE_NAME>', 'all_tables', 'cron:<CRON_EXPRESSION>',"
                + " 'every:<DURATION>', or 'request:<PATH>'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void badErrorBehaviorIsAUsageError() {
        var result = create("-d", "db", "--trigger-spec", "all_tables", "--path", "p.py", "--error-behavior",
                "ignore", "t");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: invalid --error-behavior 'ignore': expected one of log, retry,"
                + " disable");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void pathAndPluginFilenameAreExclusive() {
        var both = create("-d", "db", "--trigger-spec", "all_tables", "--path", "a.py", "--plugin-filename", "b.py",
                "t");
        var neither = create("-d", "db", "--trigger-spec", "all_tables", "t");

        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).startsWith("error: give exactly one of --path or --plugin-filename");
        assertThat(neither.exitCode()).isEqualTo(2);
        assertThat(neither.err()).startsWith("error: give exactly one of --path or --plugin-filename");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void createNeedsDatabaseSpecAndName() {
        var noDb = create("--trigger-spec", "all_tables", "--path", "p.py", "t");
        var noSpec = create("-d", "db", "--path", "p.py", "t");
        var noName = create("-d", "db", "--trigger-spec", "all_tables", "--path", "p.py");

        assertThat(noDb.exitCode()).isEqualTo(2);
        assertThat(noDb.err()).startsWith("error: Missing database name");
        assertThat(noSpec.exitCode()).isEqualTo(2);
        assertThat(noSpec.err()).contains("--trigger-spec");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("TRIGGER_NAME");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void databaseFromEnvironment() {
        var result = new TestingCli().env("INFLUXDB3_DATABASE_NAME", "envdb").env("INFLUXDB3_HOST_URL", server.url())
                .run("create", "trigger", "--trigger-spec", "all_tables", "--path", "p.py", "t");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().json().get("db").asText()).isEqualTo("envdb");
    }

    @Test
    void createConflictIsReportedLikeCore() {
        server.respond("POST", TRIGGER, 409, "text/plain", "attempted to create a resource that already exists");

        var result = create("-d", "db", "--trigger-spec", "all_tables", "--path", "p.py", "t");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Create command failed: server responded with error [409 Conflict]:"
                + " attempted to create a resource that already exists\n");
    }

    @Test
    void createServerErrorExitsNonZero() {
        server.respond("POST", TRIGGER, 500, "text/plain", "invalid trigger specification: every:1y1d");

        var result = create("-d", "db", "--trigger-spec", "every:1y1d", "--path", "p.py", "t");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Create command failed: server responded with error [500 Internal Server"
                + " Error]: invalid trigger specification: every:1y1d\n");
    }

    @Test
    void deleteTrigger() {
        var result = new TestingCli().run("delete", "trigger", "-H", server.url(), "--token", "t", "-d", "mydb", "t1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Trigger t1 deleted successfully\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo(TRIGGER);
        assertThat(request.rawQuery()).isNull();
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.text()).isEqualTo("{\"db\":\"mydb\",\"trigger_name\":\"t1\",\"force\":false}");
    }

    @Test
    void deleteTriggerWithForceAsksNoQuestion() {
        var result = new TestingCli().run("delete", "trigger", "-H", server.url(), "-d", "mydb", "--force", "t1");

        assertThat(result.out()).isEqualTo("Trigger t1 deleted successfully\n");
        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"mydb\",\"trigger_name\":\"t1\",\"force\":true}");
    }

    @Test
    void deleteRunningTriggerFails() {
        server.respond("DELETE", TRIGGER, 500, "text/plain",
                "Cannot delete running plugin t1. Disable it first or use --force.");

        var result = new TestingCli().run("delete", "trigger", "-H", server.url(), "-d", "mydb", "t1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Delete command failed: server responded with error [500 Internal Server"
                + " Error]: Cannot delete running plugin t1. Disable it first or use --force.\n");
    }

    @Test
    void deleteNeedsDatabase() {
        var result = new TestingCli().run("delete", "trigger", "-H", server.url(), "t1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Missing database name");
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"enable", "disable"})
    void enableAndDisableUseTheQueryString(String action) {
        var result = new TestingCli().run(action, "trigger", "-H", server.url(), "--token", "t", "-d", "my db",
                "t&1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Trigger t&1 " + action + "d successfully\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo(TRIGGER + "/" + action);
        assertThat(request.rawQuery()).isEqualTo("db=my%20db&trigger_name=t%261");
        assertThat(request.query()).containsExactly(java.util.Map.entry("db", "my db"),
                java.util.Map.entry("trigger_name", "t&1"));
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
        assertThat(request.body()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"enable,Enable", "disable,Disable"})
    void enableAndDisableReportServerErrors(String action, String title) {
        server.respond("POST", TRIGGER + "/" + action, 404, "text/plain", "trigger not found");

        var result = new TestingCli().run(action, "trigger", "-H", server.url(), "-d", "db", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(title + " command failed: server responded with error [404 Not Found]:"
                + " trigger not found\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enable", "disable"})
    void enableAndDisableNeedASubcommandDatabaseAndName(String action) {
        var noSub = new TestingCli().run(action);
        var noDb = new TestingCli().run(action, "trigger", "-H", server.url(), "t");
        var noName = new TestingCli().run(action, "trigger", "-H", server.url(), "-d", "db");

        assertThat(noSub.exitCode()).isEqualTo(2);
        assertThat(noSub.err()).startsWith("error: Missing required subcommand: trigger");
        assertThat(noDb.exitCode()).isEqualTo(2);
        assertThat(noDb.err()).startsWith("error: Missing database name");
        assertThat(noName.exitCode()).isEqualTo(2);
        assertThat(noName.err()).contains("TRIGGER_NAME");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void connectionRefusedExitsNonZero() {
        String url = server.url();
        server.close();

        var result = new TestingCli().run("enable", "trigger", "-H", url, "-d", "db", "t");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Enable command failed: could not connect to " + url);
    }

    @Test
    void helpListsTheTriggerCommands() {
        var result = new TestingCli().run("--help");

        assertThat(result.out()).contains("enable", "disable");
        assertThat(new TestingCli().run("create", "--help").out()).contains("trigger");
        assertThat(new TestingCli().run("delete", "--help").out()).contains("trigger");
    }
}
