package io.influxdb3j.server;

import static io.influxdb3j.server.TestingServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad plugins against a real server: one that fails to import, one without its entry point, one
 * with the wrong signature, one writing invalid line protocol and a request plugin returning an
 * unsupported value. The server stays up, writes and queries go on, and each error is in the logs
 * (and, for the request trigger, in a 500 JSON body).
 */
class BadPluginsEndToEndTest {
    private static final String CREATE = "/api/v3/configure/processing_engine_trigger";

    @TempDir
    Path dir;

    private Path plugins(String... names) throws Exception {
        return TestPlugins.copyInto(dir, names);
    }

    private static String trigger(String name, String plugin, String spec) {
        return "{\"db\":\"lab\",\"plugin_filename\":\"" + plugin + "\",\"trigger_name\":\"" + name + "\","
                + "\"trigger_specification\":\"" + spec + "\",\"trigger_settings\":{\"run_async\":false,"
                + "\"error_behavior\":\"log\"},\"disabled\":false}";
    }

    private static String errors(TestingServer s, String trigger) {
        return s.sql("lab", "SELECT log_text FROM system.processing_engine_logs WHERE trigger_name = '" + trigger
                + "' AND log_level = 'ERROR'", "csv").body();
    }

    @Test
    void badPluginsAreLoggedAndTheServerGoesOn() throws Exception {
        Path pluginDir = plugins("import_error.py", "no_entry_point.py", "wrong_signature.py", "invalid_write.py",
                "bad_headers.py");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(pluginDir))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            for (String[] t : new String[][]{{"imports", "import_error.py"}, {"entry", "no_entry_point.py"},
                    {"signature", "wrong_signature.py"}, {"invalid", "invalid_write.py"}}) {
                HttpResponse<String> created = s.postJson(CREATE, trigger(t[0], t[1], "table:cpu"));
                assertThat(created.statusCode()).as(t[1] + ": " + created.body()).isEqualTo(200);
            }
            assertThat(s.postJson(CREATE, trigger("headers", "bad_headers.py", "request:headers")).statusCode()).isEqualTo(200);

            assertThat(s.write("lab", "cpu,host=a usage=1 1").statusCode()).isEqualTo(204);
            eventually(() -> errors(s, "imports").contains("ModuleNotFoundError: No module named 'influxdb3j_no_such_module'"),
                    "the import error in the logs");
            eventually(() -> errors(s, "entry").contains("the process_writes function is not present in the plugin"),
                    "the missing entry point in the logs");
            eventually(() -> errors(s, "signature").contains(
                    "TypeError: process_writes() takes 2 positional arguments but 3 were given"), "the signature error in the logs");
            eventually(() -> errors(s, "invalid").contains("line protocol parse error on write to db lab"),
                    "the invalid line protocol in the logs");
            // the invalid plugin's valid line for another database was written
            eventually(() -> s.sql("fine", "SELECT count(*) AS n FROM ok", "csv").body().equals("n\n1\n"),
                    "the valid write of the plugin with an invalid line");

            HttpResponse<String> headers = s.get("/api/v3/engine/headers");
            assertThat(headers.statusCode()).isEqualTo(500);
            assertThat(headers.body()).startsWith("{").contains("expected a dictionary in header item");
            assertThat(errors(s, "headers")).contains("expected a dictionary in header item");

            // the server goes on: writes are acknowledged, queries answer, the triggers still run
            assertThat(s.write("lab", "cpu,host=b usage=2 2").statusCode()).isEqualTo(204);
            assertThat(s.sql("lab", "SELECT count(*) AS n FROM cpu", "csv").body()).isEqualTo("n\n2\n");
            assertThat(s.sql("lab", "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'good'", "csv")
                    .body()).as("the batch with the invalid line was not written").isEqualTo("n\n0\n");
            eventually(() -> errors(s, "imports").split("ModuleNotFoundError", -1).length > 2,
                    "the failing trigger to run again on the next write");
        }
    }
}
