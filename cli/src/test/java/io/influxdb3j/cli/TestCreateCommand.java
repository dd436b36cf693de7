package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCreateCommand {
    private static final String TOKEN = "apiv3_" + "A".repeat(86);
    private static final String TOKEN_BODY = "{\"id\":0,\"name\":\"_admin\",\"token\":\"" + TOKEN
            + "\",\"hash\":\"00\",\"created_at\":\"2025-01-01T00:00:00Z\",\"expiry\":null}";

    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("POST", "/api/v3/configure/database", 200, null, "")
            .respond("POST", "/api/v3/configure/table", 200, null, "")
            .respond("POST", "/api/v3/configure/token/admin", 201, "json", TOKEN_BODY)
            .respond("POST", "/api/v3/configure/token/admin/regenerate", 201, "json", TOKEN_BODY)
            .respond("POST", "/api/v3/configure/token/named_admin", 201, "json", TOKEN_BODY);

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createDatabase() {
        var result = new TestingCli().run("create", "database", "-H", server.url(), "--token", "t", "mydb");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Database \"mydb\" created successfully\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v3/configure/database");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
        assertThat(request.text()).isEqualTo("{\"db\":\"mydb\"}");
    }

    @Test
    void createDatabaseWithRetentionPeriod() {
        new TestingCli().run("create", "database", "-H", server.url(), "--retention-period", "30d", "mydb");

        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"mydb\",\"retention_period\":\"30d\"}");
    }

    @Test
    void badRetentionPeriodIsRefusedClientSide() {
        var result = new TestingCli().run("create", "database", "-H", server.url(), "--retention-period", "soon",
                "mydb");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Create command failed: invalid --retention-period 'soon'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void databaseNameFromEnvironment() {
        var result = new TestingCli().env("INFLUXDB3_DATABASE_NAME", "envdb").env("INFLUXDB3_HOST_URL", server.url())
                .run("create", "database");

        assertThat(result.out()).isEqualTo("Database \"envdb\" created successfully\n");
    }

    @Test
    void missingDatabaseName() {
        var result = new TestingCli().run("create", "database", "-H", server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Missing database name");
    }

    @Test
    void conflictIsReportedLikeCore() {
        server.respond("POST", "/api/v3/configure/database", 409, null,
                "attempted to create a resource that already exists");

        var result = new TestingCli().run("create", "database", "-H", server.url(), "mydb");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Create command failed: server responded with error [409 Conflict]:"
                + " attempted to create a resource that already exists\n");
    }

    @Test
    void createTableWithTagsAndFields() {
        var result = new TestingCli().run("create", "table", "-H", server.url(), "-d", "mydb", "--tags", "host,region",
                "--fields", "usage:float64,count:int64", "-f", "ok:bool", "cpu");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Table \"mydb\".\"cpu\" created successfully\n");
        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"mydb\",\"table\":\"cpu\",\"tags\":[\"host\","
                + "\"region\"],\"fields\":[{\"name\":\"usage\",\"type\":\"float64\"},{\"name\":\"count\",\"type\":"
                + "\"int64\"},{\"name\":\"ok\",\"type\":\"bool\"}]}");
    }

    @Test
    void createTableWithoutColumnsSendsEmptyArrays() {
        new TestingCli().run("create", "table", "-H", server.url(), "-d", "mydb", "cpu");

        assertThat(server.onlyRequest().text())
                .isEqualTo("{\"db\":\"mydb\",\"table\":\"cpu\",\"tags\":[],\"fields\":[]}");
    }

    @Test
    void unknownFieldTypeIsAUsageError() {
        var result = new TestingCli().run("create", "table", "-H", server.url(), "-d", "mydb", "--fields",
                "usage:double", "cpu");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid field 'usage:double': expected name:type with type one of int64,"
                + " uint64, float64, utf8, bool");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void createOperatorTokenPrintsTokenAndHeader() {
        var result = new TestingCli().run("create", "token", "--admin", "--host", server.url());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""

                New token created successfully!

                Token: %1$s
                HTTP Requests Header: Authorization: Bearer %1$s

                IMPORTANT: Store this token securely, as it will not be shown again.

                """.formatted(TOKEN));
        var request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v3/configure/token/admin");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).isEmpty();
    }

    @Test
    void createNamedTokenWithExpiryAsJson() {
        var result = new TestingCli().run("create", "token", "--admin", "-H", server.url(), "--token", "op",
                "--name", "ci", "--expiry", "1d", "--format", "json");

        assertThat(result.exitCode()).isZero();
        var request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v3/configure/token/named_admin");
        assertThat(request.header("Authorization")).isEqualTo("Bearer op");
        assertThat(request.text()).isEqualTo("{\"token_name\":\"ci\",\"expiry_secs\":86400}");
        assertThat(result.out()).isEqualTo("""
                {
                  "token": "%1$s",
                  "help_msg": "Store this token securely, as it will not be shown again. HTTP requests require \
                the following header: \\"Authorization: Bearer %1$s\\""
                }
                """.formatted(TOKEN));
    }

    @Test
    void namedTokenWithoutExpirySendsNull() {
        new TestingCli().run("create", "token", "--admin", "-H", server.url(), "--name", "ci");

        assertThat(server.onlyRequest().text()).isEqualTo("{\"token_name\":\"ci\",\"expiry_secs\":null}");
    }

    @Test
    void regenerateAsksForYes() {
        var result = new TestingCli().stdin("yes\n").run("create", "token", "--admin", "--regenerate", "--host",
                server.url(), "--token", "old");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Are you sure you want to regenerate admin token? Enter 'yes' to confirm\n")
                .contains("Token: " + TOKEN);
        assertThat(server.onlyRequest().path()).isEqualTo("/api/v3/configure/token/admin/regenerate");
        assertThat(server.onlyRequest().header("Authorization")).isEqualTo("Bearer old");
    }

    @Test
    void regenerateWithoutYesFails() {
        var result = new TestingCli().stdin("no\n").run("create", "token", "--admin", "--regenerate", "--host",
                server.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Create command failed: Cannot regenerate token without confirmation\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void regenerateWithNameIsRejected() {
        var result = new TestingCli().run("create", "token", "--admin", "--regenerate", "--name", "x", "-H",
                server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--regenerate cannot be used with --name");
    }

    @Test
    void tokenWithoutAdminIsRejected() {
        var result = new TestingCli().run("create", "token", "-H", server.url());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("pass --admin");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void offlineTokenIsWrittenOwnerOnly() throws IOException {
        Path file = tmp.resolve("admin-token.json");

        var result = new TestingCli().run("create", "token", "--admin", "--offline", "--output-file", file.toString(),
                "--name", "bootstrap", "--expiry", "1h");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).isEmpty();
        JsonNode json = Json.parse(Files.readAllBytes(file));
        String token = json.get("token").asText();
        assertThat(token).matches("apiv3_[A-Za-z0-9_-]{86}");
        assertThat(json.get("name").asText()).isEqualTo("bootstrap");
        assertThat(json.get("expiry_millis").asLong())
                .isBetween(System.currentTimeMillis() + 3_500_000, System.currentTimeMillis() + 3_700_000);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(result.out()).contains("Token: " + token);
        assertThat(result.err()).contains("--admin-token-file " + file);
    }

    @Test
    void offlineOperatorTokenHasNoExpiry() throws IOException {
        Path file = tmp.resolve("t.json");

        new TestingCli().run("create", "token", "--admin", "--offline", "--output-file", file.toString());

        JsonNode json = Json.parse(Files.readAllBytes(file));
        assertThat(json.get("name").asText()).isEqualTo("_admin");
        assertThat(json.has("expiry_millis")).isFalse();
    }

    @Test
    void offlineRefusesToReplaceAFile() throws IOException {
        Path file = tmp.resolve("t.json");
        Files.writeString(file, "keep");

        var result = new TestingCli().run("create", "token", "--admin", "--offline", "--output-file", file.toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("already exists");
        assertThat(Files.readString(file)).isEqualTo("keep");
    }

    @Test
    void offlineNeedsAnOutputFile() {
        var result = new TestingCli().run("create", "token", "--admin", "--offline");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--offline --output-file <FILE>");
    }

    @Test
    void tokenEndpointDisabledWithoutAuth() {
        server.respond("POST", "/api/v3/configure/token/admin", 405, null,
                "endpoint disabled, started without auth");

        var result = new TestingCli().run("create", "token", "--admin", "-H", server.url());

        assertThat(result.err()).isEqualTo("Create command failed: server responded with error [405 Method Not"
                + " Allowed]: endpoint disabled, started without auth\n");
    }
}
