package io.influxdb3j.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a command may touch outside itself: environment, working directory, standard streams, whether they are a
 * terminal, and how to start a server. {@link #system()} is the real process; tests build their own.
 *
 * @param terminal true when stdin and stdout are an interactive terminal (no piped input; parquet is refused)
 */
public record CliContext(
        Environment env,
        Path workingDir,
        InputStream stdin,
        PrintStream stdout,
        PrintStream stderr,
        boolean terminal,
        ServerStarter serverStarter) {

    public CliContext {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(serverStarter, "serverStarter");
    }

    /** The running process: {@code System.getenv()} plus {@code ./.env}, the real streams, the real server. */
    public static CliContext system() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        return new CliContext(Environment.load(System.getenv(), cwd), cwd, System.in, System.out, System.err,
                isTerminal(), new ReflectiveServerStarter());
    }

    /** True when the debug variable asks for stack traces on failures. */
    public boolean debug() {
        return env.get("INFLUXDB3_CLI_DEBUG").map(v -> !v.equals("0") && !v.equalsIgnoreCase("false")).orElse(false);
    }

    private static boolean isTerminal() {
        var console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() exists even when redirected; Console.isTerminal() tells the truth there.
        try {
            Method m = console.getClass().getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return true;
        }
    }
}
