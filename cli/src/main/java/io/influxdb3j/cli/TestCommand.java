package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 test wal_plugin|schedule_plugin}: dry runs of a plugin on the server; nothing is written. */
@Command(name = "test", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Test a processing-engine plugin without writing anything",
        subcommands = {TestCommand.WalPlugin.class, TestCommand.SchedulePlugin.class})
final class TestCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: wal_plugin or schedule_plugin");
    }

    /** {@code k=v,k2=v2} into a JSON object, or null when none were given. */
    static ObjectNode arguments(BaseCommand command, List<String> pairs) {
        return arguments(command, "--input-arguments", pairs);
    }

    /**
     * {@code k=v,k2=v2} (already split on {@code ,}) into a JSON object, each entry split on its first {@code =} so a
     * value may hold {@code =}; null when none were given. A missing key or {@code =} is a usage error naming
     * {@code flag}.
     */
    static ObjectNode arguments(BaseCommand command, String flag, List<String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        ObjectNode args = Json.object();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw command.usageError("invalid " + flag + " entry '" + pair + "': expected key=value");
            }
            args.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return args;
    }

    /** {@code test wal_plugin}: {@code POST /api/v3/plugin_test/wal}; {@code --file} is read here, on the client. */
    @Command(name = "wal_plugin", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Run a WAL plugin on line protocol and print its log lines, writes and errors")
    static final class WalPlugin extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--lp", paramLabel = "LINE_PROTOCOL", description = "Line protocol to feed the plugin")
        String lp;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of line protocol to feed the plugin")
        Path file;

        @Option(names = "--input-arguments", split = ",", paramLabel = "KEY=VALUE",
                description = "Trigger arguments for the plugin, e.g. k1=v1,k2=v2")
        List<String> inputArguments;

        @Option(names = "--cache-name", paramLabel = "NAME", description = "A cache to share between test runs")
        String cacheName;

        @Parameters(index = "0", paramLabel = "FILENAME", description = "The plugin file in the server's plugin directory")
        String filename;

        @Override
        public Integer call() {
            String db = database.required();
            if ((lp == null) == (file == null)) {
                throw usageError("give exactly one of --lp or --file");
            }
            String input;
            try {
                input = lp != null ? lp : Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
            }
            ObjectNode body = Json.object().put("filename", filename).put("database", db).put("input_lp", input);
            body.put("cache_name", cacheName);
            body.set("input_arguments", arguments(this, inputArguments));
            InfluxClient.Response r = client.connect().call("POST", "/api/v3/plugin_test/wal").json(body).send();
            out().println(Json.pretty(r.json()));
            return 0;
        }
    }

    /** {@code test schedule_plugin}: {@code POST /api/v3/plugin_test/schedule}. */
    @Command(name = "schedule_plugin", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Run a scheduled plugin once and print its log lines, writes and errors")
    static final class SchedulePlugin extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = "--schedule", paramLabel = "CRON", description = "The trigger's cron schedule (default: every second)")
        String schedule;

        @Option(names = "--input-arguments", split = ",", paramLabel = "KEY=VALUE",
                description = "Trigger arguments for the plugin, e.g. k1=v1,k2=v2")
        List<String> inputArguments;

        @Option(names = "--cache-name", paramLabel = "NAME", description = "A cache to share between test runs")
        String cacheName;

        @Parameters(index = "0", paramLabel = "FILENAME", description = "The plugin file in the server's plugin directory")
        String filename;

        @Override
        public Integer call() {
            String db = database.required();
            ObjectNode body = Json.object().put("filename", filename).put("database", db);
            body.put("schedule", schedule);
            body.put("cache_name", cacheName);
            body.set("input_arguments", arguments(this, inputArguments));
            InfluxClient.Response r = client.connect().call("POST", "/api/v3/plugin_test/schedule").json(body).send();
            out().println(Json.pretty(r.json()));
            return 0;
        }
    }
}
