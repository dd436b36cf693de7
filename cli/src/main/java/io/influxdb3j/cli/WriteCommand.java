package io.influxdb3j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 write}: line protocol from arguments, {@code -f FILE} or stdin to {@code POST /api/v3/write_lp}. */
@Command(name = "write", aliases = "w", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
        description = "Perform a set of writes to a running InfluxDB 3 Core server",
        footer = {"", "Line protocol comes from the LINE_PROTOCOL arguments, else from --file, else from stdin."})
final class WriteCommand extends BaseCommand {
    @Mixin
    ClientOptions client;

    @Mixin
    DatabaseOption database;

    @Option(names = "--write-host", paramLabel = "URL", description = "Send writes to this URL instead of --host")
    @Env("INFLUXDB3_WRITE_HOST_URL")
    String writeHost;

    @Option(names = {"-f", "--file"}, paramLabel = "PATH", description = "File path to load the write data from")
    Path file;

    @Option(names = {"-p", "--precision"}, paramLabel = "PRECISION",
            description = "Timestamp precision: auto, s, ms, us or ns (or second, millisecond, microsecond,"
                    + " nanosecond); the server's default is auto")
    String precision;

    @Option(names = "--accept-partial", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
            description = "Ask the server to accept the valid lines of a write with invalid ones (its default is true);"
                    + " sent only when given")
    Boolean acceptPartial;

    @Option(names = "--no-sync", description = "Acknowledge the write before it is durable in the WAL")
    boolean noSync;

    @Option(names = "--gzip", description = "Compress request bodies with gzip")
    boolean gzip;

    @Option(names = "--max-request-size", paramLabel = "BYTES", defaultValue = "10485760",
            converter = Converters.ByteSizeConverter.class,
            description = "Split the input at newlines into requests of at most this size (default: ${DEFAULT-VALUE})")
    long maxRequestSize;

    @Option(names = "--max-concurrent-requests", paramLabel = "N", defaultValue = "32",
            description = "Requests in flight at once when the input is split (default: ${DEFAULT-VALUE})")
    int maxConcurrentRequests;

    @Option(names = {"-q", "--quiet"}, description = "Do not print progress to stderr")
    boolean quiet;

    @Parameters(paramLabel = "LINE_PROTOCOL", arity = "0..*",
            description = "Line protocol to write; several arguments are written as separate lines")
    List<String> lineProtocol;

    @Override
    public Integer call() {
        String db = database.required();
        String precisionParam = precision == null ? null : canonicalPrecision(precision);
        if (maxConcurrentRequests < 1) {
            throw usageError("--max-concurrent-requests must be at least 1, got " + maxConcurrentRequests);
        }
        byte[] input = readInput();
        List<LineProtocolChunks.Chunk> chunks = LineProtocolChunks.split(input, maxRequestSize);
        InfluxClient http = client.connect(writeHost != null ? writeHost : client.host);
        if (chunks.size() == 1) {
            send(http, db, precisionParam, chunks.get(0));
        } else {
            sendAll(http, db, precisionParam, chunks);
        }
        out().println("success");
        return 0;
    }

    private void sendAll(InfluxClient http, String db, String precisionParam, List<LineProtocolChunks.Chunk> chunks) {
        Semaphore permits = new Semaphore(maxConcurrentRequests);
        List<Future<?>> futures = new ArrayList<>();
        int total = chunks.size();
        AtomicBoolean failed = new AtomicBoolean();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total && !failed.get(); i++) {
                LineProtocolChunks.Chunk chunk = chunks.get(i);
                int index = i + 1;
                permits.acquireUninterruptibly();
                if (failed.get()) {
                    permits.release();
                    break;
                }
                futures.add(pool.submit(() -> {
                    try {
                        send(http, db, precisionParam, chunk);
                        progress("wrote request " + index + " of " + total + " (lines " + chunk.firstLine() + "-"
                                + chunk.lastLine() + ", " + chunk.body().length + " bytes)");
                        return null;
                    } catch (RuntimeException e) {
                        // Stop submitting: the rest of the input would be written around a hole.
                        failed.set(true);
                        throw e;
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        // Report the earliest failed request: its line numbers tell the user where to look.
        for (int i = 0; i < futures.size(); i++) {
            try {
                futures.get(i).get();
            } catch (ExecutionException e) {
                LineProtocolChunks.Chunk chunk = chunks.get(i);
                String where = "request " + (i + 1) + " of " + total + " (lines " + chunk.firstLine() + "-"
                        + chunk.lastLine() + ") failed: ";
                if (e.getCause() instanceof CliException cli) {
                    throw new CliException(where + cli.getMessage(), cli);
                }
                throw new CliException(where + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while writing");
            }
        }
    }

    private void send(InfluxClient http, String db, String precisionParam, LineProtocolChunks.Chunk chunk) {
        InfluxClient.Call call = http.call("POST", "/api/v3/write_lp")
                .query("db", db)
                .query("precision", precisionParam)
                .query("accept_partial", acceptPartial == null ? null : acceptPartial.toString())
                .query("no_sync", noSync ? "true" : null);
        if (gzip) {
            call.body(gzip(chunk.body()), "text/plain; charset=utf-8").header("Content-Encoding", "gzip");
        } else {
            call.body(chunk.body(), "text/plain; charset=utf-8");
        }
        call.send();
    }

    private synchronized void progress(String message) {
        if (!quiet) {
            err().println(message);
            err().flush();
        }
    }

    private byte[] readInput() {
        if (lineProtocol != null && !lineProtocol.isEmpty()) {
            return String.join("\n", lineProtocol).getBytes(StandardCharsets.UTF_8);
        }
        if (file != null) {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new CliException("error reading file: " + file + ": " + e.getMessage(), e);
            }
        }
        if (ctx().terminal()) {
            throw new CliException("No input from stdin detected, no string was passed in, and no file path was given");
        }
        try {
            return ctx().stdin().readAllBytes();
        } catch (IOException e) {
            throw new CliException("error reading stdin: " + e.getMessage(), e);
        }
    }

    private String canonicalPrecision(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "auto" -> "auto";
            case "s", "second", "seconds" -> "second";
            case "ms", "millisecond", "milliseconds" -> "millisecond";
            case "us", "u", "microsecond", "microseconds" -> "microsecond";
            case "ns", "n", "nanosecond", "nanoseconds" -> "nanosecond";
            default -> throw usageError("invalid --precision '" + text
                    + "': expected auto, s, ms, us or ns (or second, millisecond, microsecond, nanosecond)");
        };
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
