package io.influxdb3j.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Example plugins of this module's test resources ({@code /plugins/...}), copied into a plugin directory. */
final class TestPlugins {
    private TestPlugins() {
    }

    /** Copies the named plugins into {@code dir/plugins} (created if needed) and returns that directory. */
    static Path copyInto(Path dir, String... names) throws IOException {
        Path p = Files.createDirectories(dir.resolve("plugins"));
        for (String name : names) {
            try (InputStream in = TestPlugins.class.getResourceAsStream("/plugins/" + name)) {
                if (in == null) {
                    throw new IOException("no test plugin " + name);
                }
                Files.copy(in, p.resolve(name));
            }
        }
        return p;
    }
}
