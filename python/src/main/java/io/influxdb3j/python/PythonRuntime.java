package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyConfig_Clear;
import static org.bytedeco.cpython.global.python.PyConfig_InitIsolatedConfig;
import static org.bytedeco.cpython.global.python.PyConfig_SetBytesString;
import static org.bytedeco.cpython.global.python.PyEval_SaveThread;
import static org.bytedeco.cpython.global.python.PyStatus_Exception;
import static org.bytedeco.cpython.global.python.Py_GetVersion;
import static org.bytedeco.cpython.global.python.Py_InitializeFromConfig;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.cpython.PyConfig;
import org.bytedeco.cpython.PyStatus;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The embedded CPython runtime: started once per process, never stopped.
 *
 * <p>CPython comes from the {@code org.bytedeco:cpython} jars; the first start extracts it into
 * the JavaCPP cache ({@code ~/.javacpp/cache}). It starts in isolated mode: environment variables
 * such as {@code PYTHONPATH} and {@code PYTHONHOME} and the user's site directory are ignored, no
 * signal handlers are installed (the JVM keeps SIGINT), {@code sys.executable} is the bundled
 * {@code python3.14} (usable for {@code -m venv} and {@code -m pip}), and stdout/stderr are
 * unbuffered so a plugin's {@code print()} shows up at once.
 *
 * <p>After start the GIL is released; every later use goes through a {@link PythonInterpreter},
 * which takes it per call.
 */
public final class PythonRuntime {
    private static final Object LOCK = new Object();
    private static volatile PythonRuntime instance;
    private static RuntimeException startFailure;

    private final PythonRuntimeConfig config;
    private final Path executable;
    private final Path home;
    private final String version;
    private final Duration startupTime;
    private final MainInterpreter main;
    private volatile Path activeVirtualEnvironment;

    private PythonRuntime(PythonRuntimeConfig config, Path executable, Path home, String version,
            Duration startupTime, MainInterpreter main) {
        this.config = config;
        this.executable = executable;
        this.home = home;
        this.version = version;
        this.startupTime = startupTime;
        this.main = main;
    }

    /** The runtime, started with {@link PythonRuntimeConfig#defaults()} if nothing started it yet. */
    public static PythonRuntime get() {
        PythonRuntime runtime = instance;
        return runtime != null ? runtime : start(PythonRuntimeConfig.defaults());
    }

