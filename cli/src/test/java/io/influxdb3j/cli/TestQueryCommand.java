package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestQueryCommand {
    private static final String TABLE = """
            +---------+-------------------------------+-------+
            | mytag1  | time                          | value |
            +---------+-------------------------------+-------+
            | sometag | 2024-05-09T21:08:52.227359715 | 0.54  |
            +---------+-------------------------------+-------+""";

    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("POST", "/api/v3/query_sql", 200, "text/plain; charset=utf-8", TABLE)
            .respond("POST", "/api/v3/query_influxql", 200, "text/plain; charset=utf-8", TABLE);

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sqlQueryPostsJsonAndPrintsThePrettyTable() {
        var result = new TestingCli().run("query", "-H", server.url(), "--token", "tok", "-d", "mydb",
                "SELECT * from mymeas");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo(TABLE + "\n");
        var request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v3/query_sql");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.text()).isEqualTo("{\"db\":\"mydb\",\"q\":\"SELECT * from mymeas\",\"format\":\"pretty\"}");
    }

    @Test
    void seedSpellingsQAliasLangAndDbname() {
        // From the README: `influxdb3 query --lang influxql --dbname mydb "SELECT * from mymeas"`.
        var result = new TestingCli().run("q", "-H", server.url(), "--lang", "influxql", "--dbname", "mydb",
                "SELECT * from mymeas");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().path()).isEqualTo("/api/v3/query_influxql");
        assertThat(server.onlyRequest().json().get("db").asText()).isEqualTo("mydb");
    }

    @Test
    void languageSpellings() {
        new TestingCli().run("query", "-H", server.url(), "-d", "db", "-l", "influxql", "SHOW MEASUREMENTS");
        new TestingCli().run("query", "-H", server.url(), "-d", "db", "--language", "InfluxQL", "SHOW MEASUREMENTS");
        new TestingCli().run("query", "-H", server.url(), "-d", "db", "--language", "sql", "select 1");

        assertThat(server.requests()).extracting(TestingHttpServer.RecordedRequest::path).containsExactly(
                "/api/v3/query_influxql", "/api/v3/query_influxql", "/api/v3/query_sql");
    }

    @Test
    void influxqlWithoutDatabaseLeavesItToTheQuery() {
        var result = new TestingCli().run("query", "-H", server.url(), "-l", "influxql", "SELECT * FROM db.autogen.m");

        assertThat(result.exitCode()).isZero();
        JsonNode body = server.onlyRequest().json();
        assertThat(body.has("db")).isFalse();
        assertThat(body.get("q").asText()).isEqualTo("SELECT * FROM db.autogen.m");
    }

    @Test
    void sqlNeedsADatabase() {
        var result = new TestingCli().run("query", "-H", server.url(), "select 1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Missing database name");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void unknownLanguageIsAUsageError() {
        var result = new TestingCli().run("query", "-H", server.url(), "-d", "db", "-l", "flux", "x");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid --language 'flux': expected sql or influxql");
    }

    @Test
    void formatsAreSentToTheServer() {
        for (String format : new String[] {"json", "jsonl", "csv", "pretty", "JSON_LINES"}) {
            assertThat(new TestingCli().run("query", "-H", server.url(), "-d", "db", "--format", format, "select 1")
                    .exitCode()).isZero();
        }
        assertThat(server.requests()).extracting(r -> r.json().get("format").asText())
                .containsExactly("json", "jsonl", "csv", "pretty", "jsonl");
    }

    @Test
    void badFormatIsAUsageError() {
        var result = new TestingCli().run("query", "-H", server.url(), "-d", "db", "--format", "xml", "select 1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid format 'xml'");
    }

    @Test
    void outputFileGetsTheBodyVerbatim() throws IOException {
        server.respond("POST", "/api/v3/query_sql", 200, "application/json", "[{\"a\":1}]");
        Path out = tmp.resolve("out.json");

        var result = new TestingCli().run("query", "-H", server.url(), "-d", "db", "--format", "json", "-o",
                out.toString(), "select 1 as a");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo("[{\"a\":1}]");
    }

    @Test
    void parquetToATerminalIsRefusedBeforeQuerying() {
        var result = new TestingCli().terminal(true).run("query", "-H", server.url(), "-d", "db", "--format",
                "parquet", "select 1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Query command failed: cannot write parquet to a terminal, use"
                + " `--output <file>` or pipe the output\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void parquetToAPipeIsWrittenRaw() {
        byte[] parquet = {'P', 'A', 'R', '1', 0, (byte) 0xff, 1, 'P', 'A', 'R', '1'};
        server.respond("POST", "/api/v3/query_sql",
                r -> new TestingHttpServer.Canned(200, "application/vnd.apache.parquet", parquet));

        var result = new TestingCli().run("query", "-H", server.url(), "-d", "db", "--format", "parquet", "select 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.rawOut()).isEqualTo(parquet);
    }

    @Test
    void queryFromFileAndFromStdin() throws IOException {
        Path file = tmp.resolve("q.sql");
        Files.writeString(file, "SELECT count(*) FROM cpu\n");

        new TestingCli().run("query", "-H", server.url(), "-d", "db", "-f", file.toString());
        new TestingCli().stdin("SELECT 2\n").run("query", "-H", server.url(), "-d", "db");

        assertThat(server.requests()).extracting(r -> r.json().get("q").asText())
                .containsExactly("SELECT count(*) FROM cpu", "SELECT 2");
    }

    @Test
    void noQueryIsAnError() {
        var result = new TestingCli().terminal(true).run("query", "-H", server.url(), "-d", "db");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Query command failed: no query provided");
    }

    @Test
    void planningErrorShowsTheServerMessage() {
        server.respond("POST", "/api/v3/query_sql", 400, null,
                "Error during planning: table 'public.iox.nope' not found");

        var result = new TestingCli().run("query", "-H", server.url(), "-d", "db", "select * from nope");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Query command failed: server responded with error [400 Bad Request]:"
                + " Error during planning: table 'public.iox.nope' not found\n");
    }

    @Test
    void unknownDatabaseIs404() {
        server.respond("POST", "/api/v3/query_sql", 404, "application/json",
                "{\"error\":\"query error: database not found: nope\"}");

        var result = new TestingCli().run("query", "-H", server.url(), "-d", "nope", "select 1");

        assertThat(result.err()).isEqualTo("Query command failed: server responded with error [404 Not Found]:"
                + " {\"error\":\"query error: database not found: nope\"}\n");
    }

    @Test
    void queryHostOverridesHost() {
        var result = new TestingCli().env("INFLUXDB3_QUERY_HOST_URL", server.url())
                .run("query", "-H", "http://127.0.0.1:1", "-d", "db", "select 1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).hasSize(1);
    }
}
