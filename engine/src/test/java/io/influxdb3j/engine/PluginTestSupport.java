package io.influxdb3j.engine;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The test plugins under {@code src/test/resources/plugins}. */
final class PluginTestSupport {
    private PluginTestSupport() {
    }

    static Path pluginDirectory() {
        try {
            return Path.of(PluginTestSupport.class.getResource("/plugins").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static PluginLoader loader() {
        return new PluginLoader(pluginDirectory());
    }
}
