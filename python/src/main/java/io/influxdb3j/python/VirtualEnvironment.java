package io.influxdb3j.python;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Python virtual environment of the bundled CPython, as InfluxDB 3 keeps one for plugins: created
 * with {@code python3.14 -m venv}, packages installed with the venv's own pip (or with {@code uv pip
 * --python <venv>/bin/python}).
 *
 * <p>Creation is cheap: the venv is made without pip (a fraction of a second); pip is bootstrapped
 * into it with {@code ensurepip} (offline, from the wheel bundled with CPython; several seconds) on
 * the first pip install. Installs into one venv are serialised, also across objects naming the same
 * directory. Nothing here starts the embedded interpreter.
 */
public final class VirtualEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(VirtualEnvironment.class);
    private static final Map<Path, Object> LOCKS = new ConcurrentHashMap<>();
    /** How long one pip or uv run may take before it is killed. */
    static final Duration INSTALL_TIME_LIMIT = Duration.ofMinutes(30);
    /** How much of a tool's output a failure message keeps (the end, where the error is). */
    static final int MAX_OUTPUT_CHARS = 64 * 1024;

    /** The tool that installs packages. */
    public enum Installer {
        /** {@code <venv>/bin/python -m pip install}. */
        PIP,
        /** {@code uv pip install --python <venv>/bin/python}; needs {@code uv} on {@code PATH}. */
        UV;

        public String displayName() {
            return this == PIP ? "pip" : "uv";
        }
    }

    /**
     * Where packages come from, passed through to pip or uv (both take the same flags).
     *
     * @param indexUrl {@code --index-url}, or null for the default (PyPI, or {@code PIP_INDEX_URL})
     * @param extraIndexUrls {@code --extra-index-url}, each
     * @param findLinks {@code --find-links}: directories or URLs of wheels and sdists
     * @param noIndex {@code --no-index}: only {@code findLinks}
     */
    public record IndexOptions(String indexUrl, List<String> extraIndexUrls, List<String> findLinks, boolean noIndex) {
        public IndexOptions {
            extraIndexUrls = List.copyOf(extraIndexUrls);
            findLinks = List.copyOf(findLinks);
            requireValue("index URL", indexUrl, true);
            extraIndexUrls.forEach(v -> requireValue("extra index URL", v, false));
            findLinks.forEach(v -> requireValue("find-links location", v, false));
        }

        /** The tool's defaults. */
        public static IndexOptions defaults() {
            return new IndexOptions(null, List.of(), List.of(), false);
        }

        List<String> arguments() {
            List<String> args = new ArrayList<>();
            if (indexUrl != null) {
                args.add("--index-url=" + indexUrl);
            }
            extraIndexUrls.forEach(v -> args.add("--extra-index-url=" + v));
            findLinks.forEach(v -> args.add("--find-links=" + v));
            if (noIndex) {
                args.add("--no-index");
            }
            return args;
        }

        private static void requireValue(String what, String value, boolean nullable) {
            if (value == null ? !nullable : value.isBlank() || value.indexOf('\0') >= 0) {
                throw InfluxException.invalid("invalid " + what + " '" + value + "': it must not be empty");
            }
        }
    }

    /** What an install run did: the command line, the tool's exit status and its output (stdout and stderr). */
    public record InstallResult(List<String> command, int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Thrown when the tool ran and failed; carries its exit status and output. */
    public static final class InstallFailedException extends InfluxException {
        private static final long serialVersionUID = 1L;
        private final transient InstallResult result;

        InstallFailedException(String message, InstallResult result) {
            super(ErrorCode.INVALID_ARGUMENT, message);
            this.result = result;
        }

        public InstallResult result() {
            return result;
        }
    }

    private final Path location;

    private VirtualEnvironment(Path location) {
        this.location = location.toAbsolutePath().normalize();
    }

    /** The venv at {@code location}; nothing is created. */
    public static VirtualEnvironment at(Path location) {
        return new VirtualEnvironment(Objects.requireNonNull(location, "location"));
    }

    /** {@code 3.14}: the Python version of the bundled runtime (known without loading it). */
    public static String pythonMajorMinor() {
        return org.bytedeco.cpython.global.python.PY_MAJOR_VERSION + "."
                + org.bytedeco.cpython.global.python.PY_MINOR_VERSION;
    }

    /** The absolute, normalised directory. */
    public Path location() {
        return location;
    }

    /** {@code <venv>/lib/python3.14/site-packages}. */
    public Path sitePackages() {
        return location.resolve("lib").resolve("python" + pythonMajorMinor()).resolve("site-packages");
    }

    /** {@code <venv>/bin/python}. */
    public Path python() {
        return location.resolve("bin").resolve("python");
    }

    /** Whether a venv exists there, by InfluxDB 3's test: {@code bin/activate} is present. */
    public boolean exists() {
        return Files.isRegularFile(location.resolve("bin").resolve("activate"));
    }

    /** Whether it exists and was made by this Python version (its site-packages is where we look). */
    public boolean isUsable() {
        return exists() && Files.isDirectory(sitePackages());
    }

    /**
     * Creates the venv (without pip) with the bundled Python unless {@link #exists()}; then checks
     * it is usable.
     *
     * @return true if it was created now
     * @throws InfluxException INTERNAL with Python's output if creating fails; INVALID_ARGUMENT if a
     *     venv of another Python version is there
     */
    public boolean ensureCreated() {
        synchronized (lock()) {
            boolean created = false;
            if (!exists()) {
                long start = System.nanoTime();
                List<String> command = List.of(bundledPython().toString(), "-m", "venv", "--without-pip",
                        location.toString());
                InstallResult result = run(command, Duration.ofMinutes(5));
                if (!result.succeeded()) {
                    throw new InfluxException(ErrorCode.INTERNAL, "could not create the Python virtual environment "
                            + location + ": '" + String.join(" ", command) + "' exited with " + result.exitCode()
                            + ": " + result.output().strip());
                }
                LOG.info("created the plugin virtual environment {} in {} ms", location,
                        (System.nanoTime() - start) / 1_000_000);
                created = true;
            }
            requireUsable();
            return created;
        }
    }

    private void requireUsable() {
        if (!Files.isDirectory(sitePackages())) {
            throw InfluxException.invalid("'" + location + "' is not a Python " + pythonMajorMinor()
                    + " virtual environment (" + sitePackages() + " does not exist; was it made by another Python?):"
                    + " remove it so the server creates a new one, or point --virtual-env-location elsewhere");
        }
    }

    /**
     * Installs {@code requirements} (pip requirement specifiers: {@code name}, {@code name==1.0},
     * a path or URL of a wheel) into the venv, creating it first if needed.
     *
     * @throws InfluxException INVALID_ARGUMENT for an empty list or a specifier that looks like an option
     * @throws InstallFailedException if the tool ran and failed (pip's exit status and output)
     */
    public InstallResult installPackages(List<String> requirements, IndexOptions index, Installer installer) {
        if (requirements.isEmpty()) {
            throw InfluxException.invalid("no packages to install: give at least one package name");
        }
        List<String> args = new ArrayList<>();
        for (String requirement : requirements) {
            if (requirement == null || requirement.isBlank()) {
                throw InfluxException.invalid("invalid package name '" + requirement + "': it must not be empty");
            }
            if (requirement.strip().startsWith("-")) {
                throw InfluxException.invalid("invalid package name '" + requirement
                        + "': it must not start with '-' (installer options cannot be passed as packages)");
            }
            if (requirement.indexOf('\0') >= 0 || requirement.indexOf('\n') >= 0) {
                throw InfluxException.invalid("invalid package name '" + requirement.replace("\n", "\\n") + "'");
            }
            args.add(requirement.strip());
        }
        return install(args, index, installer, String.join(" ", args));
    }

    /**
     * Installs everything a requirements file lists ({@code pip install -r FILE}).
     *
     * @throws InfluxException INVALID_ARGUMENT if the file does not exist or is not a readable file
     * @throws InstallFailedException if the tool ran and failed
     */
    public InstallResult installRequirements(Path requirementsFile, IndexOptions index, Installer installer) {
        Path file = requirementsFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw InfluxException.invalid("requirements file '" + requirementsFile + "' does not exist on the server"
                    + (Files.exists(file) ? " as a regular file" : ""));
        }
        if (!Files.isReadable(file)) {
            throw InfluxException.invalid("requirements file '" + requirementsFile + "' is not readable by the server");
        }
        return install(List.of("--requirement=" + file), index, installer, "-r " + file);
    }

    private InstallResult install(List<String> what, IndexOptions index, Installer installer, String description) {
        synchronized (lock()) {
            ensureCreated();
            List<String> command = new ArrayList<>();
            if (installer == Installer.UV) {
                Path uv = findOnPath("uv").orElseThrow(() -> InfluxException.invalid(
                        "the uv package manager is not on the server's PATH"));
                command.addAll(List.of(uv.toString(), "pip", "install", "--python", python().toString()));
            } else {
                ensurePip();
                command.addAll(List.of(python().toString(), "-m", "pip", "install", "--disable-pip-version-check",
                        "--no-input"));
            }
            command.addAll(index.arguments());
            command.addAll(what);
            long start = System.nanoTime();
            InstallResult result = run(command, INSTALL_TIME_LIMIT);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (!result.succeeded()) {
                LOG.warn("installing {} into {} with {} failed (exit {}) after {} ms", description, location,
                        installer.displayName(), result.exitCode(), millis);
                throw new InstallFailedException(installer.displayName() + " could not install " + description
                        + " (exit status " + result.exitCode() + "): " + lastError(result.output()), result);
            }
            LOG.info("installed {} into {} with {} in {} ms", description, location, installer.displayName(), millis);
            // New modules import from the next plugin call on, with no restart.
            PythonRuntime.running().ifPresent(runtime -> runtime.packagesChanged(sitePackages()));
            return result;
        }
    }

    /** Bootstraps pip into the venv (offline, from CPython's bundled wheel) if {@code -m pip} does not work there. */
    private void ensurePip() {
        InstallResult probe = run(List.of(python().toString(), "-m", "pip", "--version"), Duration.ofMinutes(2));
        if (probe.succeeded()) {
            return;
        }
        long start = System.nanoTime();
        List<String> command = List.of(python().toString(), "-m", "ensurepip", "--default-pip");
        InstallResult result = run(command, Duration.ofMinutes(10));
        if (!result.succeeded()) {
            throw new InfluxException(ErrorCode.INTERNAL, "pip is not available in " + location + " and '"
                    + String.join(" ", command) + "' failed (exit status " + result.exitCode() + "): "
                    + lastError(result.output()));
        }
        LOG.info("installed pip into {} in {} ms", location, (System.nanoTime() - start) / 1_000_000);
    }

    /** The lines from pip's first {@code ERROR:} on, or the end of the output. */
    static String lastError(String output) {
        String text = output.strip();
        int error = text.indexOf("ERROR:");
        if (error >= 0) {
            text = text.substring(error);
        }
        return text.length() > 4000 ? "..." + text.substring(text.length() - 4000) : text;
    }

    private InstallResult run(List<String> command, Duration limit) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // The bundled Python finds its own home; a venv's python its venv. PIP_* settings of the
        // server's environment (PIP_INDEX_URL, PIP_FIND_LINKS, ...) are honoured on purpose.
        env.remove("PYTHONHOME");
        env.remove("PYTHONPATH");
        env.remove("PYTHONSTARTUP");
        env.put("VIRTUAL_ENV", location.toString());
        String path = env.get("PATH");
        env.put("PATH", location.resolve("bin") + (path == null || path.isEmpty() ? "" : java.io.File.pathSeparator + path));
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not run '" + String.join(" ", command) + "': "
                    + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close(); // no input: a prompt fails instead of waiting
        } catch (IOException e) {
            // the process already ended
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = Thread.ofVirtual().name("venv-output").start(() -> copy(process.getInputStream(), output));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                reader.join(Duration.ofSeconds(10));
                throw new InfluxException(ErrorCode.INTERNAL, "'" + String.join(" ", command) + "' did not finish within "
                        + limit.toMinutes() + " minutes and was stopped; its output: " + lastError(text(output)));
            }
            reader.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while running '" + String.join(" ", command) + "'", e);
        }
        String text = text(output);
        if (text.length() > MAX_OUTPUT_CHARS) {
            text = "...\n" + text.substring(text.length() - MAX_OUTPUT_CHARS);
        }
        return new InstallResult(List.copyOf(command), process.exitValue(), text);
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // the process was killed; keep what was read
        }
    }

    private Object lock() {
        return LOCKS.computeIfAbsent(location, p -> new Object());
    }

    /** The bundled {@code python3.14} executable; loads (but does not start) the runtime's native library. */
    static Path bundledPython() {
        PythonRuntime running = PythonRuntime.running().orElse(null);
        if (running != null) {
            return running.pythonExecutable();
        }
        try {
            return Path.of(Loader.load(org.bytedeco.cpython.python.class));
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            throw new InfluxException(ErrorCode.INTERNAL, "could not load the embedded Python runtime: " + e, e);
        }
    }

    /** An executable named {@code name} in a directory of {@code PATH}. */
    public static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (java.nio.file.InvalidPathException e) {
                // skip
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "VirtualEnvironment[" + location + "]";
    }
}
