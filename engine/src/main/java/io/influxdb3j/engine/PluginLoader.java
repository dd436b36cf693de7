package io.influxdb3j.engine;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds plugin code under the plugin directory ({@code --plugin-dir}): a single file (any extension,
 * read as UTF-8) or a directory that contains {@code __init__.py}. Names that would leave the
 * directory ({@code ..}, absolute paths, drive prefixes, symlinks resolving outside) are refused.
 * A {@code gh:PATH} name is fetched from the {@link PluginRepository} on every {@link #load}.
 * Each {@link #load} returns a new {@link Plugin}, so every trigger gets its own.
 */
public final class PluginLoader {
    private final Path pluginDirectory;
    private final PluginRepository repository;

    public PluginLoader(Path pluginDirectory) {
        this(pluginDirectory, PluginRepository.defaultRepository());
    }

    /** A loader that also fetches {@code gh:PATH} plugins from {@code repository}. */
    public PluginLoader(Path pluginDirectory, PluginRepository repository) {
        this.repository = java.util.Objects.requireNonNull(repository, "repository");
        try {
            this.pluginDirectory = pluginDirectory.toRealPath();
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "the plugin directory " + pluginDirectory + " does not exist: create it or fix --plugin-dir", e);
        }
    }

    public Path pluginDirectory() {
        return pluginDirectory;
    }

    /**
     * Locates {@code pluginFilename} for {@code triggerName}.
     *
     * @throws InfluxException INVALID_ARGUMENT for a path that escapes the plugin directory, a
     *     directory without {@code __init__.py} or a failed {@code gh:} fetch, NOT_FOUND when nothing is there
     */
    public Plugin load(String triggerName, String pluginFilename) {
        if (PluginRepository.isRepositoryReference(pluginFilename)) {
            return Plugin.fetched(triggerName, pluginFilename, repository.fetch(pluginFilename));
        }
        String name = pluginFilename;
        while (name.length() > 1 && name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || escapes(name)) {
            throw traversal(pluginFilename);
        }
        Path candidate = pluginDirectory.resolve(name).normalize();
        if (!candidate.startsWith(pluginDirectory) || !Files.exists(candidate)) {
            if (!candidate.startsWith(pluginDirectory)) {
                throw traversal(pluginFilename);
            }
            throw new InfluxException(ErrorCode.NOT_FOUND, "reading plugin file: Plugin not found: " + candidate);
        }
        Path real;
        try {
            real = candidate.toRealPath();
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.NOT_FOUND, "reading plugin file: Plugin not found: " + candidate, e);
        }
        if (!real.startsWith(pluginDirectory)) {
            throw traversal(pluginFilename); // a symlink pointing outside
        }
        if (Files.isDirectory(real)) {
            if (!Files.isRegularFile(real.resolve("__init__.py"))) {
                throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                        "Multi-file plugin directory must contain __init__.py: " + real);
            }
            return new Plugin(triggerName, pluginFilename, real, true);
        }
        return new Plugin(triggerName, pluginFilename, real, false);
    }

    private static boolean escapes(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || (name.length() >= 2 && name.charAt(1) == ':')) {
            return true;
        }
        for (String part : name.split("[/\\\\]")) {
            if (part.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static InfluxException traversal(String pluginFilename) {
        return new InfluxException(ErrorCode.INVALID_ARGUMENT, "Path traversal detected: plugin filename '"
                + pluginFilename + "' attempts to access files outside the plugin directory");
    }
}
