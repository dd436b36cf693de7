package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestCacheCommands {
    private static final String CREATED = "{\"catalog_batch\":{\"Database\":{\"database_name\":\"db\"}},"
            + "\"sequence_number\":7}";

    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("POST", "/api/v3/configure/last_cache", 201, "application/json", CREATED)
            .respond("POST", "/api/v3/configure/distinct_cache", 201, "application/json", CREATED)
            .respond("DELETE", "/api/v3/configure/last_cache", 200, null, "")
            .respond("DELETE", "/api/v3/configure/distinct_cache", 200, null, "");

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createLastCacheWithDefaults() {
        var result = new TestingCli().run("create", "last_cache", "-H", server.url(), "-d", "db", "-t", "cpu");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().text())
                .isEqualTo("{\"db\":\"db\",\"table\":\"cpu\",\"count\":1,\"ttl\":14400}");
        assertThat(result.out()).isEqualTo("""
                new cache created: {
                  "catalog_batch": {
                    "Database": {
                      "database_name": "db"
                    }
                  },
                  "sequence_number": 7
                }
                """);
    }

    @Test
    void createLastCacheWithEverything() {
        new TestingCli().run("create", "last_cache", "-H", server.url(), "-d", "db", "--table", "cpu",
                "--key-columns", "host,region", "--value-columns", "usage", "--count", "5", "--ttl", "1 hour",
                "cpu_host_last");

        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"db\",\"table\":\"cpu\",\"name\":\"cpu_host_last\","
                + "\"key_columns\":[\"host\",\"region\"],\"value_columns\":[\"usage\"],\"count\":5,\"ttl\":3600}");
    }

    @Test
    void createDistinctCache() {
        var result = new TestingCli().run("create", "distinct_cache", "-H", server.url(), "-d", "db", "-t", "cpu",
                "--columns", "region,host", "--max-cardinality", "500", "--max-age", "2h", "regions");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().path()).isEqualTo("/api/v3/configure/distinct_cache");
        assertThat(server.onlyRequest().text()).isEqualTo("{\"db\":\"db\",\"table\":\"cpu\",\"name\":\"regions\","
                + "\"columns\":[\"region\",\"host\"],\"max_cardinality\":500,\"max_age\":7200}");
        assertThat(result.out()).startsWith("new cache created: {");
    }

    @Test
    void distinctCacheNeedsColumns() {
        var result = new TestingCli().run("create", "distinct_cache", "-H", server.url(), "-d", "db", "-t", "cpu");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--columns");
    }

    @Test
    void existingCacheAnswered204() {
        server.respond("POST", "/api/v3/configure/last_cache", 204, null, "");

        var result = new TestingCli().run("create", "last_cache", "-H", server.url(), "-d", "db", "-t", "cpu");

        assertThat(result.out()).isEqualTo("a cache already exists for the provided parameters\n");
    }

    @Test
    void conflict() {
        server.respond("POST", "/api/v3/configure/last_cache", 409, null,
                "attempted to create a resource that already exists");

        var result = new TestingCli().run("create", "last_cache", "-H", server.url(), "-d", "db", "-t", "cpu", "c");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Create command failed: server responded with error [409 Conflict]:"
                + " attempted to create a resource that already exists\n");
    }

    @Test
    void deleteCaches() {
        var last = new TestingCli().run("delete", "last_cache", "-H", server.url(), "-d", "db", "-t", "cpu", "c1");
        var distinct = new TestingCli().run("delete", "distinct_cache", "-H", server.url(), "-d", "db", "-t", "cpu",
                "c2");

        assertThat(last.out()).isEqualTo("last cache deleted successfully\n");
        assertThat(distinct.out()).isEqualTo("distinct cache deleted successfully\n");
        assertThat(server.requests()).extracting(r -> r.method() + " " + r.path() + "?" + r.rawQuery())
                .containsExactly("DELETE /api/v3/configure/last_cache?db=db&table=cpu&name=c1",
                        "DELETE /api/v3/configure/distinct_cache?db=db&table=cpu&name=c2");
    }
}
