package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.influxdb3j.pipeline.ComponentFactory.Kind;
import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.config.ConfigLoader;
import io.influxdb3j.pipeline.config.LintError;
import io.influxdb3j.pipeline.config.Linter;
import io.influxdb3j.pipeline.config.PipelineConfig;
import io.influxdb3j.pipeline.runtime.PipelineRunner;
import io.influxdb3j.pipeline.runtime.PipelineSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code influxdb3 connect run|lint}: Redpanda Connect-style YAML pipelines ({@code input}, {@code pipeline.processors},
 * {@code output}), including the {@code python} components. {@code influxdb3 connect -c FILE} is the older form of
 * {@code run}. Exit codes: 0 after the input ended or a signal stopped the pipeline; 1 for a config that cannot be
 * read, lint errors (unless {@code --chilled}), components that cannot be built, a failed input, or a shutdown that
 * overran {@code shutdown_timeout}.
 */
@Command(name = "connect", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = {"Run YAML pipelines in the style of Redpanda Connect (rp-connect-python compatible)",
                "Example: echo hi | influxdb3 connect run rot13.yaml"},
        subcommands = {ConnectCommand.Run.class, ConnectCommand.Lint.class})
final class ConnectCommand extends BaseCommand {
    /** Where a config is looked for when {@code run} is given none (stock Benthos, as rp-connect-python). */
    static final List<String> DEFAULT_PATHS = List.of("/benthos.yaml", "/etc/benthos/config.yaml", "/etc/benthos.yaml");

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Run this config (the same as 'connect run FILE')")
    Path config;

    @Option(names = "--log.level", paramLabel = "LEVEL", description = "Override logger.level: off, error, warn, info, debug, trace")
    String logLevel;

    @Option(names = {"-s", "--set"}, paramLabel = "PATH=VALUE", description = "Override a config field by dot path (repeatable)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--chilled", description = "Run even if the config has lint errors")
    boolean chilled;

    @Override
    public Integer call() {
        if (config == null) {
            throw usageError("Missing required subcommand: run or lint (or give a config with -c)");
        }
        return runPipeline(this, config, logLevel, sets, chilled, List.of(), List.of());
    }

