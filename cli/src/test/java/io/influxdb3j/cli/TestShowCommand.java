package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestShowCommand {
    private static final String DATABASES = """
            +---------------+
            | iox::database |
            +---------------+
            | _internal     |
            | mydb          |
            +---------------+""";

    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("GET", "/api/v3/configure/database", 200, "text/plain; charset=utf-8", DATABASES)
            .respond("POST", "/api/v3/query_sql", 200, "application/json", "[{\"name\":\"_admin\"}]\n");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void showDatabases() {
        var result = new TestingCli().run("show", "databases", "-H", server.url(), "--token", "t");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(DATABASES + "\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawQuery()).isEqualTo("format=pretty");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void showDeletedDatabasesAsJson() {
        new TestingCli().run("show", "databases", "-H", server.url(), "--show-deleted", "--format", "json");

        assertThat(server.onlyRequest().rawQuery()).isEqualTo("format=json&show_deleted=true");
    }

    @Test
    void showTokensQueriesTheSystemTable() {
        var result = new TestingCli().run("show", "tokens", "-H", server.url(), "--format", "json");

        assertThat(result.out()).isEqualTo("[{\"name\":\"_admin\"}]\n");
        var request = server.onlyRequest();
        assertThat(request.path()).isEqualTo("/api/v3/query_sql");
        assertThat(request.text())
                .isEqualTo("{\"db\":\"_internal\",\"q\":\"select * from system.tokens\",\"format\":\"json\"}");
    }

    @Test
    void unauthenticated() {
        server.respond("GET", "/api/v3/configure/database", 401, "application/json",
                "{\"error\": \"the request was not authenticated\"}");

        var result = new TestingCli().run("show", "databases", "-H", server.url());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Show command failed: server responded with error [401 Unauthorized]:"
                + " {\"error\": \"the request was not authenticated\"}\n");
    }

    @Test
    void showWithoutSubcommandIsAUsageError() {
        var result = new TestingCli().run("show");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing required subcommand");
    }
}
