package io.influxdb3j.cli;

import io.influxdb3j.server.ServeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code influxdb3} in-process with an injected environment, working directory, stdin and server starter, and
 * captures stdout, stderr and the exit code. The server starter records each {@link ServeConfig} instead of starting.
 */
final class TestingCli {
    /** The outcome of one run. */
    record Result(int exitCode, String out, String err, byte[] rawOut) {
    }

    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<ServeConfig> served = new ArrayList<>();
    private byte[] stdin = new byte[0];
    private boolean terminal;
    private Path workingDir;
    private ServerStarter starter = config -> {
        served.add(config);
        return new ServerStarter.RunningServer() {
            @Override
            public int port() {
                return 8181;
            }

            @Override
            public void awaitTermination() {
            }

            @Override
            public void close() {
            }
        };
    };

    TestingCli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    TestingCli stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Whether stdin/stdout look like an interactive terminal (default: no, as when piped). */
    TestingCli terminal(boolean terminal) {
        this.terminal = terminal;
        return this;
    }

    TestingCli workingDir(Path dir) {
        this.workingDir = dir;
        return this;
    }

    TestingCli starter(ServerStarter starter) {
        this.starter = starter;
        return this;
    }

    /** The configs {@code serve} was started with, in order. */
    List<ServeConfig> served() {
        return served;
    }

    /** The single config {@code serve} was started with. */
    ServeConfig onlyServed() {
        if (served.size() != 1) {
            throw new AssertionError("expected one serve, got " + served.size());
        }
        return served.get(0);
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Influxdb3.commandLine(context(out, err)).execute(args);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    /** A context over throwaway streams. */
    CliContext context() {
        return context(new ByteArrayOutputStream(), new ByteArrayOutputStream());
    }

    private CliContext context(ByteArrayOutputStream out, ByteArrayOutputStream err) {
        Path dir = workingDir != null ? workingDir : emptyDir();
        return new CliContext(Environment.load(env, dir), dir, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, starter);
    }

    private static Path emptyDir() {
        try {
            Path dir = Files.createTempDirectory("influxdb3-cli-test");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
