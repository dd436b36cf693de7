package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void tokensGateEveryEndpointAndAreStoredOnlyAsHashes() throws IOException {
        String secret;
        try (TestingServer s = TestingServer.start(dir, c -> c)) {
            HttpResponse<String> noToken = s.write("db", "m v=1 1");
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(noToken.body()).isEqualTo("{\"error\": \"the request was not authenticated\"}");
            assertThat(s.get("/health").statusCode()).isEqualTo(401);
            assertThat(s.post("/api/v2/write?bucket=db", "m v=1").body())
                    .isEqualTo("{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}");

            HttpResponse<String> created = s.post("/api/v3/configure/token/admin", "");
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode body = Reply.JSON.readTree(created.body());
            secret = body.get("token").asText();
            assertThat(secret).startsWith("apiv3_").hasSize(92);
            assertThat(body.get("name").asText()).isEqualTo("_admin");
            assertThat(body.get("hash").asText()).hasSize(128);
            assertThat(s.post("/api/v3/configure/token/admin", "").statusCode()).isEqualTo(409);

            s.token = secret;
            assertThat(s.write("db", "m v=1 1").statusCode()).isEqualTo(204);
            assertThat(s.sql("db", "SELECT v FROM m", "csv").body()).isEqualTo("v\n1.0\n");
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            s.token = null;

            HttpResponse<String> tokenScheme = s.send(HttpRequest.newBuilder(URI.create(s.url("/health")))
                    .header("Authorization", "Token " + secret).GET());
            assertThat(tokenScheme.statusCode()).isEqualTo(200);
            String basic = Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> basicScheme = s.send(HttpRequest.newBuilder(URI.create(s.url("/health")))
                    .header("Authorization", "Basic " + basic).GET());
            assertThat(basicScheme.statusCode()).isEqualTo(200);
            assertThat(s.post("/write?db=db&u=x&p=" + secret, "m v=2 2").statusCode()).isEqualTo(204);
            HttpResponse<String> malformed = s.send(HttpRequest.newBuilder(URI.create(s.url("/health")))
                    .header("Authorization", "bearer " + secret).GET());
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("Authorization header was malformed");
            HttpResponse<String> wrong = s.send(HttpRequest.newBuilder(URI.create(s.url("/health")))
                    .header("Authorization", "Bearer apiv3_wrong").GET());
            assertThat(wrong.statusCode()).isEqualTo(401);

            s.token = secret;
            HttpResponse<String> tokens = s.sql("_internal", "SELECT name, hash, permissions FROM system.tokens", "json");
            assertThat(tokens.body()).isEqualTo("[{\"name\":\"_admin\",\"hash\":\"" + body.get("hash").asText().substring(0, 9)
                    + "\",\"permissions\":\"*:*:*\"}]");
            HttpResponse<String> regenerated = s.post("/api/v3/configure/token/admin/regenerate", "");
            assertThat(regenerated.statusCode()).isEqualTo(201);
            String newSecret = Reply.JSON.readTree(regenerated.body()).get("token").asText();
            assertThat(s.get("/health").statusCode()).isEqualTo(401);
            s.token = newSecret;
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            secret = newSecret;
        }
        // The secret is nowhere on disk in clear.
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(f), needle)).as("token found in %s", f).isEqualTo(-1);
            }
        }
        // And it still works after a restart.
        try (TestingServer s = TestingServer.start(dir, c -> c)) {
            s.token = secret;
            assertThat(s.sql("db", "SELECT count(*) AS n FROM m", "csv").body()).isEqualTo("n\n2\n");
        }
    }

    @Test
    void withoutAuthAcceptsEverythingAndDisablesTokenEndpoints() {
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> r = s.post("/api/v3/configure/token/admin", "");
            assertThat(r.statusCode()).isEqualTo(405);
            assertThat(r.body()).isEqualTo("endpoint disabled, started without auth");
        }
    }

    @Test
    void disableAuthzExemptsHealth() {
        try (TestingServer s = TestingServer.start(dir, c -> c.withDisableAuthz(java.util.Set.of(ServeConfig.AuthzExemption.HEALTH)))) {
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            assertThat(s.get("/ping").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void adminTokenFileNamedTokensExpiryAndDeletion() throws Exception {
        Path tokenFile = dir.resolve("admin-token.json");
        String offline = "apiv3_offlineTokenForTests0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        Files.writeString(tokenFile, "{\"token\":\"" + offline + "\",\"name\":\"_admin\"}");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withAdminTokenFile(tokenFile))) {
            s.token = offline;
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            assertThat(s.post("/api/v3/configure/token/admin", "").statusCode()).as("operator token exists already").isEqualTo(409);

            HttpResponse<String> named = s.postJson("/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\",\"expiry_secs\":1}");
            assertThat(named.statusCode()).isEqualTo(201);
            JsonNode body = Reply.JSON.readTree(named.body());
            assertThat(body.get("name").asText()).isEqualTo("ci");
            assertThat(body.get("expiry").isNull()).isFalse();
            String ciToken = body.get("token").asText();
            HttpResponse<String> forever = s.postJson("/api/v3/configure/token/named_admin", "{\"token_name\":\"forever\"}");
            String foreverToken = Reply.JSON.readTree(forever.body()).get("token").asText();
            assertThat(s.postJson("/api/v3/configure/token/named_admin", "{\"token_name\":\"ci\"}").statusCode()).isEqualTo(409);

            s.token = ciToken;
            Thread.sleep(1_500);
            assertThat(s.get("/health").statusCode()).as("expired").isEqualTo(401);
            s.token = foreverToken;
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
            HttpResponse<String> deleteAdmin = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/configure/token?token_name=_admin"))).DELETE());
            assertThat(deleteAdmin.statusCode()).isEqualTo(405);
            assertThat(deleteAdmin.body()).isEqualTo("cannot delete operator token");
            HttpResponse<String> deleteMissing = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/configure/token?token_name=nope"))).DELETE());
            assertThat(deleteMissing.statusCode()).isEqualTo(404);
            s.token = offline;
            assertThat(s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/configure/token?token_name=forever"))).DELETE()).statusCode()).isEqualTo(200);
            s.token = foreverToken;
            assertThat(s.get("/health").statusCode()).as("deleted").isEqualTo(401);
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
