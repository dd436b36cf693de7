package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the benchmark runs in a child process: its output goes to a log file, it is killed if
 * the benchmark dies, and {@link #close()} stops it with SIGTERM (forcibly after 30 s).
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Thread killOnExit;
    private final Path log;

    private ChildProcess(String name, Process process, Thread killOnExit, Path log) {
        this.name = name;
        this.process = process;
        this.killOnExit = killOnExit;
        this.log = log;
    }

    static ChildProcess start(String name, List<String> command, Path workDir, Path log) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        // If the benchmark dies (Ctrl-C, an exception) the child must not outlive it.
        Thread killOnExit = new Thread(process::destroyForcibly, name + "-kill");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        return new ChildProcess(name, process, killOnExit, log);
    }

    /** Waits until a GET of {@code uri} answers 200; fails if the child exits or {@code timeout} passes. */
    void awaitOk(URI uri, HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " during start-up; its log: " + log
                        + "\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (ConnectException | HttpTimeoutException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException(name + " did not answer on " + uri + " within " + timeout.toSeconds() + " s; its log: "
                + log + "\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /** CPU time the child has used so far, in nanoseconds. */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    @Override
    public void close() {
        // SIGTERM: both servers' shutdown hooks close their files
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway and is harmless
        }
    }
}
