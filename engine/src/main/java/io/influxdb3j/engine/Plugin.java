package io.influxdb3j.engine;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Objects;

/**
 * A plugin as one trigger uses it: a single {@code .py} file, or a directory holding a package with
 * {@code __init__.py}, made by {@link PluginLoader}.
 *
 * <p>A single-file plugin's source is read again whenever the file's modification time changes, so an
 * edit takes effect on the next call; every call runs that source in fresh globals, so two triggers
 * (or two calls) never share module state. A directory plugin is imported as a package under its
 * directory's name and stays in {@code sys.modules}, as in InfluxDB 3 Core. Thread-safe.
 */
public final class Plugin {
    private final String triggerName;
    private final String filename;
    private final Path path;
    private final boolean directory;
    private final boolean fetched;
    private String source;
    private FileTime sourceModified;
    private long sourceSize = -1;

    Plugin(String triggerName, String filename, Path path, boolean directory) {
        this.triggerName = Objects.requireNonNull(triggerName, "triggerName");
        this.filename = filename;
        this.path = path;
        this.directory = directory;
        this.fetched = false;
    }

    /** A single-file plugin fetched from a repository: its source is fixed, it has no path. */
    private Plugin(String triggerName, String filename, String source) {
        this.triggerName = Objects.requireNonNull(triggerName, "triggerName");
        this.filename = filename;
        this.path = null;
        this.directory = false;
        this.fetched = true;
        this.source = Objects.requireNonNull(source, "source");
    }

    static Plugin fetched(String triggerName, String filename, String source) {
        return new Plugin(triggerName, filename, source);
    }

    /** Whether this plugin came from the plugin repository ({@code gh:}); its code never changes then. */
    public boolean isFetched() {
        return fetched;
    }

    /** The trigger this plugin instance belongs to: it names its log lines and its cache. */
    public String triggerName() {
        return triggerName;
    }

    /** The plugin filename as given ({@code plugin_filename}). */
    public String filename() {
        return filename;
    }

    /** The real path of the file or directory; null for a fetched plugin. */
    public Path path() {
        return path;
    }

    public boolean isDirectory() {
        return directory;
    }

    /** The file whose source runs: the plugin file, or a directory plugin's {@code __init__.py}. */
    public Path entryFile() {
        return directory ? path.resolve("__init__.py") : path;
    }

    /** The entry file's current source, re-read if the file changed since the last read. */
    public synchronized String source() {
        if (fetched) {
            return source;
        }
        Path file = entryFile();
        try {
            var attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
            FileTime modified = attributes.lastModifiedTime();
            // Size too: two rewrites within one tick of a coarse file clock keep the same time.
            if (source == null || !modified.equals(sourceModified) || attributes.size() != sourceSize) {
                source = Files.readString(file, StandardCharsets.UTF_8);
                sourceModified = modified;
                sourceSize = attributes.size();
            }
            return source;
        } catch (IOException e) {
            if (source != null) {
                return source; // as InfluxDB 3 does: a failed re-read keeps the code it had
            }
            throw new InfluxException(ErrorCode.NOT_FOUND, "reading plugin file: Plugin not found: " + file, e);
        }
    }

    @Override
    public String toString() {
        return "Plugin[" + triggerName + ": " + (fetched ? filename : path) + "]";
    }
}