    /**
     * Starts the runtime with {@code config}, or returns it if it already runs with the same config.
     *
     * @throws IllegalStateException if it already runs with another config (CPython cannot restart)
     * @throws InfluxException if CPython fails to start; every later call fails the same way
     */
    public static PythonRuntime start(PythonRuntimeConfig config) {
        synchronized (LOCK) {
            if (instance != null) {
                if (!instance.config.equals(config)) {
                    throw new IllegalStateException("the Python runtime already runs with " + instance.config
                            + " and cannot be restarted with " + config);
                }
                return instance;
            }
            if (startFailure != null) {
                throw startFailure;
            }
            try {
                instance = onPlatformThread(() -> boot(config));
                return instance;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
    }

    // CPython binds the starting thread's state to the OS thread; a virtual thread could move.
    private static PythonRuntime onPlatformThread(java.util.function.Supplier<PythonRuntime> boot) {
        if (!Thread.currentThread().isVirtual()) {
            return boot.get();
        }
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("python-start").start(() -> {
            try {
                outcome.set(boot.get());
            } catch (RuntimeException | Error e) {
                outcome.set(e);
            }
        });
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while starting Python", e);
        }
        return switch (outcome.get()) {
            case PythonRuntime runtime -> runtime;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IllegalStateException("Python start ended without an outcome");
        };
    }

    private static PythonRuntime boot(PythonRuntimeConfig config) {
        long start = System.nanoTime();
        Path executable;
        Path home;
        try {
            executable = Path.of(Loader.load(org.bytedeco.cpython.python.class));
            home = org.bytedeco.cpython.presets.python.cachePackage().toPath();
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not load the embedded Python runtime: " + e, e);
        }
        PyConfig pyConfig = new PyConfig();
        PyConfig_InitIsolatedConfig(pyConfig);
        pyConfig.buffered_stdio(0);
        setString(pyConfig, "home", home.toString());
        setString(pyConfig, "executable", executable.toString());
        setString(pyConfig, "program_name", executable.toString());
        PyStatus status = Py_InitializeFromConfig(pyConfig);
        PyConfig_Clear(pyConfig);
        if (PyStatus_Exception(status) != 0) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not start embedded Python from " + home + ": "
                    + (status.err_msg() == null ? "unknown error" : status.err_msg().getString()));
        }
        // This thread holds the GIL until PyEval_SaveThread below.
        String version = Py_GetVersion().getString().split(" ", 2)[0];
        MainInterpreter main = new MainInterpreter();
        main.bootstrapLocked();
        if (!config.extraSysPath().isEmpty()) {
            List<String> paths = new ArrayList<>();
            for (Path path : config.extraSysPath()) {
                paths.add(path.toAbsolutePath().toString());
            }
            main.execLocked("import sys\nsys.path[0:0] = " + pythonStringList(paths) + "\n");
        }
        PythonRuntime runtime = new PythonRuntime(config, executable, home, version,
                Duration.ofNanos(System.nanoTime() - start), main);
        try {
            config.virtualEnvironment().ifPresent(runtime::activateLocked);
        } finally {
            PyEval_SaveThread();
        }
        return runtime;
    }

    private static void setString(PyConfig pyConfig, String field, String value) {
        // PyConfig_SetBytesString(config, &config->field, value); the String overloads of these
        // JavaCPP bindings corrupt the heap, so the value goes in as explicit UTF-8 bytes.
        try (BytePointer bytes = new BytePointer(value, StandardCharsets.UTF_8)) {
            PyStatus status = PyConfig_SetBytesString(pyConfig,
                    new PointerPointer<>(pyConfig.getPointer(BytePointer.class, pyConfig.offsetof(field))), bytes);
            if (PyStatus_Exception(status) != 0) {
                throw new InfluxException(ErrorCode.INTERNAL, "could not set Python's " + field + " to " + value);
            }
        }
    }

    private static String pythonStringList(List<String> values) {
        StringBuilder list = new StringBuilder("[");
        for (String value : values) {
            list.append(list.length() > 1 ? ", " : "").append('\'');
            for (char c : value.toCharArray()) {
                list.append(c == '\'' || c == '\\' ? "\\" + c : String.valueOf(c));
            }
            list.append('\'');
        }
        return list.append(']').toString();
    }

    /** The main interpreter, shared by all callers. */
    public PythonInterpreter mainInterpreter() {
        return main;
    }

    /**
     * A new sub-interpreter with its own GIL, running on its own thread.
     *
     * @param name for messages and the thread's name
     */
    public SubInterpreter newSubInterpreter(String name) {
        return SubInterpreter.start(name);
    }

    /** The bundled {@code python3.14} executable; {@code sys.executable} inside the interpreter. */
    public Path pythonExecutable() {
        return executable;
    }

    /** Where the bundled runtime was extracted ({@code sys.base_prefix}). */
    public Path home() {
        return home;
    }

    /** The CPython version, {@code 3.14.3}. */
    public String version() {
        return version;
    }

    /** {@code 3.14}, as in {@code lib/python3.14}. */
    public String majorMinorVersion() {
        String[] parts = version.split("\\.");
        return parts[0] + "." + parts[1];
    }

    /** How long the start took, extraction included. */
    public Duration startupTime() {
        return startupTime;
    }

    public PythonRuntimeConfig config() {
        return config;
    }

    /** The venv activated last, if any. */
    public Optional<Path> virtualEnvironment() {
        return Optional.ofNullable(activeVirtualEnvironment);
    }

    /**
     * Activates a virtual environment in the running interpreter as InfluxDB 3 does: {@code VIRTUAL_ENV}
     * and {@code PATH} in {@code os.environ}, {@code sys.prefix} and {@code sys.exec_prefix}, and the
     * venv's site-packages appended to the end of {@code sys.path} (with its {@code .pth} files).
     * Packages installed later become importable at once.
     *
     * @throws InfluxException INVALID_ARGUMENT if {@code venv} is not a venv of this Python version
     */
    public synchronized void activateVirtualEnvironment(Path venv) {
        main.withGil(() -> {
            activateLocked(venv);
            return null;
        });
    }

    private synchronized void activateLocked(Path venv) {
        Path dir = venv.toAbsolutePath().normalize();
        Path sitePackages = dir.resolve("lib").resolve("python" + majorMinorVersion()).resolve("site-packages");
        if (!Files.isDirectory(sitePackages)) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "'" + dir + "' is not a Python "
                    + majorMinorVersion() + " virtual environment: " + sitePackages + " does not exist; create one with '"
                    + executable + " -m venv " + dir + "'");
        }
        main.activateVirtualEnvironmentLocked(dir, sitePackages, dir.resolve("bin"));
        activeVirtualEnvironment = dir;
    }

    /**
     * Creates a virtual environment with the bundled Python ({@code python3.14 -m venv}); blocks
     * until done, which takes several seconds when pip is installed into it.
     *
     * @throws InfluxException INTERNAL with Python's output if it fails
     */
    public void createVirtualEnvironment(Path dir, boolean withPip) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "-m", "venv"));
        if (!withPip) {
            command.add("--without-pip");
        }
        command.add(dir.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("PYTHONHOME");
        builder.environment().remove("PYTHONPATH");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new InfluxException(ErrorCode.INTERNAL,
                        "'" + String.join(" ", command) + "' failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not run '" + String.join(" ", command) + "': " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while creating the venv " + dir, e);
        }
    }
}