    /** {@code connect run [flags] [CONFIG]}. */
    @Command(name = "run", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = "Run a pipeline until its input ends (exit 0) or SIGINT/SIGTERM")
    static final class Run extends BaseCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "The pipeline's YAML file")
        Path file;

        @Option(names = "--log.level", paramLabel = "LEVEL", description = "Override logger.level: off, error, warn, info, debug, trace")
        String logLevel;

        @Option(names = {"-s", "--set"}, paramLabel = "PATH=VALUE", description = "Override a config field by dot path (repeatable)")
        List<String> sets = new ArrayList<>();

        @Option(names = "--chilled", description = "Run even if the config has lint errors")
        boolean chilled;

        @Option(names = {"-r", "--resources"}, paramLabel = "FILE",
                description = "A file of *_resources to add (repeatable)")
        List<Path> resources = new ArrayList<>();

        @Option(names = {"-e", "--env-file"}, paramLabel = "FILE", description = "Load environment variables from a dotenv file (repeatable)")
        List<Path> envFiles = new ArrayList<>();

        @Override
        public Integer call() {
            ConnectCommand parent = (ConnectCommand) spec.parent().userObject();
            List<String> allSets = new ArrayList<>(parent.sets);
            allSets.addAll(sets);
            Path config = file != null ? file : parent.config;
            return runPipeline(this, config, logLevel != null ? logLevel : parent.logLevel, allSets,
                    chilled || parent.chilled, resources, envFiles);
        }
    }

    /** {@code connect lint FILE...}: prints every lint error; exit 1 when there is any. */
    @Command(name = "lint", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
            description = "Check pipeline configs for errors without running them")
    static final class Lint extends BaseCommand {
        @Parameters(arity = "1..*", paramLabel = "CONFIG", description = "YAML files to check")
        List<Path> files;

        @Option(names = "--skip-env-var-check", description = "Do not report environment variables that are not set")
        boolean skipEnvVarCheck;

        @Option(names = {"-e", "--env-file"}, paramLabel = "FILE", description = "Load environment variables from a dotenv file (repeatable)")
        List<Path> envFiles = new ArrayList<>();

        @Override
        public Integer call() {
            Function<String, String> env = environment(this, envFiles);
            Function<String, String> lookup = skipEnvVarCheck ? name -> Optional.ofNullable(env.apply(name)).orElse("") : env;
            ComponentRegistry registry = ComponentRegistry.standard();
            int problems = 0;
            for (Path f : files) {
                try {
                    PipelineConfig c = ConfigLoader.load(resolve(this, f), f.toString(), lookup, List.of());
                    for (LintError e : Linter.lint(c, registry)) {
                        err().println(e);
                        problems++;
                    }
                } catch (PipelineException e) {
                    err().println(e.getMessage());
                    problems++;
                }
            }
            err().flush();
            return problems == 0 ? 0 : 1;
        }
    }

    static Path resolve(BaseCommand command, Path file) {
        return file.isAbsolute() ? file : command.ctx().workingDir().resolve(file);
    }

    /** The process environment (with the CLI's {@code .env}) plus {@code --env-file}s, which win. */
    static Function<String, String> environment(BaseCommand command, List<Path> envFiles) {
        Map<String, String> vars = new HashMap<>(command.ctx().env().asMap());
        for (Path f : envFiles) {
            Path p = resolve(command, f);
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) {
                        continue;
                    }
                    if (l.startsWith("export ")) {
                        l = l.substring(7).strip();
                    }
                    int eq = l.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String value = l.substring(eq + 1).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    vars.put(l.substring(0, eq).strip(), value);
                }
            } catch (IOException e) {
                throw new PipelineException(f + ": cannot read env file: " + e.getMessage());
            }
        }
        return vars::get;
    }

    private static boolean debug(String level) {
        return level != null && Set.of("debug", "trace", "all").contains(level.toLowerCase(Locale.ROOT));
    }

    /** Loads, lints, builds and runs one pipeline; every failure is one message on stderr and exit code 1. */
    static int runPipeline(BaseCommand command, Path file, String logLevel, List<String> sets, boolean chilled,
                           List<Path> resources, List<Path> envFiles) {
        PrintWriter err = command.err();
        String level = logLevel;
        boolean loggingApplied = false;
        try {
            if (level != null) {
                ConnectLogging.level(level);
            }
            Path path;
            String display;
            if (file != null) {
                path = resolve(command, file);
                display = file.toString();
            } else {
                path = DEFAULT_PATHS.stream().map(Path::of).filter(Files::isRegularFile).findFirst()
                        .orElseThrow(() -> new PipelineException("no config file given and none found at "
                                + String.join(", ", DEFAULT_PATHS) + "; usage: influxdb3 connect run CONFIG.yaml"));
                display = path.toString();
            }
            Function<String, String> env = environment(command, envFiles);
            ComponentRegistry registry = ComponentRegistry.standard();
            PipelineConfig config = ConfigLoader.load(path, display, env, sets);
            if (level == null) {
                level = config.root().path("logger").path("level").asText("INFO");
            }
            List<LintError> lints = new ArrayList<>();
            Map<Kind, Set<String>> labels = new EnumMap<>(Kind.class);
            List<PipelineConfig> resourceConfigs = new ArrayList<>();
            for (Path r : resources) {
                PipelineConfig rc = ConfigLoader.load(resolve(command, r), r.toString(), env, List.of());
                lints.addAll(Linter.lint(rc, registry));
                for (Kind k : Kind.values()) {
                    labels.computeIfAbsent(k, x -> new HashSet<>()).addAll(Linter.resourceLabels(rc, k));
                }
                resourceConfigs.add(rc);
            }
            lints.addAll(Linter.lint(config, registry, labels));
            if (!lints.isEmpty()) {
                lints.forEach(err::println);
                if (!chilled) {
                    err.println("Shutting down due to linter errors, to prevent shutdown run with --chilled");
                    err.flush();
                    return 1;
                }
            }
            for (PipelineConfig rc : resourceConfigs) {
                mergeResources(config, rc);
            }
            PipelineSettings settings = PipelineSettings.of(config);
            CliContext ctx = command.ctx();
            loggingApplied = true;
            ConnectLogging.apply(settings.logger().withLevel(logLevel), settings.outputIsStdout() ? ctx.stderr() : ctx.stdout(),
                    ctx.workingDir());
            PipelineRunner runner = PipelineRunner.build(config, registry, new PipelineRunner.Environment(
                    path.getFileName().toString(), ctx.workingDir(), ctx.stdin(), ctx.stdout(), Optional.empty(), Version.VERSION));
            AtomicInteger signals = new AtomicInteger();
            try (AutoCloseable handlers = onSignals(() -> {
                if (signals.incrementAndGet() > 1) {
                    // A second signal while draining: stop now, as Redpanda Connect does.
                    Runtime.getRuntime().halt(1);
                }
                runner.stop();
            })) {
                int code = runner.run();
                if (code != 0 && runner.failure().isPresent()) {
                    // Also when the logger is off: the last line says why the exit code is 1.
                    throw runner.failure().get();
                }
                return code;
            }
        } catch (PipelineException | CliException e) {
            err.println("Connect command failed: " + e.getMessage());
            if (debug(level)) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        } catch (Exception e) {
            err.println("Connect command failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            if (debug(level)) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        } finally {
            if (loggingApplied) {
                ConnectLogging.restore();
            }
            command.out().flush();
            command.ctx().stdout().flush();
        }
    }

    private static void mergeResources(PipelineConfig into, PipelineConfig from) {
        for (String key : List.of("input_resources", "processor_resources", "output_resources")) {
            JsonNode list = from.root().get(key);
            if (list == null || !list.isArray()) {
                continue;
            }
            JsonNode existing = into.root().get(key);
            ArrayNode target = existing != null && existing.isArray() ? (ArrayNode) existing : into.root().putArray(key);
            list.forEach(target::add);
        }
    }

    /**
     * Routes SIGINT and SIGTERM to {@code action} while the pipeline runs (through {@code sun.misc.Signal}, found
     * reflectively), so a signal means a graceful stop and exit code 0 rather than the JVM's 130/143. The previous
     * handlers are restored on close.
     */
    static AutoCloseable onSignals(Runnable action) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        default -> "connect signal handler";
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            List<Object[]> previous = new ArrayList<>();
            for (String name : List.of("INT", "TERM")) {
                Object signal = signalClass.getConstructor(String.class).newInstance(name);
                previous.add(new Object[] {signal, handle.invoke(null, signal, handler)});
            }
            return () -> {
                for (Object[] p : previous) {
                    handle.invoke(null, p[0], p[1]);
                }
            };
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return () -> { };
        }
    }
}
