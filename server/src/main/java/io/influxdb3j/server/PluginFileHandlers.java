package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TriggerDef;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.query.SystemTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plugin-file API (spec §4.8): upload a file into {@code --plugin-dir}, replace a trigger's
 * file, or replace a trigger's plugin directory atomically; and {@code system.plugin_files}.
 * Every path is checked to stay inside the plugin directory.
 */
final class PluginFileHandlers {
    private final Optional<Path> pluginDir;
    private final Catalog catalog;

    PluginFileHandlers(Optional<Path> pluginDir, Catalog catalog) {
        this.pluginDir = pluginDir;
        this.catalog = catalog;
    }

    /** {@code POST /api/v3/plugins/files}: {@code plugin_name} is a path relative to the plugin directory. */
    HttpResponse upload(Request r) {
        JsonNode body = ConfigureHandlers.jsonBody(r);
        Path target = resolve(text(body, "plugin_name"));
        writeAtomically(target, text(body, "content"));
        return Reply.empty(200);
    }

    /** {@code PUT /api/v3/plugins/files}: {@code plugin_name} is a trigger; its file (or {@code __init__.py}) is replaced. */
    HttpResponse replaceFile(Request r) {
        JsonNode body = ConfigureHandlers.jsonBody(r);
        Path plugin = resolve(triggerOf(text(body, "plugin_name")).pluginFilename());
        Path target = Files.isDirectory(plugin) ? plugin.resolve("__init__.py") : plugin;
        writeAtomically(target, text(body, "content"));
        return Reply.empty(200);
    }

    /** {@code PUT /api/v3/plugins/directory}: the trigger's plugin directory is replaced as a whole. */
    HttpResponse replaceDirectory(Request r) {
        JsonNode body = ConfigureHandlers.jsonBody(r);
        Path dir = resolve(triggerOf(text(body, "plugin_name")).pluginFilename());
        JsonNode files = body.get("files");
        if (files == null || !files.isArray()) {
            throw InfluxException.invalid("serde json error: missing field `files`");
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        Path old = dir.resolveSibling(dir.getFileName() + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            for (JsonNode f : files) {
                String relative = text(f, "relative_path");
                Path p = tmp.resolve(relative).normalize();
                if (Path.of(relative).isAbsolute() || !p.startsWith(tmp)) {
                    throw traversal(relative);
                }
                Files.createDirectories(p.getParent());
                Files.writeString(p, text(f, "content"), StandardCharsets.UTF_8);
            }
            deleteTree(old);
            boolean hadOld = Files.exists(dir);
            if (hadOld) {
                Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (hadOld) {
                    Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE); // put the old one back
                }
                throw e;
            }
            deleteTree(old);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot replace plugin directory " + dir + ": " + e.getMessage(), e);
        }
        return Reply.empty(200);
    }

    private TriggerDef triggerOf(String name) {
        CatalogSnapshot s = catalog.snapshot();
        for (TriggerDef t : s.triggers()) {
            DatabaseSchema db = s.databaseById(t.dbId());
            if (t.name().equals(name) && db != null && !db.deleted()) {
                return t;
            }
        }
        throw InfluxException.notFound("trigger not found: " + name);
    }

    private Path dir() {
        return pluginDir.orElseThrow(() -> InfluxException.invalid("Node not configured with plugin directory: start the server with --plugin-dir DIR"))
                .toAbsolutePath().normalize();
    }

    /** A path inside the plugin directory, refusing absolute paths and anything that escapes it. */
    private Path resolve(String relative) {
        Path base = dir();
        String trimmed = relative.endsWith("/") ? relative.substring(0, relative.length() - 1) : relative;
        if (trimmed.isEmpty() || Path.of(trimmed).isAbsolute()) {
            throw traversal(relative);
        }
        Path p = base.resolve(trimmed).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw traversal(relative);
        }
        return p;
    }

    private static InfluxException traversal(String name) {
        return InfluxException.invalid("Path traversal detected: plugin filename '" + name
                + "' attempts to access files outside the plugin directory");
    }

    private static void writeAtomically(Path target, String content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot write plugin file " + target + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw InfluxException.invalid("serde json error: missing field `" + field + "`");
        }
        return n.asText();
    }

    /** {@code system.plugin_files} (in {@code _internal}): one row per trigger file, or per {@code .py} file of a directory plugin. */
    SystemTable systemTable() {
        return new SystemTable() {
            @Override
            public String schema() {
                return "system";
            }

            @Override
            public String name() {
                return "plugin_files";
            }

            @Override
            public String columnsDdl() {
                return "plugin_name VARCHAR, file_name VARCHAR, file_path VARCHAR, size_bytes BIGINT, last_modified BIGINT";
            }

            @Override
            public boolean internalOnly() {
                return true;
            }

            @Override
            public List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db) {
                List<Object[]> rows = new ArrayList<>();
                if (pluginDir.isEmpty()) {
                    return rows;
                }
                Path base = dir();
                for (TriggerDef t : catalog.triggers()) {
                    Path p = base.resolve(t.pluginFilename()).normalize();
                    if (!p.startsWith(base) || !Files.exists(p)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.isDirectory(p) ? Files.walk(p) : Stream.of(p)) {
                        for (Path f : files.filter(Files::isRegularFile)
                                .filter(f -> !f.toString().contains("__pycache__"))
                                .filter(f -> !Files.isDirectory(p) || f.toString().endsWith(".py")).sorted().toList()) {
                            rows.add(new Object[]{t.name(), base.relativize(f).toString(), f.toString(), Files.size(f),
                                    Files.getLastModifiedTime(f).toMillis()});
                        }
                    } catch (IOException e) {
                        // a file vanished while listing: leave it out
                    }
                }
                return rows;
            }
        };
    }
}
