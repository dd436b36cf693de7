package io.influxdb3j.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code influxdb3} command. Without a subcommand it runs {@code serve} with its defaults (Core's "quick start").
 * {@link #commandLine(CliContext)} builds the whole application around a context so tests run it in-process.
 */
@Command(name = "influxdb3", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        versionProvider = Version.class,
        description = {"InfluxDB 3 Core server and command line tools.",
                "Run without a subcommand to start the server with default settings."},
        subcommands = {ServeCommand.class, WriteCommand.class, QueryCommand.class, CreateCommand.class,
                DeleteCommand.class, ShowCommand.class, UpdateCommand.class, TestCommand.class, EnableCommand.class,
                DisableCommand.class, InstallCommand.class, ConnectCommand.class})
public final class Influxdb3 implements Callable<Integer> {
    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Option(names = {"--num-io-threads", "--num-threads"}, paramLabel = "N",
            description = "Number of IO threads (passed to serve)")
    @Env({"INFLUXDB3_NUM_IO_THREADS", "INFLUXDB3_NUM_THREADS"})
    Integer numIoThreads;

    @Option(names = {"--io-runtime-type", "--io-runtime-disable-lifo-slot", "--io-runtime-event-interval",
            "--io-runtime-global-queue-interval", "--io-runtime-max-blocking-threads",
            "--io-runtime-max-io-events-per-tick", "--io-runtime-thread-keep-alive", "--io-runtime-thread-priority"},
            paramLabel = "VALUE", hidden = true, description = "IO runtime tuning (accepted for compatibility)")
    String[] ioRuntimeTuning;

    @Option(names = "--help-all", description = "Show help for every command and exit")
    boolean helpAll;

    public Influxdb3(CliContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The configured application; {@code execute(args)} returns the process exit code. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new Influxdb3(context));
        cl.setOut(new PrintWriter(new OutputStreamWriter(context.stdout(), StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(context.stderr(), StandardCharsets.UTF_8), true));
        cl.setExpandAtFiles(false);
        cl.setUsageHelpWidth(110);
        cl.registerConverter(java.time.Duration.class, new Converters.HumanDurationConverter());
        cl.setDefaultValueProvider(new EnvDefaultProvider(context.env()));
        cl.setHelpFactory(new EnvHelpFactory());
        cl.setParameterExceptionHandler(parameterErrors());
        cl.setExecutionExceptionHandler(executionErrors(context));
        return cl;
    }

    CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        if (helpAll) {
            printAllHelp(spec.commandLine());
            return 0;
        }
        return spec.commandLine().getSubcommands().get("serve").execute();
    }

    private static void printAllHelp(CommandLine cl) {
        cl.usage(cl.getOut());
        for (CommandLine sub : cl.getCommandSpec().subcommands().values().stream().distinct().toList()) {
            cl.getOut().println();
            cl.getOut().println("=== " + sub.getCommandSpec().qualifiedName() + " ===");
            printAllHelp(sub);
        }
    }

    /** Usage errors: the message and a pointer to {@code --help}, exit code 2. */
    private static IParameterExceptionHandler parameterErrors() {
        return (ParameterException ex, String[] args) -> {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("error: " + ex.getMessage());
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("For more information, try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return cl.getCommandSpec().exitCodeOnInvalidInput();
        };
    }

    /** Failures: {@code <Command> command failed: <message>} on stderr, exit code 1, a stack trace only in debug. */
    private static IExecutionExceptionHandler executionErrors(CliContext context) {
        return (Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) -> {
            PrintWriter err = cl.getErr();
            // Our exceptions carry user-facing messages; anything else at least names its type.
            String message = ex.getMessage() == null || ex.getMessage().isBlank()
                    ? ex.getClass().getSimpleName() : ex.getMessage();
            err.println(commandTitle(cl) + " command failed: " + message);
            if (context.debug()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        };
    }

    /** "Write", "Query", "Create"...: the top-level subcommand under which the failure happened. */
    static String commandTitle(CommandLine cl) {
        CommandLine c = cl;
        while (c.getParent() != null && c.getParent().getParent() != null) {
            c = c.getParent();
        }
        String name = c.getParent() == null ? "serve" : c.getCommandName();
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
