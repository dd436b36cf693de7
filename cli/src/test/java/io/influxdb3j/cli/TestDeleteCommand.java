package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestDeleteCommand {
    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("DELETE", "/api/v3/configure/database", 200, null, "")
            .respond("DELETE", "/api/v3/configure/table", 200, null, "")
            .respond("DELETE", "/api/v3/configure/token", 200, null, "");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void deleteDatabaseWithYes() {
        var result = new TestingCli().run("delete", "database", "-H", server.url(), "--token", "t", "-y", "mydb");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Database \"mydb\" deleted successfully\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("DELETE");
        assertThat(request.path()).isEqualTo("/api/v3/configure/database");
        assertThat(request.rawQuery()).isEqualTo("db=mydb");
        assertThat(request.header("Authorization")).isEqualTo("Bearer t");
    }

    @Test
    void deleteDatabaseAsksForYes() {
        var result = new TestingCli().stdin("yes\n").run("delete", "database", "-H", server.url(), "mydb");

        assertThat(result.out()).isEqualTo("Are you sure you want to delete \"mydb\"? Enter 'yes' to confirm\n"
                + "Database \"mydb\" deleted successfully\n");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void anythingButYesCancels() {
        var result = new TestingCli().stdin("y\n").run("delete", "database", "-H", server.url(), "mydb");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Are you sure you want to delete \"mydb\"? Enter 'yes' to confirm\n"
                + "Cannot delete database without confirmation\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void hardDeleteValues() {
        new TestingCli().run("delete", "database", "-H", server.url(), "-y", "--hard-delete", "now", "a");
        new TestingCli().run("delete", "database", "-H", server.url(), "-y", "--hard-delete", "never", "b");
        new TestingCli().run("delete", "database", "-H", server.url(), "-y", "--hard-delete",
                "2030-01-02T03:04:05Z", "c");

        assertThat(server.requests()).extracting(TestingHttpServer.RecordedRequest::rawQuery).containsExactly(
                "db=a&hard_delete_at=now", "db=b&hard_delete_at=never", "db=c&hard_delete_at=2030-01-02T03%3A04%3A05Z");
    }

    @Test
    void badHardDeleteIsAUsageError() {
        var result = new TestingCli().run("delete", "database", "-H", server.url(), "-y", "--hard-delete", "later",
                "a");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid --hard-delete 'later'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteTable() {
        var result = new TestingCli().run("delete", "table", "-H", server.url(), "-d", "mydb", "--yes", "cpu");

        assertThat(result.out()).isEqualTo("Table \"mydb\".\"cpu\" deleted successfully\n");
        assertThat(server.onlyRequest().path()).isEqualTo("/api/v3/configure/table");
        assertThat(server.onlyRequest().rawQuery()).isEqualTo("db=mydb&table=cpu");
    }

    @Test
    void deleteTablePromptNamesDatabaseAndTable() {
        var result = new TestingCli().stdin("\n").run("delete", "table", "-H", server.url(), "-d", "mydb", "cpu");

        assertThat(result.out()).isEqualTo("Are you sure you want to delete \"mydb\".\"cpu\"? Enter 'yes' to confirm\n"
                + "Cannot delete table without confirmation\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void deleteToken() {
        var result = new TestingCli().run("delete", "token", "-H", server.url(), "--token-name", "ci", "-y");

        assertThat(result.out()).isEqualTo("Token \"ci\" deleted successfully\n");
        assertThat(server.onlyRequest().path()).isEqualTo("/api/v3/configure/token");
        assertThat(server.onlyRequest().rawQuery()).isEqualTo("token_name=ci");
    }

    @Test
    void operatorTokenIsRefusedClientSide() {
        var result = new TestingCli().run("delete", "token", "-H", server.url(), "--token-name", "_admin", "-y");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Delete command failed: cannot delete the operator token _admin");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void notFoundIsReported() {
        server.respond("DELETE", "/api/v3/configure/database", 404, null, "the requested resource was not found");

        var result = new TestingCli().run("delete", "database", "-H", server.url(), "-y", "nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Delete command failed: server responded with error [404 Not Found]:"
                + " the requested resource was not found\n");
    }
}
