package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 install package}: Python packages into the server's plugin virtual environment. */
@Command(name = "install", mixinStandardHelpOptions = true, abbreviateSynopsis = true,
        description = "Install packages for the processing engine",
        subcommands = {InstallCommand.PackageCommand.class})
final class InstallCommand extends BaseCommand {
    @Override
    public Integer call() {
        throw usageError("Missing required subcommand: package");
    }

    /**
     * {@code install package NAME...} ({@code POST /api/v3/configure/plugin_environment/install_packages}) or
     * {@code install package -r FILE} ({@code .../install_requirements}); the server runs pip (or uv) in its venv.
     */
    @Command(name = "package", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
            description = {"Install Python packages into the server's plugin virtual environment.",
                    "The server runs pip (or uv) itself: names, requirements file and index options are used there."})
    static final class PackageCommand extends BaseCommand {
        @Mixin
        ClientOptions client;

        @Option(names = {"-r", "--requirements"}, paramLabel = "REQUIREMENTS",
                description = "Path to a requirements.txt file (read by the server; a path that exists here is sent"
                        + " as an absolute path)")
        Path requirements;

        @Option(names = "--index-url", paramLabel = "URL",
                description = "Base URL of the package index (pip's --index-url; beyond Core)")
        String indexUrl;

        @Option(names = "--extra-index-url", paramLabel = "URL",
                description = "A further package index, repeatable (pip's --extra-index-url; beyond Core)")
        List<String> extraIndexUrls;

        @Option(names = "--find-links", paramLabel = "DIR_OR_URL",
                description = "A directory or URL of wheels to install from, repeatable (pip's --find-links; beyond Core)")
        List<String> findLinks;

        @Option(names = "--no-index", description = "Use no package index, only --find-links (pip's --no-index; beyond Core)")
        boolean noIndex;

        // Accepted and ignored, as by Core's CLI: the server's own settings decide.
        @Option(names = "--plugin-dir", paramLabel = "PLUGIN_DIR", description = "Accepted for compatibility; ignored")
        @Env("INFLUXDB3_PLUGIN_DIR")
        Path pluginDir;

        @Option(names = "--virtual-env-location", paramLabel = "VIRTUAL_ENV_LOCATION",
                description = "Accepted for compatibility; ignored (the server's venv is used)")
        @Env("VIRTUAL_ENV")
        Path virtualEnvLocation;

        @Option(names = "--package-manager", paramLabel = "PACKAGE_MANAGER", defaultValue = "discover",
                description = "discover, pip, uv or disabled; accepted for compatibility and ignored (the server's"
                        + " --package-manager decides)")
        @Env("INFLUXDB3_PACKAGE_MANAGER")
        String packageManager;

        @Option(names = "--plugin-repo", paramLabel = "PLUGIN_REPO", description = "Accepted for compatibility; ignored")
        @Env("INFLUXDB3_PLUGIN_REPO")
        String pluginRepo;

        @Parameters(paramLabel = "PACKAGES", arity = "0..*", description = "Package names (pip requirement specifiers)")
        List<String> packages;

        @Override
        public Integer call() {
            String manager = packageManager == null ? "discover" : packageManager.strip().toLowerCase(Locale.ROOT);
            if (!List.of("discover", "pip", "uv", "disabled").contains(manager)) {
                throw usageError("invalid value '" + packageManager + "' for '--package-manager': expected discover,"
                        + " pip, uv or disabled");
            }
            boolean hasPackages = packages != null && !packages.isEmpty();
            if (hasPackages == (requirements != null)) {
                throw usageError(hasPackages ? "give package names or --requirements, not both"
                        : "give the packages to install, or --requirements FILE");
            }
            ObjectNode body = Json.object();
            String path;
            if (hasPackages) {
                ArrayNode list = body.putArray("packages");
                packages.forEach(list::add);
                path = "/api/v3/configure/plugin_environment/install_packages";
            } else {
                body.put("requirements_location", serverPath(requirements.toString()));
                path = "/api/v3/configure/plugin_environment/install_requirements";
            }
            if (indexUrl != null) {
                body.put("index_url", indexUrl);
            }
            if (extraIndexUrls != null && !extraIndexUrls.isEmpty()) {
                ArrayNode list = body.putArray("extra_index_url");
                extraIndexUrls.forEach(list::add);
            }
            if (findLinks != null && !findLinks.isEmpty()) {
                ArrayNode list = body.putArray("find_links");
                findLinks.forEach(link -> list.add(serverPath(link)));
            }
            if (noIndex) {
                body.put("no_index", true);
            }
            try {
                client.connect().call("POST", path).json(body).send();
            } catch (ApiException e) {
                throw installError(e);
            }
            out().println(hasPackages ? "Successfully installed " + String.join(", ", packages)
                    : "Successfully installed the requirements in " + requirements);
            return 0;
        }

        /** A path that exists here, made absolute against the working directory; anything else (a URL) as given. */
        private String serverPath(String value) {
            if (value.contains("://")) {
                return value;
            }
            try {
                Path local = ctx().workingDir().resolve(value);
                return Files.exists(local) ? local.toAbsolutePath().normalize().toString() : value;
            } catch (InvalidPathException e) {
                return value;
            }
        }

        /** The server's JSON error ({@code error}: pip's message) as a plain message; other bodies verbatim. */
        private static CliException installError(ApiException e) {
            try {
                JsonNode json = Json.parse(e.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (json != null && json.hasNonNull("error")) {
                    return new CliException(json.get("error").asText() + " [" + e.status() + " "
                            + HttpStatus.reason(e.status()) + "]", e);
                }
            } catch (RuntimeException notJson) {
                // not JSON: keep the server's text
            }
            return e;
        }
    }
}
