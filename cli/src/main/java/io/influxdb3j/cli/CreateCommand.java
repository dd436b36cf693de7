package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 create database|table|token|last_cache|distinct_cache|trigger}. */
@Command(name = "create", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Create a resource such as a database, table, token, cache or trigger",
        subcommands = {CreateCommand.Database.class, CreateCommand.Table.class, CreateCommand.Token.class,
                CacheCommands.CreateLastCache.class, CacheCommands.CreateDistinctCache.class,
                CreateCommand.Trigger.class})
final class CreateCommand extends BaseCommand {
    static final List<String> ERROR_BEHAVIORS = List.of("log", "retry", "disable");
    static final List<String> SPEC_PREFIXES = List.of("table:", "every:", "cron:", "request:");

    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: database, table, token, last_cache, distinct_cache or"
                + " trigger");
    }

    /** {@code create database [--retention-period D] NAME}: {@code POST /api/v3/configure/database}. */
    @Command(name = "database", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Create a new database")
    static final class Database extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--retention-period", paramLabel = "DURATION",
                description = "How long data is kept, as a human-readable duration such as 30d or 24h")
        String retentionPeriod;

        @Parameters(index = "0", arity = "0..1", paramLabel = "DATABASE_NAME",
                description = "The name of the database to create: letters, digits, - and _, starting with a"
                        + " letter or digit")
        @Env("INFLUXDB3_DATABASE_NAME")
        String name;

        @Override
        public Integer call() {
            if (name == null || name.isBlank()) {
                throw usageError("Missing database name: pass DATABASE_NAME or set INFLUXDB3_DATABASE_NAME");
            }
            ObjectNode body = Json.object().put("db", name);
            if (retentionPeriod != null) {
                validateDuration("--retention-period", retentionPeriod);
                body.put("retention_period", retentionPeriod.strip());
            }
            client.connect().call("POST", "/api/v3/configure/database").json(body).send();
            out().println("Database " + quoted(name) + " created successfully");
            return 0;
        }
    }

    /** {@code create table -d DB [--tags a,b] [--fields f:int64,...] NAME}: {@code POST /api/v3/configure/table}. */
    @Command(name = "table", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Create a new table in a database")
    static final class Table extends BaseCommand {
        static final List<String> FIELD_TYPES = List.of("int64", "uint64", "float64", "utf8", "bool");

        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--tags", split = ",", paramLabel = "TAG",
                description = "Tag columns, comma-separated, in series-key order")
        List<String> tags;

        @Option(names = {"-f", "--fields"}, split = ",", paramLabel = "NAME:TYPE",
                description = "Field columns as name:type, comma-separated; types are int64, uint64, float64, utf8"
                        + " and bool")
        List<String> fields;

        @Parameters(index = "0", paramLabel = "TABLE_NAME", description = "The name of the table to create")
        String table;

        @Override
        public Integer call() {
            String db = database.required();
            ObjectNode body = Json.object().put("db", db).put("table", table);
            ArrayNode tagArray = body.putArray("tags");
            if (tags != null) {
                tags.stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(tagArray::add);
            }
            ArrayNode fieldArray = body.putArray("fields");
            if (fields != null) {
                for (String f : fields) {
                    int colon = f.lastIndexOf(':');
                    String type = colon < 0 ? "" : f.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                    if (colon <= 0 || !FIELD_TYPES.contains(type)) {
                        throw usageError("invalid field '" + f + "': expected name:type with type one of "
                                + String.join(", ", FIELD_TYPES) + ", e.g. usage:float64");
                    }
                    fieldArray.addObject().put("name", f.substring(0, colon).strip()).put("type", type);
                }
            }
            client.connect().call("POST", "/api/v3/configure/table").json(body).send();
            out().println("Table " + quoted(db) + "." + quoted(table) + " created successfully");
            return 0;
        }
    }

    /**
     * {@code create token --admin}: the operator token {@code _admin} ({@code POST .../token/admin}), a named admin
     * token ({@code --name}, {@code POST .../token/named_admin}), a regenerated operator token ({@code --regenerate},
     * after a "yes"), or, with {@code --offline}, a token written to a file for {@code serve --admin-token-file}.
     */
    @Command(name = "token", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Create or regenerate an admin token")
    static final class Token extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = "--admin", description = "Create an admin token (the only kind in InfluxDB 3 Core)")
        boolean admin;

        @Option(names = "--name", paramLabel = "NAME",
                description = "Name of a named admin token; without it the operator token _admin is created")
        String name;

        @Option(names = "--expiry", paramLabel = "DURATION", converter = Converters.HumanDurationConverter.class,
                description = "Expires in DURATION, e.g. 10d for 10 days or 1y for 1 year")
        Duration expiry;

        @Option(names = "--regenerate",
                description = "Regenerate the operator token (uses http://127.0.0.1:8182, the admin token recovery"
                        + " endpoint, unless --host is given); asks for 'yes'")
        boolean regenerate;

        @Option(names = "--offline", description = "Generate the token locally and write it to --output-file,"
                + " for serve --admin-token-file")
        boolean offline;

        @Option(names = "--output-file", paramLabel = "FILE", description = "Where --offline writes the token")
        Path outputFile;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
                description = "Output format: text or json (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        public Integer call() {
            String fmt = format.strip().toLowerCase(Locale.ROOT);
            if (!fmt.equals("text") && !fmt.equals("json")) {
                throw usageError("invalid --format '" + format + "': expected json or text");
            }
            if (!admin) {
                throw usageError("cannot create token, error with parameters run `influxdb3 create token --help`:"
                        + " InfluxDB 3 Core only has admin tokens, pass --admin");
            }
            if (regenerate && name != null) {
                throw usageError("--regenerate cannot be used with --name, --regenerate only applies for operator"
                        + " token");
            }
            if (offline != (outputFile != null)) {
                throw usageError("--offline and --output-file go together: --offline --output-file <FILE>");
            }
            String token;
            if (offline) {
                if (regenerate) {
                    throw usageError("--regenerate needs a running server and cannot be used with --offline");
                }
                token = OfflineAdminToken.generate();
                Long expiryMillis = expiry == null ? null
                        : Clock.systemUTC().millis() + expiry.toMillis();
                OfflineAdminToken.write(outputFile, token, name == null ? "_admin" : name, expiryMillis);
            } else {
                token = createOnline();
            }
            print(fmt, token);
            if (offline) {
                err().println("Token written to " + outputFile + "; start the server with --admin-token-file "
                        + outputFile);
            }
            return 0;
        }

        private String createOnline() {
            JsonNode response;
            if (name != null) {
                ObjectNode body = Json.object().put("token_name", name);
                if (expiry == null) {
                    body.putNull("expiry_secs");
                } else {
                    body.put("expiry_secs", expiry.toSeconds());
                }
                response = client.connect().call("POST", "/api/v3/configure/token/named_admin").json(body).send()
                        .json();
            } else if (regenerate) {
                if (!confirm("Are you sure you want to regenerate admin token? Enter 'yes' to confirm")) {
                    throw new CliException("Cannot regenerate token without confirmation");
                }
                // Core sends a bare --regenerate to the recovery listener, which needs no token.
                String host = client.hostIsDefault() ? "http://127.0.0.1:8182" : client.host;
                response = client.connect(host).call("POST", "/api/v3/configure/token/admin/regenerate").send()
                        .json();
            } else {
                if (expiry != null) {
                    err().println("warning: --expiry applies to named tokens only; the operator token _admin does"
                            + " not expire");
                }
                response = client.connect().call("POST", "/api/v3/configure/token/admin").send().json();
            }
            JsonNode token = response.get("token");
            if (token == null || !token.isTextual()) {
                throw new CliException("the server's response has no token: " + response);
            }
            return token.asText();
        }

        private void print(String fmt, String token) {
            if (fmt.equals("json")) {
                ObjectNode json = Json.object().put("token", token).put("help_msg",
                        "Store this token securely, as it will not be shown again. HTTP requests require the"
                                + " following header: \"Authorization: Bearer " + token + "\"");
                out().println(Json.pretty(json));
                return;
            }
            out().println();
            out().println("New token created successfully!");
            out().println();
            out().println("Token: " + token);
            out().println("HTTP Requests Header: Authorization: Bearer " + token);
            out().println();
            out().println("IMPORTANT: Store this token securely, as it will not be shown again.");
            out().println();
        }
    }

    /**
     * {@code create trigger -d DB --trigger-spec SPEC (--path P | --plugin-filename F) NAME}:
     * {@code POST /api/v3/configure/processing_engine_trigger} (spec processing-engine §4.2, §4.12).
     */
    @Command(name = "trigger", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Create a processing-engine trigger that runs a plugin on WAL flushes, on a schedule or on"
                    + " requests to /api/v3/engine/<path>")
    static final class Trigger extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--trigger-spec", paramLabel = "SPEC", required = true,
                description = "When the trigger fires: table:<TABLE_NAME> or all_tables (WAL flushes),"
                        + " every:<DURATION> or cron:<CRON_EXPRESSION> (schedule), request:<PATH> (HTTP requests"
                        + " to /api/v3/engine/<PATH>)")
        String triggerSpec;

        @Option(names = "--path", paramLabel = "PATH",
                description = "The plugin file or directory, relative to the server's plugin directory, or gh:<path>"
                        + " for the influxdb3_plugins repository")
        String path;

        @Option(names = "--plugin-filename", paramLabel = "FILENAME",
                description = "The plugin file in the server's plugin directory (older spelling of --path)")
        String pluginFilename;

        @Option(names = "--trigger-arguments", split = ",", paramLabel = "KEY=VALUE",
                description = "Arguments passed to the plugin, e.g. k1=v1,k2=v2; a value may contain = but not ,")
        List<String> triggerArguments;

        @Option(names = "--disabled", description = "Create the trigger without starting it")
        boolean disabled;

        @Option(names = "--run-asynchronous",
                description = "Run each invocation asynchronously, allowing several to run at once")
        boolean runAsynchronous;

        @Option(names = "--error-behavior", paramLabel = "BEHAVIOR", defaultValue = "log",
                description = "What to do when the plugin fails: log, retry or disable (default: ${DEFAULT-VALUE})")
        String errorBehavior;

        @Option(names = "--upload",
                description = "--path is a file or directory on this machine: upload it into the server's plugin"
                        + " directory first (admin token needed)")
        boolean upload;

        @Option(names = "--time-limit", paramLabel = "DURATION",
                description = "Longest one plugin call may run before it is interrupted (default: the server's"
                        + " --plugin-time-limit)")
        String timeLimit;

        @Option(names = "--interpreter", paramLabel = "MODE",
                description = "shared (default: the one interpreter all plugins share) or isolated (a"
                        + " sub-interpreter with its own GIL, so the trigger runs in parallel with others; extensions"
                        + " such as numpy cannot be imported there)")
        String interpreter;

        @Parameters(index = "0", paramLabel = "TRIGGER_NAME", description = "The name of the trigger to create")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            if (upload && path == null) {
                throw usageError("--upload needs --path: the local plugin file or directory to upload");
            }
            if (timeLimit != null) {
                validateDuration("--time-limit", timeLimit);
            }
            if (interpreter != null && !interpreter.equals("shared") && !interpreter.equals("isolated")) {
                throw usageError("invalid --interpreter '" + interpreter + "': expected shared or isolated");
            }
            if ((path == null) == (pluginFilename == null)) {
                throw usageError("give exactly one of --path or --plugin-filename");
            }
            String plugin = path != null ? path : pluginFilename;
            if (plugin.isBlank()) {
                throw usageError("the plugin path must not be empty");
            }
            LocalPluginFiles local = upload ? LocalPluginFiles.read(plugin) : null;
            String behavior = errorBehavior.strip().toLowerCase(Locale.ROOT);
            if (!ERROR_BEHAVIORS.contains(behavior)) {
                throw usageError("invalid --error-behavior '" + errorBehavior + "': expected one of "
                        + String.join(", ", ERROR_BEHAVIORS));
            }
            String spec = triggerSpecification(this, triggerSpec);
            ObjectNode body = Json.object().put("db", db).put("plugin_filename", plugin).put("trigger_name", name);
            ObjectNode settings = body.putObject("trigger_settings").put("run_async", runAsynchronous)
                    .put("error_behavior", behavior);
            if (timeLimit != null) {
                settings.put("time_limit", timeLimit.strip());
            }
            if (interpreter != null) {
                settings.put("interpreter", interpreter);
            }
            body.put("trigger_specification", spec);
            body.set("trigger_arguments", TestCommand.arguments(this, "--trigger-arguments", triggerArguments));
            body.put("disabled", disabled);
            InfluxClient connection = client.connect();
            if (local != null) {
                // As Core: one POST per file; a directory's files go under its name.
                for (LocalPluginFiles.File f : local.files()) {
                    String name = local.directory() ? local.pluginName() + "/" + f.relativePath() : f.relativePath();
                    connection.call("POST", "/api/v3/plugins/files").query("db", db)
                            .json(Json.object().put("plugin_name", name).put("content", f.content())).send();
                }
                body.put("plugin_filename", local.pluginName());
            }
            connection.call("POST", "/api/v3/configure/processing_engine_trigger").json(body).send();
            out().println("Trigger " + name + " created successfully");
            return 0;
        }
    }

    /**
     * Checks the form of a trigger spec (spec processing-engine §4.1) and returns it trimmed, with the part after
     * the prefix trimmed too. Durations and cron expressions are left to the server to parse.
     */
    static String triggerSpecification(BaseCommand command, String text) {
        String s = text.strip();
        if (s.equals("all_tables")) {
            return s;
        }
        for (String prefix : SPEC_PREFIXES) {
            if (s.startsWith(prefix) && !s.substring(prefix.length()).isBlank()) {
                return prefix + s.substring(prefix.length()).strip();
            }
        }
        throw command.usageError("invalid --trigger-spec '" + text + "': expect one of the following forms:"
                + " 'table:<TABLE_NAME>', 'all_tables', 'cron:<CRON_EXPRESSION>', 'every:<DURATION>', or"
                + " 'request:<PATH>'");
    }

    static void validateDuration(String flag, String text) {
        try {
            HumanDuration.parse(text);
        } catch (InfluxException e) {
            throw new CliException("invalid " + flag + " '" + text + "': " + e.getMessage());
        }
    }
}
