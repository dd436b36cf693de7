package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.engine.CronSchedule;
import io.influxdb3j.engine.PluginLoader;
import io.influxdb3j.engine.PluginRepository;
import io.influxdb3j.engine.PluginTester;
import io.influxdb3j.query.api.QueryExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/v3/plugin_test/wal} and {@code /schedule}: run a plugin from {@code --plugin-dir}
 * once, capturing its log lines and writes; nothing is written. Python starts on first use.
 */
final class PluginTestHandlers {
    /** Per-run time limit of a test run. */

    private final Optional<Path> pluginDir;
    private final Catalog catalog;
    private final QueryExecutor executor;
    private final TimeProvider time;
    private volatile PluginTester tester;

    private final PluginRepository repository;
    private final Duration callTimeLimit;

    PluginTestHandlers(Optional<Path> pluginDir, PluginRepository repository, Duration callTimeLimit, Catalog catalog,
                       QueryExecutor executor, TimeProvider time) {
        this.pluginDir = pluginDir;
        this.repository = repository;
        this.callTimeLimit = callTimeLimit;
        this.catalog = catalog;
        this.executor = executor;
        this.time = time;
    }

    HttpResponse wal(Request r) {
        JsonNode body = ConfigureHandlers.jsonBody(r);
        String filename = required(body, "filename");
        String database = required(body, "database");
        String lp = required(body, "input_lp");
        return json(tester().testWal(filename, database, lp, arguments(body), optional(body, "cache_name")));
    }

    HttpResponse schedule(Request r) {
        JsonNode body = ConfigureHandlers.jsonBody(r);
        String filename = required(body, "filename");
        String database = required(body, "database");
        if (catalog.snapshot().database(database) == null) {
            throw InfluxException.notFound("couldn't find db " + database);
        }
        String schedule = optional(body, "schedule");
        // The call time is the schedule's next fire time strictly after now (default: every second).
        CronSchedule cron = CronSchedule.parse(schedule == null || schedule.isBlank() ? "* * * * * *" : schedule);
        Instant callTime = cron.next(Instant.ofEpochMilli(time.nowMillis()));
        return json(tester().testSchedule(filename, database, callTime, arguments(body), optional(body, "cache_name")));
    }

    private PluginTester tester() {
        PluginTester t = tester;
        if (t == null) {
            synchronized (this) {
                if (tester == null) {
                    Path dir = pluginDir.orElseThrow(() -> InfluxException.invalid(
                            "the processing engine is off: start the server with --plugin-dir DIR"));
                    tester = new PluginTester(new PluginLoader(dir, repository), executor, time, callTimeLimit);
                }
                t = tester;
            }
        }
        return t;
    }

    private static HttpResponse json(Object response) {
        return Reply.json(200, response);
    }

    private static Map<String, String> arguments(JsonNode body) {
        JsonNode args = body.get("input_arguments");
        Map<String, String> out = new LinkedHashMap<>();
        if (args != null && args.isObject()) {
            args.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static String required(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw InfluxException.invalid("serde json error: missing field `" + field + "`");
        }
        return n.asText();
    }

    private static String optional(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }
}
