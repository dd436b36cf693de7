package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploading and replacing plugin code over HTTP, path checks, and system.plugin_files. */
class PluginFilesEndToEndTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> put(TestingServer s, String path, String json) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(path))).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String requestTrigger(String name, String plugin) {
        return "{\"db\":\"lab\",\"plugin_filename\":\"" + plugin + "\",\"trigger_name\":\"" + name + "\","
                + "\"trigger_specification\":\"request:" + name + "\",\"trigger_settings\":{\"run_async\":false,"
                + "\"error_behavior\":\"log\"},\"disabled\":false}";
    }

    @Test
    void uploadReplaceAndList() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPluginDir(plugins))) {
            s.postJson("/api/v3/configure/database", "{\"db\":\"lab\"}");
            HttpResponse<String> up = s.postJson("/api/v3/plugins/files?db=lab",
                    "{\"plugin_name\":\"greet.py\",\"content\":\"def process_request(influxdb3_local, q, h, b, args=None):\\n    return {\\\"v\\\": 1}\\n\"}");
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(plugins.resolve("greet.py")).exists();
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger", requestTrigger("greet", "greet.py")).statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/greet").body()).isEqualTo("{\"v\": 1}");

            Thread.sleep(20); // a newer modification time than the first read
            HttpResponse<String> replaced = put(s, "/api/v3/plugins/files",
                    "{\"plugin_name\":\"greet\",\"content\":\"def process_request(influxdb3_local, q, h, b, args=None):\\n    return {\\\"v\\\": 2}\\n\"}");
            assertThat(replaced.statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/greet").body()).isEqualTo("{\"v\": 2}");

            // a multi-file plugin, uploaded file by file, then replaced as a whole directory
            s.postJson("/api/v3/plugins/files", "{\"plugin_name\":\"pkg/helper.py\",\"content\":\"def value():\\n    return 40\\n\"}");
            s.postJson("/api/v3/plugins/files", "{\"plugin_name\":\"pkg/__init__.py\",\"content\":\"from .helper import value\\n"
                    + "def process_request(influxdb3_local, q, h, b, args=None):\\n    return {\\\"v\\\": value() + 2}\\n\"}");
            assertThat(s.postJson("/api/v3/configure/processing_engine_trigger", requestTrigger("pkgtrigger", "pkg")).statusCode()).isEqualTo(200);
            assertThat(s.get("/api/v3/engine/pkgtrigger").body()).isEqualTo("{\"v\": 42}");
            HttpResponse<String> dirReplaced = put(s, "/api/v3/plugins/directory", "{\"plugin_name\":\"pkgtrigger\",\"files\":["
                    + "{\"relative_path\":\"__init__.py\",\"content\":\"def process_request(influxdb3_local, q, h, b, args=None):\\n    return {}\\n\"},"
                    + "{\"relative_path\":\"sub/extra.py\",\"content\":\"X = 1\\n\"}]}");
            assertThat(dirReplaced.statusCode()).isEqualTo(200);
            assertThat(plugins.resolve("pkg/helper.py")).doesNotExist();
            assertThat(plugins.resolve("pkg/sub/extra.py")).exists();
            assertThat(plugins.resolve("pkg.old")).doesNotExist();
            assertThat(plugins.resolve("pkg.tmp")).doesNotExist();

            // nothing outside the plugin directory
            HttpResponse<String> escape = s.postJson("/api/v3/plugins/files", "{\"plugin_name\":\"../evil.py\",\"content\":\"x\"}");
            assertThat(escape.statusCode()).isEqualTo(400);
            assertThat(escape.body()).contains("Path traversal detected");
            assertThat(s.postJson("/api/v3/plugins/files", "{\"plugin_name\":\"/tmp/evil.py\",\"content\":\"x\"}").statusCode()).isEqualTo(400);
            assertThat(put(s, "/api/v3/plugins/directory", "{\"plugin_name\":\"pkgtrigger\",\"files\":["
                    + "{\"relative_path\":\"../../evil.py\",\"content\":\"x\"}]}").statusCode()).isEqualTo(400);
            assertThat(dir.resolve("evil.py")).doesNotExist();
            assertThat(put(s, "/api/v3/plugins/files", "{\"plugin_name\":\"nobody\",\"content\":\"x\"}").statusCode()).isEqualTo(404);

            assertThat(s.sql("_internal", "SELECT plugin_name, file_name FROM system.plugin_files ORDER BY plugin_name, file_name", "csv").body())
                    .isEqualTo("plugin_name,file_name\ngreet,greet.py\npkgtrigger,pkg/__init__.py\npkgtrigger,pkg/sub/extra.py\n");
        }
    }
}
