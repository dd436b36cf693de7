package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create|delete last_cache} and {@code create|delete distinct_cache} (spec §5.4). */
final class CacheCommands {
    private CacheCommands() {
    }

    /** Prints Core's answer to a cache creation: the catalog batch on 201, a notice on 204. */
    private static void printCreated(BaseCommand command, InfluxClient.Response response) {
        if (response.status() == 204 || response.body().length == 0) {
            command.out().println("a cache already exists for the provided parameters");
        } else {
            command.out().println("new cache created: " + Json.pretty(response.json()));
        }
    }

    private static List<String> trimmed(List<String> names) {
        return names.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code POST /api/v3/configure/last_cache}. */
    @Command(name = "last_cache", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Create a new last value cache")
    static final class CreateLastCache extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-t", "--table"}, paramLabel = "TABLE", required = true,
                description = "The table to cache")
        String table;

        @Option(names = "--key-columns", split = ",", paramLabel = "COLUMN",
                description = "Key columns, comma-separated (default: the table's tags in series-key order)")
        List<String> keyColumns;

        @Option(names = "--value-columns", split = ",", paramLabel = "COLUMN",
                description = "Value columns, comma-separated (default: every non-key column)")
        List<String> valueColumns;

        @Option(names = "--count", paramLabel = "N", defaultValue = "1",
                description = "Rows kept per key (default: ${DEFAULT-VALUE})")
        int count;

        @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "4 hours",
                converter = Converters.HumanDurationConverter.class,
                description = "How long a value stays in the cache (default: ${DEFAULT-VALUE})")
        Duration ttl;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CACHE_NAME",
                description = "The cache's name (default: generated from the table and key columns)")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            if (count < 1) {
                throw usageError("--count must be at least 1, got " + count);
            }
            ObjectNode body = Json.object().put("db", db).put("table", table);
            if (name != null) {
                body.put("name", name);
            }
            if (keyColumns != null) {
                trimmed(keyColumns).forEach(body.putArray("key_columns")::add);
            }
            if (valueColumns != null) {
                trimmed(valueColumns).forEach(body.putArray("value_columns")::add);
            }
            body.put("count", count).put("ttl", ttl.toSeconds());
            printCreated(this, client.connect().call("POST", "/api/v3/configure/last_cache").json(body).send());
            return 0;
        }
    }

    /** {@code POST /api/v3/configure/distinct_cache}. */
    @Command(name = "distinct_cache", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            sortOptions = false, description = "Create a new distinct value cache")
    static final class CreateDistinctCache extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-t", "--table"}, paramLabel = "TABLE", required = true,
                description = "The table to cache")
        String table;

        @Option(names = "--columns", split = ",", paramLabel = "COLUMN", required = true,
                description = "Tag or string columns, comma-separated, top level of the hierarchy first")
        List<String> columns;

        @Option(names = "--max-cardinality", paramLabel = "N", defaultValue = "100000",
                description = "Distinct value combinations kept (default: ${DEFAULT-VALUE})")
        long maxCardinality;

        @Option(names = "--max-age", paramLabel = "DURATION", defaultValue = "1d",
                converter = Converters.HumanDurationConverter.class,
                description = "Values not seen for this long are dropped (default: ${DEFAULT-VALUE})")
        Duration maxAge;

        @Parameters(index = "0", arity = "0..1", paramLabel = "CACHE_NAME",
                description = "The cache's name (default: generated from the table and columns)")
        String name;

        @Override
        public Integer call() {
            String db = database.required();
            if (maxCardinality < 1) {
                throw usageError("--max-cardinality must be at least 1, got " + maxCardinality);
            }
            ObjectNode body = Json.object().put("db", db).put("table", table);
            if (name != null) {
                body.put("name", name);
            }
            trimmed(columns).forEach(body.putArray("columns")::add);
            body.put("max_cardinality", maxCardinality).put("max_age", maxAge.toSeconds());
            printCreated(this, client.connect().call("POST", "/api/v3/configure/distinct_cache").json(body).send());
            return 0;
        }
    }

    /** {@code DELETE /api/v3/configure/last_cache?db=&table=&name=}. */
    @Command(name = "last_cache", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Delete a last value cache")
    static final class DeleteLastCache extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-t", "--table"}, paramLabel = "TABLE", required = true,
                description = "The table of the cache")
        String table;

        @Parameters(index = "0", paramLabel = "CACHE_NAME", description = "The name of the cache to delete")
        String name;

        @Override
        public Integer call() {
            client.connect().call("DELETE", "/api/v3/configure/last_cache")
                    .query("db", database.required()).query("table", table).query("name", name).send();
            out().println("last cache deleted successfully");
            return 0;
        }
    }

    /** {@code DELETE /api/v3/configure/distinct_cache?db=&table=&name=}. */
    @Command(name = "distinct_cache", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            sortOptions = false, description = "Delete a distinct value cache")
    static final class DeleteDistinctCache extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Mixin
        DatabaseOption database;

        @Option(names = {"-t", "--table"}, paramLabel = "TABLE", required = true,
                description = "The table of the cache")
        String table;

        @Parameters(index = "0", paramLabel = "CACHE_NAME", description = "The name of the cache to delete")
        String name;

        @Override
        public Integer call() {
            client.connect().call("DELETE", "/api/v3/configure/distinct_cache")
                    .query("db", database.required()).query("table", table).query("name", name).send();
            out().println("distinct cache deleted successfully");
            return 0;
        }
    }
}
