package io.influxdb3j.server;

import static io.influxdb3j.server.TestingServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trigger settings against a real server: {@code gh:} plugins from a repository on 127.0.0.1,
 * {@code --restrict-plugin-triggers-to}, per-trigger time limits and the isolated interpreter.
 */
class TriggerSettingsEndToEndTest {
    private static final String CREATE = "/api/v3/configure/processing_engine_trigger";

    @TempDir
    Path dir;

    private Path plugins(String... names) throws Exception {
        return TestPlugins.copyInto(dir, names);
    }

    private static String trigger(String name, String plugin, String spec, String extraSettings) {
        return "{\"db\":\"lab\",\"plugin_filename\":\"" + plugin + "\",\"trigger_name\":\"" + name + "\","
                + "\"trigger_specification\":\"" + spec + "\",\"trigger_settings\":{\"run_async\":false,"
                + "\"error_behavior\":\"log\"" + extraSettings + "},\"disabled\":false}";
    }


    @Test
    void ghPluginsAreFetchedFromTheConfiguredRepository() throws Exception {
        List<String> fetched = new CopyOnWriteArrayList<>();
        HttpServer repo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        repo.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            fetched.add(path);
            byte[] body = """
                    def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
                        return {"from": "repo", "greeting": args["greeting"]}

                    def process_writes(influxdb3_local, table_batches, args=None):
                        influxdb3_local.info("repo plugin saw " + str(len(table_batches)) + " tables")
                    """.getBytes(StandardCharsets.UTF_8);
            boolean found = path.equals("/main/examples/greet.py");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            if (found) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repo.start();
        String base = "http://127.0.0.1:" + repo.getAddress().getPort() + "/main";
        Path pluginDir = plugins();
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true)
                .withPluginDir(pluginDir).withPluginRepo(base))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            String create = "{\"db\":\"lab\",\"plugin_filename\":\"gh:examples/greet.py\",\"trigger_name\":\"greet\","
                    + "\"trigger_specification\":\"request:greet\",\"trigger_settings\":{\"run_async\":false,"
                    + "\"error_behavior\":\"log\"},\"trigger_arguments\":{\"greeting\":\"hi\"},\"disabled\":false}";
            HttpResponse<String> created = s.postJson(CREATE, create);
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(created.body()).as("Core answers with an empty body").isEmpty();
            HttpResponse<String> answer = s.get("/api/v3/engine/greet");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"from\": \"repo\", \"greeting\": \"hi\"}");
            assertThat(fetched).as("fetched at create and at start, not per request")
                    .containsExactly("/main/examples/greet.py", "/main/examples/greet.py");
            s.get("/api/v3/engine/greet");
            assertThat(fetched).hasSize(2);

            HttpResponse<String> missing = s.postJson(CREATE, trigger("nope", "gh:examples/missing.py", "all_tables", ""));
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("error fetching plugin from repository: 404 Not Found "
                    + base + "/examples/missing.py");

            // the test API fetches gh: plugins too, and writes nothing
            HttpResponse<String> tested = s.postJson("/api/v3/plugin_test/wal", "{\"filename\":\"gh:examples/greet.py\","
                    + "\"database\":\"lab\",\"input_lp\":\"cpu,host=a usage=1\"}");
            assertThat(tested.statusCode()).isEqualTo(200);
            assertThat(tested.body()).contains("repo plugin saw 1 tables");
        } finally {
            repo.stop(0);
        }
    }

    @Test
    void restrictedTriggerKindsAreRejectedWith400() throws Exception {
        Path pluginDir = plugins("hello_wal.py", "hello_schedule.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true)
                .withPluginDir(pluginDir)
                .withRestrictPluginTriggersTo(Set.of(ServeConfig.TriggerKind.SCHEDULE)))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            HttpResponse<String> wal = s.postJson(CREATE, trigger("w", "hello_wal.py", "all_tables", ""));
            assertThat(wal.statusCode()).isEqualTo(400);
            assertThat(wal.body()).contains("server is configured to reject WalRows plugin triggers");
            HttpResponse<String> request = s.postJson(CREATE, trigger("r", "hello_wal.py", "request:x", ""));
            assertThat(request.statusCode()).isEqualTo(400);
            assertThat(request.body()).contains("server is configured to reject Request plugin triggers");
            assertThat(s.postJson(CREATE, trigger("s", "hello_schedule.py", "every:1h", "")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aRunawayPluginIsStoppedByItsTriggersTimeLimitWhileWritesAndQueriesGoOn() throws Exception {
        Path pluginDir = plugins("spin.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true)
                .withPluginDir(pluginDir).withPluginTimeLimit(Duration.ofMinutes(5)))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            assertThat(s.postJson(CREATE, trigger("spin", "spin.py", "table:cpu", ",\"time_limit\":\"700ms\"")).statusCode())
                    .isEqualTo(200);
            assertThat(s.postJson(CREATE, trigger("spinhttp", "spin.py", "request:spin", ",\"time_limit\":0.5")).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> bad = s.postJson(CREATE, trigger("x", "spin.py", "request:x", ",\"time_limit\":\"soon\""));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("invalid time_limit `soon`");

            assertThat(s.write("lab", "cpu,host=a usage=1 1").statusCode()).isEqualTo(204);
            // while the plugin spins, writes are acknowledged and queries answer
            for (int i = 2; i < 6; i++) {
                assertThat(s.write("lab", "cpu,host=a usage=" + i + " " + i).statusCode()).isEqualTo(204);
            }
            assertThat(s.sql("lab", "SELECT count(*) AS n FROM cpu", "csv").body()).isEqualTo("n\n5\n");
            eventually(() -> s.sql("lab", "SELECT count(*) AS n FROM system.processing_engine_logs WHERE trigger_name = 'spin'"
                    + " AND log_level = 'ERROR' AND log_text LIKE '%plugin exceeded its time limit of 700ms%'", "csv")
                    .body().matches("n\\n[1-9]\\d*\\n"), "the time-limit error in the logs");

            long start = System.nanoTime();
            HttpResponse<String> spun = s.get("/api/v3/engine/spin");
            assertThat(spun.statusCode()).isEqualTo(500);
            assertThat(spun.body()).contains("plugin exceeded its time limit of 500ms");
            assertThat(s.sql("lab", "SELECT log_text FROM system.processing_engine_logs WHERE trigger_name = 'spinhttp'"
                    + " AND log_level = 'ERROR'", "csv").body())
                    .as("the failure is logged once").isEqualTo("log_text\nerror running request plugin: plugin exceeded its time limit of 500ms\n");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        }
    }

    @Test
    void requestPluginsSeeTheLastOfRepeatedParametersAndHeadersAndNoAuthorization() throws Exception {
        Path pluginDir = plugins("echo_request.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(pluginDir))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            assertThat(s.postJson(CREATE, trigger("echo", "echo_request.py", "request:echo", "")).statusCode()).isEqualTo(200);
            HttpResponse<String> echoed = s.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(s.url("/api/v3/engine/echo?a=1&b=x+y%21&a=2")))
                    .header("X-Test", "first").header("X-Test", "second").header("Authorization", "Bearer secret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("payload")));
            assertThat(echoed.statusCode()).isEqualTo(200);
            assertThat(echoed.body()).isEqualTo("{\"query\": {\"a\": \"2\", \"b\": \"x y!\"}, \"x_test\": \"second\","
                    + " \"has_authorization\": false, \"body\": \"payload\"}");
        }
    }

    @Test
    void isolatedTriggersRunInSubInterpretersAndTheSettingSurvivesARestart() throws Exception {
        Path plugins = plugins("which_interpreter.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            assertThat(s.postJson(CREATE, trigger("iso", "which_interpreter.py", "request:iso",
                    ",\"interpreter\":\"isolated\"")).statusCode()).isEqualTo(200);
            assertThat(s.postJson(CREATE, trigger("main", "which_interpreter.py", "request:main", "")).statusCode())
                    .isEqualTo(200);
            HttpResponse<String> bad = s.postJson(CREATE, trigger("x", "which_interpreter.py", "request:x",
                    ",\"interpreter\":\"separate\""));
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("unknown interpreter `separate`");

            assertThat(s.get("/api/v3/engine/main").body()).isEqualTo("{\"interpreter\": 0}");
            assertThat(s.get("/api/v3/engine/iso").body()).matches("\\{\"interpreter\": [1-9]\\d*}");
        }
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins))) {
            assertThat(s.get("/api/v3/engine/iso").body()).matches("\\{\"interpreter\": [1-9]\\d*}");
            // disabling ends the sub-interpreter; enabling starts a new one
            assertThat(s.post(CREATE + "/disable?db=lab&trigger_name=iso", "").statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/iso").statusCode()).isEqualTo(404);
            assertThat(s.post(CREATE + "/enable?db=lab&trigger_name=iso", "").statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/iso").body()).matches("\\{\"interpreter\": [1-9]\\d*}");
        }
    }

    @Test
    void aPluginCallingTheServersOwnRequestTriggerDoesNotDeadlockAndTableTriggersWaitForTheirTable() throws Exception {
        Path pluginDir = plugins("calls_self.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(pluginDir))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            assertThat(s.postJson(CREATE, trigger("ask", "calls_self.py", "request:ask", "")).statusCode()).isEqualTo(200);
            // 'alerts' does not exist yet: the trigger is created and waits for it (Core's trigger dies)
            String walTrigger = "{\"db\":\"lab\",\"plugin_filename\":\"calls_self.py\",\"trigger_name\":\"alerter\","
                    + "\"trigger_specification\":\"table:alerts\",\"trigger_settings\":{\"run_async\":false,"
                    + "\"error_behavior\":\"log\"},\"trigger_arguments\":{\"url\":\"" + s.url("/api/v3/engine/ask")
                    + "\"},\"disabled\":false}";
            assertThat(s.postJson(CREATE, walTrigger).statusCode()).isEqualTo(200);
            assertThat(s.write("lab", "other,host=a v=1 1").statusCode()).isEqualTo(204);

            assertThat(s.write("lab", "alerts,level=high v=1 1").statusCode()).isEqualTo(204);
            eventually(() -> s.sql("lab", "SELECT level, answer FROM replies", "csv").body()
                    .equals("level,answer\nhigh,high after 1 alerts\n"), "the plugin's call to its own server");
            assertThat(s.sql("lab", "SELECT disabled FROM system.processing_engine_triggers WHERE trigger_name = 'alerter'",
                    "csv").body()).isEqualTo("disabled\nfalse\n");
        }
    }
}
