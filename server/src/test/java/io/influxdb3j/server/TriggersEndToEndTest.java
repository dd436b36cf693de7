package io.influxdb3j.server;

import static io.influxdb3j.server.TestingServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processing-engine training flow over HTTP against a real server with a plugin directory. */
class TriggersEndToEndTest {
    @TempDir
    Path dir;

    private Path plugins() throws Exception {
        return TestPlugins.copyInto(dir, "hello_wal.py", "hello_schedule.py", "hello_http.py", "always_fails.py");
    }

    private static String trigger(String name, String plugin, String spec, String errorBehavior, String args) {
        return "{\"db\":\"lab\",\"plugin_filename\":\"" + plugin + "\",\"trigger_name\":\"" + name + "\","
                + "\"trigger_specification\":\"" + spec + "\",\"trigger_settings\":{\"run_async\":false,\"error_behavior\":\""
                + errorBehavior + "\"},\"trigger_arguments\":" + args + ",\"disabled\":false}";
    }


    @Test
    void trainingFlowWalScheduleAndRequestTriggers() throws Exception {
        Path plugins = plugins();
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins))) {
            assertThat(s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}").statusCode()).isEqualTo(200);
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger",
                    trigger("summary", "hello_wal.py", "all_tables", "log", "null")).statusCode()).isEqualTo(200);
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger",
                    trigger("beat", "hello_schedule.py", "every:1s", "log", "{\"source\":\"lab-test\"}")).statusCode()).isEqualTo(200);
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger",
                    trigger("hello", "hello_http.py", "request:hello", "log", "null")).statusCode()).isEqualTo(200);

            assertThat(s.write("lab", "cpu,host=a usage=1 1\ncpu,host=b usage=2 2\nmem,host=a free=3 3").statusCode()).isEqualTo(204);
            eventually(() -> s.sql("lab", "SELECT table_name, row_count FROM write_summary WHERE table_name IN ('cpu', 'mem') ORDER BY table_name", "csv")
                    .body().equals("table_name,row_count\ncpu,2\nmem,1\n"), "the WAL trigger's summary rows");
            eventually(() -> s.sql("lab", "SELECT count(*) AS n FROM heartbeat WHERE source = 'lab-test'", "csv").statusCode() == 200
                    && !s.sql("lab", "SELECT count(*) AS n FROM heartbeat", "csv").body().equals("n\n0\n"), "a scheduled run");

            HttpResponse<String> hello = s.get("/api/v3/engine/hello?name=Ada");
            assertThat(hello.statusCode()).isEqualTo(200);
            assertThat(hello.body()).startsWith("{\"message\": \"Hello, Ada!\", \"summaries\": ");
            HttpResponse<String> missing = s.get("/api/v3/engine/nope");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo("{error: \"not found\"}");

            assertThat(s.sql("lab", "SELECT trigger_name, trigger_specification, disabled, error_behavior FROM system.processing_engine_triggers ORDER BY 1", "csv").body())
                    .isEqualTo("trigger_name,trigger_specification,disabled,error_behavior\nbeat,every:1s,false,log\nhello,request:hello,false,log\nsummary,all_tables,false,log\n");
            assertThat(s.sql("lab", "SELECT argument_key, argument_value FROM system.processing_engine_trigger_arguments", "csv").body())
                    .isEqualTo("argument_key,argument_value\nsource,lab-test\n");
            assertThat(s.sql("lab", "SELECT count(*) > 0 AS logged FROM system.processing_engine_logs WHERE trigger_name = 'summary' AND log_text LIKE 'summarised%'", "csv").body())
                    .isEqualTo("logged\ntrue\n");

            // a cron trigger (6 fields, UTC) fires too
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger",
                    trigger("crontab", "hello_schedule.py", "cron:* * * * * *", "log", "{\"source\":\"cron\"}")).statusCode()).isEqualTo(200);
            eventually(() -> !s.sql("lab", "SELECT count(*) AS n FROM heartbeat WHERE source = 'cron'", "csv").body().equals("n\n0\n"),
                    "a cron run");
            assertThat(s.post("/api/v3/configure/processing_engine_trigger/disable?db=lab&trigger_name=crontab", "").statusCode()).isEqualTo(200);
            HttpResponse<String> badCron = s.postJson("/api/v3/configure/processing_engine_trigger", trigger("z", "hello_schedule.py", "cron:* * * * *", "log", "null"));
            assertThat(badCron.statusCode()).isEqualTo(400);
            assertThat(badCron.body()).contains("expected 6 or 7 fields");

            // bad input
            HttpResponse<String> badSpec = s.postJson("/api/v3/configure/processing_engine_trigger", trigger("x", "hello_wal.py", "sometimes", "log", "null"));
            assertThat(badSpec.statusCode()).isEqualTo(400);
            assertThat(badSpec.body()).contains("expect one of the following forms");
            HttpResponse<String> noFile = s.postJson("/api/v3/configure/processing_engine_trigger", trigger("y", "missing.py", "all_tables", "log", "null"));
            assertThat(noFile.statusCode()).isIn(400, 404);
            assertThat(noFile.body()).contains("missing.py");
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger", trigger("summary", "hello_wal.py", "all_tables", "log", "null")).statusCode()).isEqualTo(409);

            // error_behavior=disable is persisted (Core forgets it)
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger",
                    trigger("fragile", "always_fails.py", "table:cpu", "disable", "null")).statusCode()).isEqualTo(200);
            s.write("lab", "cpu,host=c usage=3 4");
            eventually(() -> s.sql("lab", "SELECT disabled FROM system.processing_engine_triggers WHERE trigger_name = 'fragile'", "csv")
                    .body().equals("disabled\ntrue\n"), "the failing trigger to be disabled");
            assertThat(s.sql("lab", "SELECT log_text FROM system.processing_engine_logs WHERE trigger_name = 'fragile' AND log_level = 'ERROR' LIMIT 1", "csv").body())
                    .contains("ValueError: this plugin always fails");

            // disable / enable / delete
            assertThat(s.post("/api/v3/configure/processing_engine_trigger/disable?db=lab&trigger_name=beat", "").statusCode()).isEqualTo(200);
            HttpResponse<String> running = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/configure/processing_engine_trigger?db=lab&trigger_name=hello"))).DELETE());
            assertThat(running.statusCode()).as("an enabled trigger needs force").isEqualTo(409);
        }
        // restart: enabled triggers resume
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins))) {
            assertThat(s.get("/api/v3/engine/hello").body()).startsWith("{\"message\": \"Hello, world!\"");
            s.write("lab", "disk,host=a used=1 5");
            eventually(() -> s.sql("lab", "SELECT row_count FROM write_summary WHERE table_name = 'disk'", "csv")
                    .body().equals("row_count\n1\n"), "the WAL trigger after a restart");
            assertThat(s.sql("lab", "SELECT disabled FROM system.processing_engine_triggers WHERE trigger_name IN ('beat', 'crontab', 'fragile') ORDER BY trigger_name", "csv").body())
                    .isEqualTo("disabled\ntrue\ntrue\ntrue\n");
            HttpResponse<String> forced = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/configure/processing_engine_trigger?db=lab&trigger_name=hello&force=true"))).DELETE());
            assertThat(forced.statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/hello").statusCode()).isEqualTo(404);
        }
    }
}
