package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The HTTP side of the client subcommands: one base URL, an optional bearer token, TLS settings. {@link Call#send()}
 * returns 2xx responses and turns everything else into a {@link CliException} with a message fit for the user:
 * {@link ApiException} ({@code server responded with error [409 Conflict]: <body>}) or a connection problem naming
 * the host. Thread-safe; write requests are sent from several threads at once.
 */
final class InfluxClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    private InfluxClient(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    static InfluxClient connect(String hostUrl, String token, Path tlsCa, boolean tlsNoVerify) {
        URI base = parseHost(hostUrl);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (base.getScheme().equals("https") && (tlsCa != null || tlsNoVerify)) {
            builder.sslContext(sslContext(tlsCa, tlsNoVerify));
        }
        return new InfluxClient(base, token == null || token.isBlank() ? null : token, builder.build());
    }

    /** {@code http://host:port} without a trailing slash. */
    static String normalizeHost(String hostUrl) {
        String s = hostUrl.strip();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    URI base() {
        return base;
    }

    Call call(String method, String path) {
        return new Call(method, path);
    }

    private static URI parseHost(String hostUrl) {
        String s = normalizeHost(hostUrl == null ? "" : hostUrl);
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliException("invalid host URL '" + hostUrl + "': expected http://host:port or https://host:port,"
                + " e.g. " + ClientOptions.DEFAULT_HOST);
    }

    /** One request being built: method, path, query parameters, headers and body. */
    final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        /** Adds {@code name=value} to the query string unless {@code value} is null. */
        Call query(String name, String value) {
            if (value != null) {
                query.put(name, value);
            }
            return this;
        }

        Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Call body(byte[] bytes, String contentType) {
            this.body = bytes;
            return header("Content-Type", contentType);
        }

        Call json(JsonNode node) {
            return body(Json.bytes(node), "application/json");
        }

        URI uri() {
            StringBuilder sb = new StringBuilder(base.toString()).append(path);
            if (!query.isEmpty()) {
                StringJoiner joiner = new StringJoiner("&", "?", "");
                query.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
                sb.append(joiner);
            }
            return URI.create(sb.toString());
        }

        /** Sends the request; a 2xx response is returned, anything else throws. */
        Response send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("User-Agent", "influxdb3j-cli/" + Version.VERSION);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("interrupted while waiting for " + base);
            } catch (IOException e) {
                throw connectionError(e);
            }
            Response r = new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
            if (r.status() < 200 || r.status() > 299) {
                throw new ApiException(r.status(), r.text());
            }
            return r;
        }

        private CliException connectionError(IOException e) {
            String hint = " (is the InfluxDB 3 server running there? set -H/--host or INFLUXDB3_HOST_URL)";
            if (e instanceof HttpConnectTimeoutException) {
                return new CliException("timed out connecting to " + base + hint, e);
            }
            if (e instanceof ConnectException) {
                Throwable cause = e.getCause();
                if (cause instanceof UnresolvedAddressException) {
                    return new CliException("could not connect to " + base + ": unknown host " + base.getHost(), e);
                }
                String detail = e.getMessage() == null || e.getMessage().isBlank() ? "connection refused"
                        : e.getMessage();
                if (detail.toLowerCase(Locale.ROOT).contains("refused")) {
                    detail = "connection refused";
                }
                return new CliException("could not connect to " + base + ": " + detail + hint, e);
            }
            if (e instanceof SSLException) {
                return new CliException("TLS error talking to " + base + ": " + e.getMessage()
                        + " (use --tls-ca <PATH> to trust the server's certificate)", e);
            }
            if (e instanceof HttpTimeoutException) {
                return new CliException("request to " + base + " timed out", e);
            }
            return new CliException("error sending request to " + base + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** A 2xx response. */
    record Response(int status, byte[] body, String contentType) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return Json.parse(body);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static SSLContext sslContext(Path tlsCa, boolean noVerify) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            TrustManager[] trust;
            if (noVerify) {
                trust = new TrustManager[] {new TrustingTrustManager()};
            } else {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                CertificateFactory factory = CertificateFactory.getInstance("X.509");
                int i = 0;
                try (InputStream in = Files.newInputStream(tlsCa)) {
                    for (Certificate cert : factory.generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, cert);
                    }
                }
                if (i == 0) {
                    throw new CliException("--tls-ca " + tlsCa + " holds no PEM certificate");
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            context.init(null, trust, new SecureRandom());
            return context;
        } catch (IOException e) {
            throw new CliException("cannot read --tls-ca " + tlsCa + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CliException("cannot use --tls-ca " + tlsCa + ": " + e.getMessage(), e);
        }
    }

    /**
     * For {@code --tls-no-verify}: accepts any server certificate. Being an extended trust manager it also skips the
     * host name check, which the JDK performs inside the trust manager.
     */
    private static final class TrustingTrustManager extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
