package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code influxdb3 show databases|tokens}: the server's answer printed in the chosen {@code --format}. */
@Command(name = "show", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "List resources such as databases or tokens",
        subcommands = {ShowCommand.Databases.class, ShowCommand.Tokens.class, ShowCommand.Plugins.class,
                ShowCommand.Summary.class})
final class ShowCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: databases, tokens, plugins or summary");
    }

    /** {@code show databases}: {@code GET /api/v3/configure/database?format=F[&show_deleted=true]}. */
    @Command(name = "databases", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "List databases")
    static final class Databases extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--show-deleted", description = "Include soft-deleted databases")
        boolean showDeleted;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
                converter = OutputFormat.Converter.class,
                description = "Output format: pretty, json, jsonl, csv or parquet (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE")
        Path output;

        @Override
        public Integer call() {
            byte[] body = client.connect().call("GET", "/api/v3/configure/database")
                    .query("format", format.wireName())
                    .query("show_deleted", showDeleted ? "true" : null)
                    .send().body();
            format.emit(this, body, output);
            return 0;
        }
    }

    /** {@code show tokens}: {@code select * from system.tokens} on {@code _internal}. */
    /** A listing that is a query of a system table in {@code _internal}, printed in the chosen format. */
    abstract static class InternalListing extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
                converter = OutputFormat.Converter.class,
                description = "Output format: pretty, json, jsonl, csv or parquet (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE")
        Path output;

        abstract String sql();

        @Override
        public Integer call() {
            ObjectNode body = Json.object()
                    .put("db", "_internal")
                    .put("q", sql())
                    .put("format", format.wireName());
            byte[] result = client.connect().call("POST", "/api/v3/query_sql").json(body).send().body();
            format.emit(this, result, output);
            return 0;
        }
    }

    /** {@code show tokens}: {@code system.tokens} on {@code _internal}. */
    @Command(name = "tokens", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "List tokens (never their secrets)")
    static final class Tokens extends InternalListing {
        @Override
        String sql() {
            return "select * from system.tokens";
        }
    }

    /** {@code show plugins}: the plugin files of every trigger ({@code system.plugin_files} on {@code _internal}). */
    @Command(name = "plugins", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "List the plugin files the server's triggers use")
    static final class Plugins extends InternalListing {
        @Override
        String sql() {
            return "select * from system.plugin_files";
        }
    }

    /**
     * {@code show summary -d DB}: the database's triggers with their specification, state, error
     * behaviour and arguments, from the processing-engine system tables.
     */
    @Command(name = "summary", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Summarise a database's processing-engine triggers")
    static final class Summary extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
                converter = OutputFormat.Converter.class,
                description = "Output format: pretty, json, jsonl, csv or parquet (default: ${DEFAULT-VALUE})")
        OutputFormat format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the output to FILE")
        Path output;

        static final String SQL = "select t.trigger_name, t.plugin_filename, t.trigger_specification, t.disabled, "
                + "t.error_behavior, string_agg(a.argument_key || '=' || a.argument_value, ',' "
                + "order by a.argument_key) as trigger_arguments "
                + "from system.processing_engine_triggers t "
                + "left join system.processing_engine_trigger_arguments a on a.trigger_name = t.trigger_name "
                + "group by t.trigger_name, t.plugin_filename, t.trigger_specification, t.disabled, t.error_behavior "
                + "order by t.trigger_name";

        @Override
        public Integer call() {
            ObjectNode body = Json.object().put("db", database.required()).put("q", SQL).put("format", format.wireName());
            byte[] result = client.connect().call("POST", "/api/v3/query_sql").json(body).send().body();
            format.emit(this, result, output);
            return 0;
        }
    }
}
