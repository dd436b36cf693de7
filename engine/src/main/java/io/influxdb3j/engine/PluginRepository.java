package io.influxdb3j.engine;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Where {@code gh:PATH} plugins come from: an HTTP(S) base URL ({@code --plugin-repo}, by default the
 * {@code influxdata/influxdb3_plugins} repository on GitHub) to which PATH is appended with one
 * {@code /} between them. Only single-file plugins can be fetched. Thread-safe.
 */
public final class PluginRepository {
    public static final String DEFAULT_URL = "https://raw.githubusercontent.com/influxdata/influxdb3_plugins/main/";
    public static final String PREFIX = "gh:";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient client;

    public PluginRepository(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "--plugin-repo '" + baseUrl + "' is not a URL: " + e.getMessage());
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "--plugin-repo '" + baseUrl + "' must be an http:// or https:// URL");
        }
        this.baseUrl = baseUrl;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public static PluginRepository defaultRepository() {
        return new PluginRepository(DEFAULT_URL);
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static boolean isRepositoryReference(String pluginFilename) {
        return pluginFilename.startsWith(PREFIX);
    }

    /** The URL {@code gh:PATH} is fetched from. */
    public String urlOf(String pluginFilename) {
        String path = pluginFilename.substring(PREFIX.length());
        if (path.isEmpty()) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "plugin filename '" + pluginFilename
                    + "' names no file: use gh:<directory>/<file>.py");
        }
        return baseUrl.endsWith("/") || path.startsWith("/") ? baseUrl + path : baseUrl + "/" + path;
    }

    /**
     * Fetches {@code gh:PATH}'s source.
     *
     * @throws InfluxException INVALID_ARGUMENT "error fetching plugin from repository: 404 Not Found URL"
     *     on a non-2xx reply, or with the I/O error when the repository cannot be reached
     */
    public String fetch(String pluginFilename) {
        String url = urlOf(pluginFilename);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build();
        } catch (IllegalArgumentException e) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "error fetching plugin from repository: bad URL " + url);
        }
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            int status = response.statusCode();
            if (status / 100 != 2) {
                throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "error fetching plugin from repository: "
                        + status + " " + REASONS.getOrDefault(status, "") + " " + url);
            }
            return new String(response.body(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "error fetching plugin from repository: " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while fetching " + url, e);
        }
    }

    private static final Map<Integer, String> REASONS = Map.of(400, "Bad Request", 401, "Unauthorized",
            403, "Forbidden", 404, "Not Found", 410, "Gone", 429, "Too Many Requests", 500, "Internal Server Error",
            502, "Bad Gateway", 503, "Service Unavailable");
}
