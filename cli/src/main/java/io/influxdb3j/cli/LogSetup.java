package io.influxdb3j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.server.ServeConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code --log-filter} and {@code --log-destination} to logback for {@code serve}. The filter has Core's
 * shape, {@code LEVEL[,target=LEVEL...]} (e.g. {@code info,io.influxdb3j.wal=debug}), where a target is a Java logger
 * name. Every {@code --log-format} prints Core's "full" line layout; json and logfmt are not implemented.
 */
final class LogSetup {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %5level %logger: %msg%n";

    private LogSetup() {
    }

    /** A parsed filter: the root level and per-logger levels. */
    record Filter(Level root, Map<String, Level> loggers) {
    }

    /** Parses a filter; an unknown level or a malformed directive is an error naming it. */
    static Filter parse(String filter) {
        Level root = Level.INFO;
        Map<String, Level> loggers = new LinkedHashMap<>();
        for (String part : filter.split(",")) {
            String directive = part.strip();
            if (directive.isEmpty()) {
                continue;
            }
            int eq = directive.indexOf('=');
            if (eq < 0) {
                root = level(directive, filter);
            } else {
                String target = directive.substring(0, eq).strip();
                if (target.isEmpty()) {
                    throw invalid(directive, filter);
                }
                loggers.put(target.replace("::", "."), level(directive.substring(eq + 1).strip(), filter));
            }
        }
        return new Filter(root, loggers);
    }

    /** Reconfigures logback (when it is the slf4j backend) for the server about to start. */
    static void apply(ServeConfig config) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Filter filter = parse(config.logFilter());
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget(config.logDestination().equals("stderr") ? "System.err" : "System.out");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(console);
        root.setLevel(filter.root());
        // Arrow's allocator announces at INFO which memory manager it picked: not a server event.
        if (filter.root().isGreaterOrEqual(Level.INFO)) {
            context.getLogger(ARROW).setLevel(Level.WARN);
        }
        filter.loggers().forEach((name, level) -> context.getLogger(name).setLevel(level));
    }

    static final String ARROW = "org.apache.arrow";

    private static Level level(String text, String filter) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "trace" -> Level.TRACE;
            case "debug" -> Level.DEBUG;
            case "info" -> Level.INFO;
            case "warn" -> Level.WARN;
            case "error" -> Level.ERROR;
            case "off" -> Level.OFF;
            default -> throw invalid(text, filter);
        };
    }

    private static InfluxException invalid(String directive, String filter) {
        return InfluxException.invalid("invalid --log-filter '" + filter + "': '" + directive
                + "' is not LEVEL or target=LEVEL with LEVEL one of trace, debug, info, warn, error, off");
    }
}
