package io.influxdb3j.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.influxdb3j.pipeline.runtime.PipelineSettings;
import java.io.FilterOutputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Applies a pipeline's {@code logger} block to logback for {@code influxdb3 connect run}: the level ({@code OFF},
 * {@code ERROR}, ..., {@code --log.level} wins), the {@code logfmt} or {@code json} format with
 * {@code static_fields}, {@code add_timestamp} and the configured field names, written to the given stream
 * (stderr when the pipeline's output is stdout, so data and logs don't mix).
 */
final class ConnectLogging {
    private ConnectLogging() {
    }

    static Level level(String text) {
        return switch (text.toUpperCase(Locale.ROOT)) {
            case "OFF", "NONE" -> Level.OFF;
            case "FATAL", "ERROR" -> Level.ERROR;
            case "WARN", "WARNING" -> Level.WARN;
            case "INFO" -> Level.INFO;
            case "DEBUG" -> Level.DEBUG;
            case "TRACE", "ALL" -> Level.TRACE;
            default -> throw new CliException("invalid log level '" + text
                    + "': expected off, error, warn, info, debug or trace");
        };
    }

    /** The {@code logger.file.path} stream of the current run, closed by {@link #restore()}. */
    private static OutputStream openFile;

    /**
     * Sends the pipeline's logs to {@code destination}, or to {@code logger.file.path} (appended, relative to
     * {@code workingDir}) when the config names a file.
     */
    static void apply(PipelineSettings.Logger settings, OutputStream destination, java.nio.file.Path workingDir) {
        OutputStream target = destination;
        if (!settings.file().isEmpty()) {
            java.nio.file.Path file = workingDir.resolve(settings.file());
            try {
                if (file.getParent() != null) {
                    java.nio.file.Files.createDirectories(file.getParent());
                }
                openFile = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND));
            } catch (java.io.IOException e) {
                throw new CliException("logger.file.path: cannot open " + file + ": " + e.getMessage(), e);
            }
            target = openFile;
        }
        apply(settings, target);
    }

    static void apply(PipelineSettings.Logger settings, OutputStream destination) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level level = level(settings.level());
        context.reset();
        Layout layout = new Layout(settings);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("connect");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        // Resetting logback closes its streams: never close the process's stdout or stderr.
        appender.setOutputStream(new FilterOutputStream(destination) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        });
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        root.setLevel(level);
    }

    /** Puts back logback's default configuration (logback.xml), e.g. after an in-process run. */
    static void restore() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        if (openFile != null) {
            try {
                openFile.close();
            } catch (java.io.IOException e) {
                // nothing left to log it to
            }
            openFile = null;
        }
        try {
            new ch.qos.logback.classic.util.ContextInitializer(context).autoConfig();
        } catch (Exception e) {
            // keep the reset context: better silent than failing the command
        }
    }

    /** One line per event in logfmt ({@code level=info msg="..." @service=benthos}) or JSON. */
    static final class Layout extends LayoutBase<ILoggingEvent> {
        private final PipelineSettings.Logger settings;

        Layout(PipelineSettings.Logger settings) {
            this.settings = settings;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            String level = event.getLevel().toString().toLowerCase(Locale.ROOT);
            String message = event.getFormattedMessage();
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                message = message + "\n" + ThrowableProxyUtil.asString(thrown);
            }
            String time = settings.addTimestamp()
                    ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(event.getTimeStamp())
                    .atZone(java.time.ZoneId.systemDefault())) : null;
            StringBuilder sb = new StringBuilder();
            if (settings.format().equals("json")) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings.staticFields()).entrySet()) {
                    first = jsonField(sb, first, e.getKey(), e.getValue());
                }
                first = jsonField(sb, first, settings.levelName(), level);
                first = jsonField(sb, first, settings.messageName(), message);
                if (time != null) {
                    jsonField(sb, first, settings.timestampName(), time);
                }
                sb.append('}');
            } else {
                if (time != null) {
                    sb.append(settings.timestampName()).append('=').append(logfmt(time)).append(' ');
                }
                sb.append(settings.levelName()).append('=').append(level);
                sb.append(' ').append(settings.messageName()).append('=').append(logfmt(message));
                settings.staticFields().forEach((k, v) -> sb.append(' ').append(k).append('=').append(logfmt(v)));
            }
            return sb.append('\n').toString();
        }

        private static boolean jsonField(StringBuilder sb, boolean first, String key, String value) {
            if (!first) {
                sb.append(',');
            }
            sb.append(io.influxdb3j.pipeline.bloblang.Values.toJson(key)).append(':')
                    .append(io.influxdb3j.pipeline.bloblang.Values.toJson(value));
            return false;
        }

        private static String logfmt(String value) {
            boolean plain = !value.isEmpty() && value.chars().allMatch(c -> c > ' ' && c != '"' && c != '=' && c != '\\');
            return plain ? value : io.influxdb3j.pipeline.bloblang.Values.toJson(value);
        }
    }
}
