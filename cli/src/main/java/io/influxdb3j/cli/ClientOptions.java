package io.influxdb3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The connection flags every client subcommand takes. */
final class ClientOptions {
    static final String DEFAULT_HOST = "http://127.0.0.1:8181";

    @Option(names = {"-H", "--host"}, paramLabel = "URL", defaultValue = DEFAULT_HOST,
            description = "The host URL of the running InfluxDB 3 Core server (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_HOST_URL")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The token for authentication with the server, sent as 'Authorization: Bearer <TOKEN>'")
    @Env("INFLUXDB3_AUTH_TOKEN")
    String token;

    @Option(names = "--tls-ca", paramLabel = "PATH",
            description = "A PEM file of CA certificates to trust, e.g. for a self-signed server certificate")
    @Env("INFLUXDB3_TLS_CA")
    Path tlsCa;

    @Option(names = "--tls-no-verify", description = "Do not verify the server's TLS certificate (insecure)")
    @Env("INFLUXDB3_TLS_NO_VERIFY")
    boolean tlsNoVerify;

    InfluxClient connect() {
        return connect(host);
    }

    /** Connects to {@code hostUrl} (e.g. a {@code --write-host}) with these credentials and TLS settings. */
    InfluxClient connect(String hostUrl) {
        return InfluxClient.connect(hostUrl, token, tlsCa, tlsNoVerify);
    }

    boolean hostIsDefault() {
        return InfluxClient.normalizeHost(host).equals(DEFAULT_HOST);
    }
}
