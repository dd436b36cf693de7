package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    private static final String TRAVERSAL = "attempts to access files outside the plugin directory";

    @Test
    void findsFilesAndPackageDirectories() {
        PluginLoader loader = PluginTestSupport.loader();
        Plugin file = loader.load("t1", "hello_wal.py");
        assertThat(file.isDirectory()).isFalse();
        assertThat(file.source()).contains("def process_writes");
        Plugin directory = loader.load("t2", "multi_file/");
        assertThat(directory.isDirectory()).isTrue();
        assertThat(directory.entryFile().getFileName().toString()).isEqualTo("__init__.py");
        assertThat(loader.load("t3", "hello_wal.py")).isNotSameAs(file);
    }

    @Test
    void refusesPathsOutsideThePluginDirectory(@TempDir Path temp) throws Exception {
        Path plugins = Files.createDirectory(temp.resolve("plugins"));
        Files.writeString(temp.resolve("secret.py"), "x = 1");
        Files.createSymbolicLink(plugins.resolve("link.py"), temp.resolve("secret.py"));
        PluginLoader loader = new PluginLoader(plugins);
        for (String name : new String[] {"../secret.py", "/etc/passwd", "a/../../secret.py", "C:\\x.py", "link.py"}) {
            assertThatThrownBy(() -> loader.load("t", name)).as(name).isInstanceOf(InfluxException.class)
                    .hasMessage("Path traversal detected: plugin filename '" + name + "' " + TRAVERSAL);
        }
    }

    @Test
    void reportsMissingPluginsAndDirectoriesWithoutInit() {
        PluginLoader loader = PluginTestSupport.loader();
        assertThatThrownBy(() -> loader.load("t", "missing.py")).isInstanceOf(InfluxException.class)
                .hasMessageStartingWith("reading plugin file: Plugin not found: ")
                .satisfies(e -> assertThat(((InfluxException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> loader.load("t", "no_init")).isInstanceOf(InfluxException.class)
                .hasMessageStartingWith("Multi-file plugin directory must contain __init__.py: ");
    }

    @Test
    void singleFileEditsTakeEffectOnTheNextRead(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("p.py");
        Files.writeString(file, "v = 1");
        Plugin plugin = new PluginLoader(temp).load("t", "p.py");
        assertThat(plugin.source()).isEqualTo("v = 1");
        Files.writeString(file, "v = 2");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertThat(plugin.source()).isEqualTo("v = 2");
    }

    @Test
    void fetchesGhPluginsFromTheConfiguredRepository(@TempDir Path temp) throws Exception {
        com.sun.net.httpserver.HttpServer repo = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.List<String> requested = new java.util.concurrent.CopyOnWriteArrayList<>();
        repo.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            byte[] body = "def process_writes(influxdb3_local, table_batches, args=None):\n    pass\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().endsWith("/examples/wal.py") ? 200 : 404;
            exchange.sendResponseHeaders(status, status == 200 ? body.length : -1);
            if (status == 200) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        repo.start();
        try {
            String base = "http://127.0.0.1:" + repo.getAddress().getPort() + "/plugins";
            PluginLoader loader = new PluginLoader(temp, new PluginRepository(base));
            Plugin plugin = loader.load("t", "gh:examples/wal.py");
            assertThat(plugin.isFetched()).isTrue();
            assertThat(plugin.path()).isNull();
            assertThat(plugin.source()).contains("def process_writes");
            assertThat(requested).containsExactly("/plugins/examples/wal.py");

            assertThatThrownBy(() -> loader.load("t", "gh:examples/missing.py")).isInstanceOf(InfluxException.class)
                    .hasMessage("error fetching plugin from repository: 404 Not Found " + base + "/examples/missing.py")
                    .extracting(e -> ((InfluxException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            // and it runs like a local single-file plugin
            PluginRunResult result = new PluginRunner(new TestingWriteSink(), new TestingLogSink(), null,
                    new TestingTimeProvider(0), java.time.Duration.ofSeconds(5)).runWal(plugin, "db", java.util.List.of(), null);
            assertThat(result.succeeded()).isTrue();
        } finally {
            repo.stop(0);
        }
        assertThatThrownBy(() -> new PluginRepository("ftp://example.com/")).hasMessageContaining("must be an http");
    }
}
