package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.python.PythonRuntime;
import io.influxdb3j.python.VirtualEnvironment;
import io.influxdb3j.python.VirtualEnvironment.IndexOptions;
import io.influxdb3j.python.VirtualEnvironment.InstallFailedException;
import io.influxdb3j.python.VirtualEnvironment.Installer;
import io.influxdb3j.python.VirtualEnvironment.InstallResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin venv and Core's package-install API: {@code POST
 * /api/v3/configure/plugin_environment/install_packages} ({@code {"packages": [...]}}) and {@code
 * .../install_requirements} ({@code {"requirements_location": "<path on the server>"}}).
 *
 * <p>With {@code --plugin-dir} the venv is {@code --virtual-env-location} ({@code VIRTUAL_ENV}) or
 * {@code <plugin-dir>/.venv}. At start an existing venv is named to the Python runtime (activated
 * when Python starts, or at once if it runs); a missing one is created in the background, without
 * pip, which the first pip install bootstraps. Unlike Core, a failed install is an error: 400 with
 * the tool's exit status and output.
 *
 * <p>Besides Core's fields both bodies take {@code index_url}, {@code extra_index_url} and {@code
 * find_links} (a string or a list) and {@code no_index} (boolean), passed to pip or uv as the flags
 * of the same names.
 */
