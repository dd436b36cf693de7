package io.influxdb3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code influxdb3 --version}: {@code InfluxDB 3 Core, <version>, revision <git or unknown>}. */
final class Version implements IVersionProvider {
    static final String VERSION;
    static final String REVISION;

    static {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // keep the fallbacks
        }
        VERSION = resolved(p.getProperty("version"));
        REVISION = resolved(p.getProperty("revision"));
    }

    private static String resolved(String value) {
        // An unfiltered resource (e.g. run from an IDE) still holds the ${...} placeholders.
        return value == null || value.isBlank() || value.contains("${") ? "unknown" : value.strip();
    }

    static String line() {
        return "InfluxDB 3 Core, " + VERSION + ", revision " + REVISION;
    }

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }
}
