package io.influxdb3j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Shared plumbing of every command: the {@link CliContext}, output writers and the "yes" confirmation prompt. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    CliContext ctx() {
        return ((Influxdb3) spec.root().userObject()).context();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error: reported with the command's name and a hint to {@code --help}, exit code 2. */
    ParameterException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Prints {@code question} and returns true only if the next stdin line is exactly {@code yes}. */
    boolean confirm(String question) {
        out().println(question);
        out().flush();
        try {
            // Not closed: that would close the process's stdin.
            String line = new BufferedReader(new InputStreamReader(ctx().stdin(), StandardCharsets.UTF_8)).readLine();
            return line != null && line.strip().equals("yes");
        } catch (IOException e) {
            return false;
        }
    }

    /** Rust's {@code {:?}} of a string, as Core prints names: {@code "name"} with quotes and backslashes escaped. */
    static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
