package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyConfig_Clear;
import static org.bytedeco.cpython.global.python.PyConfig_InitIsolatedConfig;
import static org.bytedeco.cpython.global.python.PyConfig_SetBytesString;
import static org.bytedeco.cpython.global.python.PYMEM_ALLOCATOR_MALLOC;
import static org.bytedeco.cpython.global.python.PYMEM_ALLOCATOR_MIMALLOC;
import static org.bytedeco.cpython.global.python.PYMEM_ALLOCATOR_PYMALLOC;
import static org.bytedeco.cpython.global.python.PyEval_SaveThread;
import static org.bytedeco.cpython.global.python.PyPreConfig_InitIsolatedConfig;
import static org.bytedeco.cpython.global.python.Py_PreInitialize;
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
import org.bytedeco.cpython.PyPreConfig;
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
 * unbuffered so a plugin's {@code print()} shows up at once. numpy ({@code org.bytedeco:numpy}, with
 * OpenBLAS) is loaded before CPython starts and its package directory appended to {@code sys.path},
 * so {@code import numpy} works in the main interpreter (own-GIL sub-interpreters refuse it with an
 * {@code ImportError}).
 *
 * <p>Virtual environments are activated as InfluxDB 3 does ({@link #activateVirtualEnvironment});
 * {@link #useVirtualEnvironment} names one before the runtime starts, and {@link #packagesChanged}
 * makes packages installed into it later importable without a restart.
 *
 * <p>After start the GIL is released; every later use goes through a {@link PythonInterpreter},
 * which takes it per call.
 */
public final class PythonRuntime {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PythonRuntime.class);
    private static final Object LOCK = new Object();
    private static volatile PythonRuntime instance;
    private static RuntimeException startFailure;
    /** Venvs to activate when the runtime starts ({@link #useVirtualEnvironment}); guarded by LOCK. */
    private static final List<Path> pendingVirtualEnvironments = new ArrayList<>();

    private final PythonRuntimeConfig config;
    private final Path executable;
    private final Path home;
    private final String version;
    private final Duration startupTime;
    private final MainInterpreter main;
    private final List<Path> bundledPackages;
    private volatile Path activeVirtualEnvironment;

    private PythonRuntime(PythonRuntimeConfig config, Path executable, Path home, String version,
            Duration startupTime, MainInterpreter main, List<Path> bundledPackages) {
        this.config = config;
        this.executable = executable;
        this.home = home;
        this.version = version;
        this.startupTime = startupTime;
        this.main = main;
        this.bundledPackages = List.copyOf(bundledPackages);
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
                List<Path> pending = List.copyOf(pendingVirtualEnvironments);
                pendingVirtualEnvironments.clear();
                instance = onPlatformThread(() -> boot(config, pending));
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

    /**
     * Activates {@code venv} in the running runtime, or, if none runs yet, remembers it and activates
     * it when the runtime starts; so a server can name its venv without starting Python.
     *
     * @throws InfluxException INVALID_ARGUMENT if the runtime runs and {@code venv} is not a venv of its
     *     Python version (a pending venv that turns out invalid is logged and skipped at start)
     */
    public static void useVirtualEnvironment(Path venv) {
        PythonRuntime running;
        synchronized (LOCK) {
            running = instance;
            if (running == null) {
                Path dir = venv.toAbsolutePath().normalize();
                if (!pendingVirtualEnvironments.contains(dir)) {
                    pendingVirtualEnvironments.add(dir);
                }
                return;
            }
        }
        // Outside LOCK: taking the GIL while holding it could deadlock with a thread that holds the
        // GIL and waits for LOCK.
        running.activateVirtualEnvironment(venv);
    }

    /** The runtime if it has started, without starting it. */
    public static Optional<PythonRuntime> running() {
        return Optional.ofNullable(instance);
    }

    private static PythonRuntime boot(PythonRuntimeConfig config, List<Path> pendingVenvs) {
        long start = System.nanoTime();
        Path executable;
        Path home;
        try {
            executable = Path.of(Loader.load(org.bytedeco.cpython.python.class));
            home = org.bytedeco.cpython.presets.python.cachePackage().toPath();
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not load the embedded Python runtime: " + e, e);
        }
        // numpy's native library (and its libopenblas) must be loaded before CPython starts, or
        // `import numpy` fails to find libopenblas.so.0. Without it Python still works, minus numpy.
        List<Path> bundledPackages = new ArrayList<>();
        try {
            Loader.load(org.bytedeco.numpy.global.numpy.class);
            List<Path> cpythonPackages = new ArrayList<>();
            for (java.io.File f : org.bytedeco.cpython.global.python.cachePackages()) {
                cpythonPackages.add(f.toPath().toAbsolutePath().normalize());
            }
            for (java.io.File f : org.bytedeco.numpy.presets.numpy.cachePackages()) {
                Path p = f.toPath().toAbsolutePath().normalize();
                if (!cpythonPackages.contains(p)) {
                    bundledPackages.add(p);
                }
            }
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            LOG.warn("numpy is not available to Python plugins: could not load the bundled numpy: {}", e.toString());
            bundledPackages.clear();
        }
        preInitialize(home);
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
        if (!bundledPackages.isEmpty()) {
            // After the standard library and base site-packages, before any venv's site-packages
            // (appended later): the bundled numpy shadows one installed into a venv.
            List<String> paths = new ArrayList<>();
            for (Path path : bundledPackages) {
                paths.add(path.toString());
            }
            main.execLocked("import sys\nfor p in " + pythonStringList(paths) + ":\n"
                    + "    if p not in sys.path:\n        sys.path.append(p)\n");
        }
        PythonRuntime runtime = new PythonRuntime(config, executable, home, version,
                Duration.ofNanos(System.nanoTime() - start), main, bundledPackages);
        try {
            config.virtualEnvironment().ifPresent(runtime::activateLocked);
            for (Path venv : pendingVenvs) {
                try {
                    runtime.activateLocked(venv);
                } catch (InfluxException e) {
                    // Named before Python ran; Python still starts, without that venv.
                    LOG.warn("virtual environment not activated: {}", e.getMessage());
                }
            }
        } finally {
            PyEval_SaveThread();
        }
        return runtime;
    }

    /** The object allocator: {@code mimalloc} unless the system property names another. */
    static final String ALLOCATOR_PROPERTY = "influxdb3j.python.allocator";

    /**
     * Pre-initializes with the isolated defaults and the object allocator. CPython's default, pymalloc,
     * hands a 1 MiB arena back to the OS as soon as its last object dies; a plugin call that builds
     * and drops a large structure (a 100k-row {@code table_batches} is about 100 MB of dicts, floats
     * and ints) then page-faults its whole working set in again on every call, which costs more than
     * building the objects. mimalloc (bundled with CPython since 3.13, selectable in the default
     * build) keeps freed pages for reuse and is thread-safe, as sub-interpreters with their own GIL need.
     */
    private static void preInitialize(Path home) {
        String name = System.getProperty(ALLOCATOR_PROPERTY, "mimalloc");
        int allocator = switch (name) {
            case "mimalloc" -> PYMEM_ALLOCATOR_MIMALLOC;
            case "pymalloc" -> PYMEM_ALLOCATOR_PYMALLOC;
            case "malloc" -> PYMEM_ALLOCATOR_MALLOC;
            default -> throw new InfluxException(ErrorCode.INTERNAL, "unknown Python allocator " + name
                    + " in -D" + ALLOCATOR_PROPERTY + ": mimalloc, pymalloc or malloc");
        };
        PyPreConfig preConfig = new PyPreConfig();
        PyPreConfig_InitIsolatedConfig(preConfig);
        preConfig.allocator(allocator);
        PyStatus status = Py_PreInitialize(preConfig);
        if (PyStatus_Exception(status) != 0) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not pre-initialize embedded Python from " + home
                    + " with the " + name + " allocator: "
                    + (status.err_msg() == null ? "unknown error" : status.err_msg().getString()));
        }
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

    /**
     * Directories of Python packages bundled as jars besides the standard library (numpy's), on the
     * main interpreter's {@code sys.path}; empty if they could not be loaded.
     */
    public List<Path> bundledPackages() {
        return bundledPackages;
    }

    /**
     * Wraps a thread's whole body (what a {@link java.util.concurrent.ThreadFactory} runs) so that the
     * thread, once it calls the main interpreter, keeps its Python thread state for the rest of its
     * life instead of creating and deleting one per call; the state is deleted when {@code body}
     * ends. For pooled threads that call Python often. Does not start the runtime; nested use is a
     * no-op.
     */
    public static Runnable keepingThreadState(Runnable body) {
        java.util.Objects.requireNonNull(body, "body");
        return () -> MainInterpreter.runKeepingThreadState(body);
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

    /**
     * A new sub-interpreter with its own GIL ({@link SubInterpreter.Gil#OWN}) or sharing the main
     * interpreter's ({@link SubInterpreter.Gil#SHARED}), running on its own thread.
     *
     * @param name for messages and the thread's name
     */
    public SubInterpreter newSubInterpreter(String name, SubInterpreter.Gil gil) {
        return SubInterpreter.start(name, gil);
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
        main.execLocked(pthScript(sitePackages.toString(), false)); // site.addsitedir just processed them
        activeVirtualEnvironment = dir;
    }

    /**
     * Makes packages installed since the last import visible: {@code importlib.invalidate_caches()}
     * in the main interpreter, and the {@code .pth} files new in {@code sitePackages} processed (as
     * {@code site} does at start) if that directory is on {@code sys.path}.
     */
    public void packagesChanged(Path sitePackages) {
        String dir = sitePackages.toAbsolutePath().normalize().toString();
        main.withGil(() -> {
            main.execLocked("import importlib\nimportlib.invalidate_caches()\n" + pthScript(dir, true));
            return null;
        });
    }

    /** Python that processes (or, with {@code process} false, only records) the .pth files of {@code dir} not seen yet. */
    private static String pthScript(String dir, boolean process) {
        return "import os, site, sys\n"
                + "d = " + pythonStringList(List.of(dir)) + "[0]\n"
                + "seen = site.__dict__.setdefault('_influxdb3j_pth_seen', set())\n"
                + "if d in sys.path and os.path.isdir(d):\n"
                + "    for name in sorted(os.listdir(d)):\n"
                + "        if name.endswith('.pth') and (d, name) not in seen:\n"
                + "            seen.add((d, name))\n"
                + (process ? "            site.addpackage(d, name, None)\n" : "            pass\n");
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
