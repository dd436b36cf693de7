package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code influxdb3 delete database|table|token|last_cache|distinct_cache|trigger}; deleting a database, table or token
 * asks for "yes" unless {@code -y/--yes}.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Delete a resource such as a database, table, token, cache or trigger",
        subcommands = {DeleteCommand.Database.class, DeleteCommand.Table.class, DeleteCommand.Token.class,
                CacheCommands.DeleteLastCache.class, CacheCommands.DeleteDistinctCache.class,
                DeleteCommand.Trigger.class})
final class DeleteCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: database, table, token, last_cache, distinct_cache or"
                + " trigger");
    }

    /** {@code never}, {@code now}, {@code default} or an RFC 3339 time, as the server's {@code hard_delete_at}. */
    static String hardDeleteAt(BaseCommand command, String when) {
        if (when == null) {
            return null;
        }
        String s = when.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("never") || lower.equals("now") || lower.equals("default")) {
            return lower;
        }
        try {
            OffsetDateTime.parse(s);
            return s;
        } catch (DateTimeParseException e) {
            throw command.usageError("invalid --hard-delete '" + when
                    + "': expected never, now, default or an RFC3339 timestamp such as 2030-01-01T00:00:00Z");
        }
    }

    /** {@code delete database NAME}: {@code DELETE /api/v3/configure/database?db=NAME}. */
    @Command(name = "database", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Delete a database")
    static final class Database extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--hard-delete", paramLabel = "WHEN",
                description = "When to remove the data for good: never, now, default (after the server's"
                        + " --hard-delete-default-duration) or an RFC3339 time")
        String hardDelete;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
        boolean yes;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE_NAME",
                description = "The name of the database to delete")
        @Env("INFLUXDB3_DATABASE_NAME")
        String name;

        @Override
        public Integer call() {
            if (name == null || name.isBlank()) {
                throw usageError("Missing database name: pass DATABASE_NAME or set INFLUXDB3_DATABASE_NAME");
            }
            String when = hardDeleteAt(this, hardDelete);
            if (!yes && !confirm("Are you sure you want to delete " + quoted(name) + "? Enter 'yes' to confirm")) {
                out().println("Cannot delete database without confirmation");
                return 0;
            }
            client.connect().call("DELETE", "/api/v3/configure/database")
                    .query("db", name)
                    .query("hard_delete_at", when)
                    .send();
            out().println("Database " + quoted(name) + " deleted successfully");
            return 0;
        }
    }

    /** {@code delete table -d DB NAME}: {@code DELETE /api/v3/configure/table?db=DB&table=NAME}. */
    @Command(name = "table", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Delete a table in a database")
    static final class Table extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--hard-delete", paramLabel = "WHEN",
                description = "When to remove the data for good: never, now, default or an RFC3339 time")
        String hardDelete;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
        boolean yes;

        @Parameters(index = "0", paramLabel = "TABLE_NAME", description = "The name of the table to delete")
        String table;

        @Override
        public Integer call() {
            String db = database.required();
            String when = hardDeleteAt(this, hardDelete);
            String qualified = quoted(db) + "." + quoted(table);
            if (!yes && !confirm("Are you sure you want to delete " + qualified + "? Enter 'yes' to confirm")) {
                out().println("Cannot delete table without confirmation");
                return 0;
            }
            client.connect().call("DELETE", "/api/v3/configure/table")
                    .query("db", db)
                    .query("table", table)
                    .query("hard_delete_at", when)
                    .send();
            out().println("Table " + qualified + " deleted successfully");
            return 0;
        }
    }

    /** {@code delete token --token-name N}: {@code DELETE /api/v3/configure/token?token_name=N}. */
    @Command(name = "token", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Delete a named admin token")
    static final class Token extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--token-name", paramLabel = "NAME", required = true,
                description = "The name of the token to delete")
        String tokenName;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() {
            if (tokenName.equals("_admin")) {
                throw new CliException("cannot delete the operator token _admin: regenerate it instead with"
                        + " `influxdb3 create token --admin --regenerate`");
            }
            if (!yes && !confirm("Are you sure you want to delete " + quoted(tokenName)
                    + "? Enter 'yes' to confirm")) {
                out().println("Cannot delete token without confirmation");
                return 0;
            }
            client.connect().call("DELETE", "/api/v3/configure/token").query("token_name", tokenName).send();
            out().println("Token " + quoted(tokenName) + " deleted successfully");
            return 0;
        }
    }

    /**
     * {@code delete trigger -d DB [--force] NAME}: {@code DELETE /api/v3/configure/processing_engine_trigger} with a
     * JSON body {@code {"db","trigger_name","force"}}. An enabled trigger needs {@code --force}.
     */
    @Command(name = "trigger", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Delete a processing-engine trigger")
    static final class Trigger extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--force", description = "Stop the trigger first if it is enabled")
        boolean force;

        @Parameters(index = "0", paramLabel = "TRIGGER_NAME", description = "The name of the trigger to delete")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            ObjectNode body = Json.object().put("db", db).put("trigger_name", name).put("force", force);
            client.connect().call("DELETE", "/api/v3/configure/processing_engine_trigger").json(body).send();
            out().println("Trigger " + name + " deleted successfully");
            return 0;
        }
    }
}
