package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --tls-ca} and {@code --tls-no-verify} against an HTTPS server with a self-signed certificate. */
class TestTls {
    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static Path caPem;

    /**
     * The key pair and certificate are test resources (CN=localhost, SAN 127.0.0.1, valid for 100 years), made with
     * {@code keytool -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname CN=localhost
     * -ext san=ip:127.0.0.1,dns:localhost -validity 36500 -keystore server.p12 -storetype PKCS12 -storepass changeit}
     * and {@code keytool -exportcert -rfc -alias server -keystore server.p12 -storepass changeit -file ca.pem}.
     */
    @BeforeAll
    static void start() throws Exception {
        caPem = dir.resolve("ca.pem");
        try (InputStream in = TestTls.class.getResourceAsStream("tls/ca.pem")) {
            Files.copy(in, caPem);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = TestTls.class.getResourceAsStream("tls/server.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void trustsTheGivenCa() {
        var result = new TestingCli().run("write", "-H", url(), "--tls-ca", caPem.toString(), "-d", "db", "m v=1");

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo("success\n");
    }

    @Test
    void caFromEnvironment() {
        var result = new TestingCli().env("INFLUXDB3_TLS_CA", caPem.toString())
                .run("write", "-H", url(), "-d", "db", "m v=1");

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void untrustedCertificateIsAClearError() {
        var result = new TestingCli().run("write", "-H", url(), "-d", "db", "m v=1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Write command failed: TLS error talking to " + url())
                .contains("use --tls-ca <PATH>");
    }

    @Test
    void noVerifyAcceptsAnyCertificate() {
        var result = new TestingCli().run("write", "-H", url(), "--tls-no-verify", "-d", "db", "m v=1");

        assertThat(result.exitCode()).isZero();
    }

    @Test
    void caFileWithoutCertificates() throws IOException {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "not a certificate\n");

        var result = new TestingCli().run("write", "-H", url(), "--tls-ca", empty.toString(), "-d", "db", "m v=1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Write command failed: ").contains(empty.toString());
    }
}