final class PackageHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(PackageHandlers.class);
    static final String DISABLED_MESSAGE =
            "Package installation has been disabled. Contact your administrator for more information.";

    private final Optional<VirtualEnvironment> venv;
    private final ServeConfig.PackageManager manager;

    PackageHandlers(ServeConfig config) {
        this.venv = pluginEnvironment(config);
        this.manager = config.packageManager();
    }

    /** With {@code --plugin-dir}: {@code --virtual-env-location} (or {@code VIRTUAL_ENV}), else {@code <plugin-dir>/.venv}. */
    static Optional<VirtualEnvironment> pluginEnvironment(ServeConfig config) {
        return config.pluginDir()
                .map(dir -> VirtualEnvironment.at(config.virtualEnvLocation().orElse(dir.resolve(".venv"))));
    }

    /**
     * Names the plugin venv to the Python runtime (which need not run yet) so plugins can import its
     * packages; a missing venv is created in the background first. Call before triggers can run.
     *
     * @return completes when the background work (if any) is done; it never completes exceptionally
     */
    static CompletableFuture<Void> prepareEnvironment(ServeConfig config) {
        return pluginEnvironment(config).map(env -> prepare(env, config.packageManager()))
                .orElse(CompletableFuture.completedFuture(null));
    }

    private static CompletableFuture<Void> prepare(VirtualEnvironment env, ServeConfig.PackageManager manager) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (env.isUsable()) {
            use(env);
            LOG.info("plugin virtual environment: {}", env.location());
            done.complete(null);
        } else if (env.exists()) {
            LOG.warn("the plugin virtual environment {} is not usable by Python {}: {} does not exist; plugins run"
                    + " without it", env.location(), VirtualEnvironment.pythonMajorMinor(), env.sitePackages());
            done.complete(null);
        } else if (manager == ServeConfig.PackageManager.DISABLED) {
            // As in Core: with installs disabled nothing is created.
            done.complete(null);
        } else {
            Thread.ofPlatform().daemon().name("plugin-venv").start(() -> {
                try {
                    env.ensureCreated();
                    use(env);
                } catch (RuntimeException e) {
                    LOG.error("could not create the plugin virtual environment {}: {}", env.location(), e.getMessage());
                } finally {
                    done.complete(null);
                }
            });
        }
        return done;
    }

    private static void use(VirtualEnvironment env) {
        try {
            PythonRuntime.useVirtualEnvironment(env.location());
            LOG.debug("plugin virtual environment: {}", env.location());
        } catch (RuntimeException e) {
            LOG.warn("could not activate the plugin virtual environment {}: {}", env.location(), e.getMessage());
        }
    }

    HttpResponse installPackages(Request r) {
        if (manager == ServeConfig.PackageManager.DISABLED) {
            return Reply.text(403, DISABLED_MESSAGE);
        }
        JsonNode body = ConfigureHandlers.jsonBody(r);
        JsonNode packages = body.get("packages");
        if (packages == null || packages.isNull()) {
            throw InfluxException.invalid("serde json error: missing field `packages`");
        }
        if (!packages.isArray()) {
            throw InfluxException.invalid("serde json error: `packages` must be a list of package names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode p : packages) {
            if (!p.isTextual()) {
                throw InfluxException.invalid("serde json error: `packages` must be a list of strings, found " + p);
            }
            names.add(p.asText());
        }
        IndexOptions index = indexOptions(body);
        VirtualEnvironment env = environment();
        return run(env, () -> env.installPackages(names, index, installer()));
    }

    HttpResponse installRequirements(Request r) {
        if (manager == ServeConfig.PackageManager.DISABLED) {
            return Reply.text(403, DISABLED_MESSAGE);
        }
        JsonNode body = ConfigureHandlers.jsonBody(r);
        JsonNode location = body.get("requirements_location");
        if (location == null || location.isNull()) {
            throw InfluxException.invalid("serde json error: missing field `requirements_location`");
        }
        if (!location.isTextual() || location.asText().isBlank()) {
            throw InfluxException.invalid("serde json error: `requirements_location` must be a non-empty path");
        }
        Path file;
        try {
            file = Path.of(location.asText());
        } catch (java.nio.file.InvalidPathException e) {
            throw InfluxException.invalid("invalid requirements_location '" + location.asText() + "': " + e.getMessage());
        }
        IndexOptions index = indexOptions(body);
        VirtualEnvironment env = environment();
        return run(env, () -> env.installRequirements(file, index, installer()));
    }

    private VirtualEnvironment environment() {
        return venv.orElseThrow(() -> InfluxException.invalid(
                "the processing engine is off: start the server with --plugin-dir DIR to install Python packages"));
    }

    /** {@code discover}: uv if it is on PATH, else pip; {@code uv} without uv on PATH falls back to pip. */
    private Installer installer() {
        boolean uv = VirtualEnvironment.findOnPath("uv").isPresent();
        return switch (manager) {
            case UV -> {
                if (!uv) {
                    LOG.warn("--package-manager uv: uv is not on PATH; installing with pip");
                }
                yield uv ? Installer.UV : Installer.PIP;
            }
            case DISCOVER -> uv ? Installer.UV : Installer.PIP;
            case PIP, DISABLED -> Installer.PIP;
        };
    }

    private static HttpResponse run(VirtualEnvironment env, java.util.function.Supplier<InstallResult> install) {
        try {
            install.get();
        } catch (InstallFailedException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("error", e.getMessage());
            error.put("exit_code", e.result().exitCode());
            error.put("output", e.result().output());
            return Reply.json(400, error);
        }
        // Normally active since start; not if it was created only now (its creation at start failed).
        use(env);
        // Core answers 200 with an empty body (HttpResponse.of(status) would add "200 OK").
        return HttpResponse.of(ResponseHeaders.of(HttpStatus.OK));
    }

    private static IndexOptions indexOptions(JsonNode body) {
        String indexUrl = optionalText(body, "index_url");
        List<String> extra = textList(body, "extra_index_url");
        List<String> findLinks = textList(body, "find_links");
        JsonNode noIndex = body.get("no_index");
        if (noIndex != null && !noIndex.isNull() && !noIndex.isBoolean()) {
            throw InfluxException.invalid("serde json error: `no_index` must be true or false");
        }
        return new IndexOptions(indexUrl, extra, findLinks, noIndex != null && noIndex.asBoolean(false));
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw InfluxException.invalid("serde json error: `" + field + "` must be a string");
        }
        return n.asText();
    }

    private static List<String> textList(JsonNode body, String field) {
        JsonNode n = body.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            out.add(n.asText());
            return out;
        }
        if (!n.isArray()) {
            throw InfluxException.invalid("serde json error: `" + field + "` must be a string or a list of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw InfluxException.invalid("serde json error: `" + field + "` must be a list of strings, found " + e);
            }
            out.add(e.asText());
        }
        return out;
    }
}
