package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training flow through the CLI against a real server: {@code create trigger} (with {@code --upload},
 * {@code --time-limit}, {@code --interpreter}), the plugins' effects queried back, {@code update trigger}
 * and {@code show summary}.
 */
class TriggerCommandsEndToEndTest {
    @TempDir
    Path dir;

    private static final String WAL_PLUGIN = """
            def process_writes(influxdb3_local, table_batches, args=None):
                for table_batch in table_batches:
                    if table_batch["table_name"] == "hello_summary":
                        continue
                    line = LineBuilder("hello_summary")
                    line.tag("table", table_batch["table_name"])
                    line.int64_field("row_count", len(table_batch["rows"]))
                    influxdb3_local.write(line)
            """;

    private static void eventually(Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void trainingFlowThroughTheCli() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("hello_schedule.py"), """
                def process_scheduled_call(influxdb3_local, call_time, args=None):
                    influxdb3_local.write(LineBuilder("heartbeat").tag("source", args["source"]).int64_field("beat", 1))
                """);
        // plugins on the client's disk, uploaded by the CLI
        Path local = Files.createDirectories(dir.resolve("local"));
        Files.writeString(local.resolve("hello_wal.py"), WAL_PLUGIN);
        Path requestPlugin = Files.createDirectories(local.resolve("hello_http"));
        Files.writeString(requestPlugin.resolve("__init__.py"), """
                from .greeting import greet

                def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
                    return {"message": greet(query_parameters.get("name", "world"))}
                """);
        Files.writeString(requestPlugin.resolve("greeting.py"), "def greet(name):\n    return 'Hello, ' + name + '!'\n");

        ServeConfig config = ServeConfig.defaults().withNodeId("cli-triggers").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withoutAuth(true).withWalFlushInterval(Duration.ofMillis(20))
                .withPluginDir(plugins);
        try (InfluxServer server = InfluxServer.start(config)) {
            String url = "http://127.0.0.1:" + server.port();
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", url).workingDir(dir);
            assertThat(cli.run("create", "database", "lab").exitCode()).isZero();

            TestingCli.Result wal = cli.run("create", "trigger", "-d", "lab", "--trigger-spec", "all_tables",
                    "--upload", "--path", local.resolve("hello_wal.py").toString(), "summary");
            assertThat(wal.exitCode()).as(wal.err()).isZero();
            assertThat(wal.out()).isEqualTo("Trigger summary created successfully\n");
            assertThat(plugins.resolve("hello_wal.py")).hasContent(WAL_PLUGIN);

            TestingCli.Result http = cli.run("create", "trigger", "-d", "lab", "--trigger-spec", "request:hello",
                    "--upload", "--path", requestPlugin.toString(), "--interpreter", "isolated", "--time-limit", "5s",
                    "--trigger-arguments", "greeting=hi", "hello");
            assertThat(http.exitCode()).as(http.err()).isZero();
            assertThat(plugins.resolve("hello_http/greeting.py")).exists();

            assertThat(cli.run("create", "trigger", "-d", "lab", "--trigger-spec", "every:1s", "--path",
                    "hello_schedule.py", "--trigger-arguments", "source=cli", "beat").exitCode()).isZero();

            assertThat(cli.run("write", "-d", "lab", "cpu,host=a usage=1 1", "cpu,host=b usage=2 2").exitCode()).isZero();
            eventually(() -> cli.run("query", "-d", "lab", "--format", "csv",
                    "SELECT \"table\", row_count FROM hello_summary WHERE \"table\" = 'cpu'").out().equals("table,row_count\ncpu,2\n"),
                    "the WAL trigger's summary row");
            eventually(() -> cli.run("query", "-d", "lab", "--format", "csv",
                    "SELECT count(*) > 0 AS beat FROM heartbeat WHERE source = 'cli'").out().equals("beat\ntrue\n"),
                    "a scheduled run");
            assertThat(get(url + "/api/v3/engine/hello?name=Ada").body()).isEqualTo("{\"message\": \"Hello, Ada!\"}");

            // show summary: every trigger with its specification and arguments
            TestingCli.Result summary = cli.run("show", "summary", "-d", "lab", "--format", "csv");
            assertThat(summary.exitCode()).as(summary.err()).isZero();
            assertThat(summary.out()).isEqualTo("""
                    trigger_name,plugin_filename,trigger_specification,disabled,error_behavior,trigger_arguments
                    beat,hello_schedule.py,every:1s,false,log,source=cli
                    hello,hello_http,request:hello,false,log,greeting=hi
                    summary,hello_wal.py,all_tables,false,log,
                    """);

            // update trigger replaces the code; a single-file plugin takes effect on the next call
            Files.writeString(local.resolve("hello_wal_v2.py"), WAL_PLUGIN.replace("row_count", "rows_seen"));
            TestingCli.Result updated = cli.run("update", "trigger", "-d", "lab", "--trigger-name", "summary",
                    "--path", local.resolve("hello_wal_v2.py").toString());
            assertThat(updated.exitCode()).as(updated.err()).isZero();
            assertThat(updated.out()).isEqualTo("Trigger summary updated successfully\n");
            assertThat(plugins.resolve("hello_wal.py")).content().contains("rows_seen");
            assertThat(cli.run("write", "-d", "lab", "mem,host=a free=1 3").exitCode()).isZero();
            eventually(() -> cli.run("query", "-d", "lab", "--format", "csv",
                    "SELECT \"table\", rows_seen FROM hello_summary WHERE \"table\" = 'mem'").out()
                    .equals("table,rows_seen\nmem,1\n"), "the updated WAL plugin");

            // a directory update replaces the whole directory
            Path v2 = Files.createDirectories(local.resolve("v2"));
            Files.writeString(v2.resolve("__init__.py"), "def process_request(influxdb3_local, query_parameters, "
                    + "request_headers, request_body, args=None):\n    return 'v2'\n");
            TestingCli.Result dirUpdate = cli.run("update", "trigger", "-d", "lab", "-t", "hello", "-p", v2.toString());
            assertThat(dirUpdate.exitCode()).as(dirUpdate.err()).isZero();
            assertThat(plugins.resolve("hello_http/greeting.py")).doesNotExist();

            // errors
            TestingCli.Result noFile = cli.run("create", "trigger", "-d", "lab", "--trigger-spec", "all_tables",
                    "--upload", "--path", dir.resolve("nope.py").toString(), "x");
            assertThat(noFile.exitCode()).isNotZero();
            assertThat(noFile.err()).contains("nope.py does not exist");
            TestingCli.Result badMode = cli.run("create", "trigger", "-d", "lab", "--trigger-spec", "all_tables",
                    "--path", "hello_wal.py", "--interpreter", "threads", "x");
            assertThat(badMode.exitCode()).isNotZero();
            assertThat(badMode.err()).contains("invalid --interpreter 'threads'");
            TestingCli.Result unknownTrigger = cli.run("update", "trigger", "-d", "lab", "-t", "ghost", "-p",
                    local.resolve("hello_wal.py").toString());
            assertThat(unknownTrigger.exitCode()).isNotZero();
            assertThat(unknownTrigger.err()).contains("ghost");
        }
    }
}
