package io.influxdb3j.python;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the embedded runtime starts.
 *
 * @param virtualEnvironment a venv to activate at start (InfluxDB 3's {@code --virtual-env-location}
 *     / {@code VIRTUAL_ENV}); one can also be activated later
 * @param extraSysPath directories put at the front of {@code sys.path} (other JavaCPP Python
 *     packages, say)
 */
public record PythonRuntimeConfig(Optional<Path> virtualEnvironment, List<Path> extraSysPath) {
    public PythonRuntimeConfig {
        Objects.requireNonNull(virtualEnvironment, "virtualEnvironment");
        extraSysPath = List.copyOf(extraSysPath);
    }

    /** No venv, nothing extra on {@code sys.path}. */
    public static PythonRuntimeConfig defaults() {
        return new PythonRuntimeConfig(Optional.empty(), List.of());
    }

    /** The venv named by {@code VIRTUAL_ENV} in {@code environment}, if set and not blank. */
    public static PythonRuntimeConfig fromEnvironment(Map<String, String> environment) {
        String venv = environment.get("VIRTUAL_ENV");
        return new PythonRuntimeConfig(venv == null || venv.isBlank() ? Optional.empty() : Optional.of(Path.of(venv)),
                List.of());
    }

    public PythonRuntimeConfig withVirtualEnvironment(Path venv) {
        return new PythonRuntimeConfig(Optional.of(venv), extraSysPath);
    }
}
