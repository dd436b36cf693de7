package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestUpdateCommand {
    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("PUT", "/api/v3/configure/database", 200, null, "");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void setsRetentionPeriod() {
        var result = new TestingCli().run("update", "database", "-H", server.url(), "-d", "mydb", "-r", "30d");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Database \"mydb\" updated successfully\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("PUT");
        assertThat(request.path()).isEqualTo("/api/v3/configure/database");
        assertThat(request.text()).isEqualTo("{\"db\":\"mydb\",\"retention_period\":\"30d\"}");
    }

    @Test
    void noneClearsIt() {
        new TestingCli().run("update", "database", "-H", server.url(), "-d", "mydb", "--retention-period", "none");

        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"mydb\",\"retention_period\":null}");
    }

    @Test
    void retentionPeriodIsRequired() {
        var result = new TestingCli().run("update", "database", "-H", server.url(), "-d", "mydb");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--retention-period is required for update database");
    }

    @Test
    void badDuration() {
        var result = new TestingCli().run("update", "database", "-H", server.url(), "-d", "mydb", "-r", "forever");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Update command failed: invalid --retention-period 'forever'");
        assertThat(server.requests()).isEmpty();
    }
}
