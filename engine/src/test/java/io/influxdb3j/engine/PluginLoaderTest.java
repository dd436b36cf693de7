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
}
