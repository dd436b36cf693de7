package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code influxdb3 update database|trigger}. */
@Command(name = "update", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Update a resource such as a database or a trigger's plugin code",
        subcommands = {UpdateCommand.Database.class, UpdateCommand.Trigger.class})
final class UpdateCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: database or trigger");
    }

    /** {@code update database -d DB -r D|none}: {@code PUT /api/v3/configure/database}; {@code none} clears it. */
    @Command(name = "database", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Update a database's retention period")
    static final class Database extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-r", "--retention-period"}, paramLabel = "DURATION",
                description = "The retention period as a human-readable duration (e.g. 30d, 24h) or none to clear it")
        String retentionPeriod;

        @Override
        public Integer call() {
            String db = database.required();
            if (retentionPeriod == null) {
                throw usageError("--retention-period is required for update database");
            }
            ObjectNode body = Json.object().put("db", db);
            if (retentionPeriod.strip().equalsIgnoreCase("none")) {
                body.putNull("retention_period");
            } else {
                CreateCommand.validateDuration("--retention-period", retentionPeriod);
                body.put("retention_period", retentionPeriod.strip());
            }
            client.connect().call("PUT", "/api/v3/configure/database").json(body).send();
            out().println("Database " + quoted(db) + " updated successfully");
            return 0;
        }
    }

    /**
     * {@code update trigger -d DB --trigger-name N --path FILE_OR_DIR}: replaces the trigger's plugin code
     * on the server with a local file ({@code PUT /api/v3/plugins/files}) or directory
     * ({@code PUT /api/v3/plugins/directory}, replaced atomically).
     */
    @Command(name = "trigger", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Replace a trigger's plugin code with a local file or directory")
    static final class Trigger extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-t", "--trigger-name"}, paramLabel = "NAME", required = true,
                description = "The trigger whose plugin code to replace")
        String triggerName;

        @Option(names = {"-p", "--path"}, paramLabel = "FILE_OR_DIR", required = true,
                description = "The new plugin code: a .py file, or a directory with __init__.py")
        String path;

        @Override
        public Integer call() {
            database.required();
            LocalPluginFiles local = LocalPluginFiles.read(path);
            ObjectNode body = Json.object().put("plugin_name", triggerName);
            if (local.directory()) {
                var files = body.putArray("files");
                for (LocalPluginFiles.File f : local.files()) {
                    files.addObject().put("relative_path", f.relativePath()).put("content", f.content());
                }
                client.connect().call("PUT", "/api/v3/plugins/directory").json(body).send();
            } else {
                body.put("content", local.files().get(0).content());
                client.connect().call("PUT", "/api/v3/plugins/files").json(body).send();
            }
            out().println("Trigger " + triggerName + " updated successfully");
            return 0;
        }
    }
}
