package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code influxdb3 update database}. */
@Command(name = "update", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Update a resource such as a database",
        subcommands = {UpdateCommand.Database.class})
final class UpdateCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: database");
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
}
