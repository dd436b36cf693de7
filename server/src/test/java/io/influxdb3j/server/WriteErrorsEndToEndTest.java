package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteErrorsEndToEndTest {
    @TempDir
    static Path dir;
    static TestingServer s;

    @BeforeAll
    static void start() {
        s = TestingServer.start(dir, c -> c.withoutAuth(true).withMaxHttpRequestSize(64 * 1024));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void partialWriteNamesTheBadLineAndKeepsTheGoodOnes() {
        HttpResponse<String> r = s.write("partial", "cpu,host=a usage=1 1000000000\ncpu,host=b usage=oops 1000000000\ncpu,host=c usage=3 1000000000\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"partial write of line protocol occurred\",\"data\":[{\"error_message\":")
                .contains("\"line_number\":2").contains("\"original_line\":\"cpu,host=b usage=oop\"");
        HttpResponse<String> q = s.sql("partial", "SELECT host, usage FROM cpu ORDER BY host", "csv");
        assertThat(q.body()).isEqualTo("host,usage\na,1.0\nc,3.0\n");
    }

    @Test
    void acceptPartialFalseRejectsEverything() {
        HttpResponse<String> r = s.post("/api/v3/write_lp?db=allornothing&accept_partial=false",
                "m f=1 1\nm f=\"x\" 2\n");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"line protocol parsing error\",\"data\":{\"error_message\":\"invalid column type for column 'f'")
                .contains("\"line_number\":2");
        assertThat(s.sql("allornothing", "SELECT count(*) AS n FROM m", "csv").statusCode()).isEqualTo(400);
    }

    @Test
    void typeConflictWithExistingSchemaUsesInfluxMessage() {
        assertThat(s.write("types", "t f=1.5 1").statusCode()).isEqualTo(204);
        HttpResponse<String> r = s.write("types", "t f=2i 2");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid column type for column 'f', expected iox::column_type::field::float, got iox::column_type::field::integer");
    }

    @Test
    void v1WriteIsAllOrNothingAndFoldsRetentionPolicy() {
        HttpResponse<String> r = s.post("/write?db=v1db&rp=autogen&precision=s", "m,t=x v=1 1700000000\n");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(s.sql("v1db", "SELECT t, time, v FROM m", "csv").body()).isEqualTo("t,time,v\nx,2023-11-14T22:13:20,1.0\n");
        HttpResponse<String> rp = s.post("/write?db=v1db&rp=weekly", "m v=2 1\n");
        assertThat(rp.statusCode()).isEqualTo(204);
        assertThat(s.sql("v1db/weekly", "SELECT v FROM m", "csv").body()).isEqualTo("v\n2.0\n");
        HttpResponse<String> bad = s.post("/write?db=v1db", "m v=1 1\nm v= 2\n");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"line_number\":2");
        assertThat(s.post("/write", "m v=1").body()).isEqualTo("{\"error\":\"no db destination provided\"}");
    }

    @Test
    void v2WriteUsesTheV2Envelope() {
        assertThat(s.post("/api/v2/write?bucket=v2db&org=any&precision=ms", "m v=1 1700000000000\n").statusCode()).isEqualTo(204);
        assertThat(s.sql("v2db", "SELECT time FROM m", "csv").body()).isEqualTo("time\n2023-11-14T22:13:20\n");
        HttpResponse<String> missing = s.post("/api/v2/write?org=x", "m v=1");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"code\":\"invalid\",\"message\":\"missing bucket value\"}");
        HttpResponse<String> bad = s.post("/api/v2/write?bucket=v2db", "m v=");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"code\":\"invalid\",\"message\":\"");
    }

    @Test
    void emptyBodyAndMissingDb() {
        HttpResponse<String> empty = s.write("emptydb", "# only a comment\n\n");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("{\"error\":\"incoming write was empty\"}".equals(empty.body()) ? empty.body() : "incoming write was empty");
        HttpResponse<String> noDb = s.post("/api/v3/write_lp", "m v=1");
        assertThat(noDb.statusCode()).isEqualTo(400);
        assertThat(noDb.body()).contains("missing query parameter 'db'");
        HttpResponse<String> badName = s.write("_bad", "m v=1");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).isEqualTo("{\"error\":\"db name did not start with a number or letter\"}");
    }

    @Test
    void gzipBodiesAreAcceptedAndBadGzipIsA400() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("zipped v=42i 5\n".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> ok = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/write_lp?db=gz&precision=ns")))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(bytes.toByteArray())));
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(s.sql("gz", "SELECT v FROM zipped", "json").body()).isEqualTo("[{\"v\":42}]");
        HttpResponse<String> bad = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/write_lp?db=gz")))
                .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofString("not gzip")));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("error decoding gzip stream");
        HttpResponse<String> br = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/write_lp?db=gz")))
                .header("Content-Encoding", "br").POST(HttpRequest.BodyPublishers.ofString("m v=1")));
        assertThat(br.statusCode()).isEqualTo(400);
        assertThat(br.body()).contains("unacceptable content-encoding: br");
    }

    @Test
    void oversizedBodyIs413() {
        String big = "m v=1 1\n".repeat(10_000);
        HttpResponse<String> r = s.write("big", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("max request size (65536 bytes) exceeded");
    }

    @Test
    void invalidUtf8IsA400() {
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/write_lp?db=utf")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[]{'m', ' ', 'v', '=', '"', (byte) 0xC3, (byte) 0x28, '"'})));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("body content is not valid utf8");
    }

    @Test
    void invalidUtf8DeepInALongBodyIsA400AndValidUnicodeIsWritten() {
        byte[] prefix = "m,host=a v=1 1\nm,host=b v=2 2\nm,host=c v=3 3\nm v=\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = java.util.Arrays.copyOf(prefix, prefix.length + 3);
        bad[prefix.length] = (byte) 0xC3;
        bad[prefix.length + 1] = (byte) 0x28;
        bad[prefix.length + 2] = '"';
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/write_lp?db=utf2")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bad)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("body content is not valid utf8");

        String unicode = "m,host=a v=1 1\nm,host=b v=2 2\nm,host=c v=3 3\nm,host=ü日本 v=4 4\n";
        assertThat(s.write("utf2", unicode).statusCode()).isEqualTo(204);
        assertThat(s.sql("utf2", "SELECT host FROM m WHERE v = 4", "jsonl").body()).contains("ü日本");
    }

    /**
     * The query API runs queries only, and DuckDB touches no file outside the data and its own
     * scratch directory: SQL cannot write or read other files, change settings or load extensions.
     */
    @Test
    void onlyQueriesRunAndNoFileOutsideTheDataIsTouched(@TempDir Path outside) throws Exception {
        s.write("lock", "m,t=a v=1 1");
        Path secret = java.nio.file.Files.writeString(outside.resolve("secret.csv"), "a,b\n1,2\n");
        Path written = outside.resolve("written.csv");
        // as DataFusion's NotImplemented: 405 (spec §1.4); the others are planning errors: 400
        HttpResponse<String> two = s.sql("lock", "SELECT 1; DROP VIEW m", null);
        assertThat(two.statusCode()).isEqualTo(405);
        assertThat(two.body()).contains("only supports a single SQL statement");
        String[][] refused = {
            {"COPY (SELECT 1 AS x) TO '" + written + "'", "COPY statements are not supported"},
            {"CREATE TABLE t AS SELECT 1", "CREATE statements are not supported"},
            {"SET threads = 1", "SET statements are not supported"},
            {"ATTACH '" + outside.resolve("x.db") + "'", "ATTACH statements are not supported"},
            {"INSTALL httpfs", "INSTALL statements are not supported"},
            {"WITH x AS (SELECT 1) INSERT INTO m SELECT * FROM x", "INSERT statements are not supported"},
            {"SELECT * FROM read_csv('" + secret + "')", "Permission Error"},
            {"SELECT * FROM glob('" + outside + "/*')", "Permission Error"},
            // the data directory outside the Parquet files: catalog, WAL
            {"SELECT * FROM glob('" + dir.toAbsolutePath() + "/*')", "Permission Error"},
        };
        for (String[] q : refused) {
            HttpResponse<String> r = s.sql("lock", q[0], null);
            assertThat(r.statusCode()).as(q[0]).isEqualTo(400);
            assertThat(r.body()).as(q[0]).startsWith("{\"error\":").contains(q[1]);
        }
        assertThat(outside.resolve("written.csv")).doesNotExist();
        assertThat(outside.resolve("x.db")).doesNotExist();
        // still queryable, also as Parquet (written by DuckDB in its scratch directory) and after a snapshot
        assertThat(s.sql("lock", "SELECT v FROM m", "csv").body()).isEqualTo("v\n1.0\n");
        s.server.storage().forceSnapshot();
        assertThat(s.sql("lock", "SELECT v FROM m", "csv").body()).isEqualTo("v\n1.0\n");
        HttpResponse<String> parquet = s.sql("lock", "SELECT v FROM m", "parquet");
        assertThat(parquet.statusCode()).isEqualTo(200);
        assertThat(parquet.body()).startsWith("PAR1");
    }

    @Test
    void queryErrors() {
        s.write("q", "m v=1 1");
        HttpResponse<String> unknownDb = s.sql("nope", "SELECT 1", null);
        assertThat(unknownDb.statusCode()).isEqualTo(404);
        assertThat(unknownDb.body()).isEqualTo("{\"error\":\"query error: database not found: nope\"}");
        HttpResponse<String> badSql = s.sql("q", "SELEC nonsense", null);
        assertThat(badSql.statusCode()).isEqualTo(400);
        assertThat(badSql.body()).contains("syntax error");
        HttpResponse<String> unknownTable = s.sql("q", "SELECT * FROM missing_table", null);
        assertThat(unknownTable.statusCode()).isEqualTo(400);
        assertThat(unknownTable.body()).contains("missing_table");
        HttpResponse<String> badFormat = s.sql("q", "SELECT 1", "xml");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(badFormat.body()).contains("xml");
        HttpResponse<String> badAccept = s.send(HttpRequest.newBuilder(URI.create(s.url("/api/v3/query_sql?db=q&q=SELECT%201")))
                .header("Accept", "application/xml").GET());
        assertThat(badAccept.statusCode()).isEqualTo(400);
        assertThat(badAccept.body()).contains("invalid mime type (application/xml)");
        assertThat(s.get("/api/v3/query_sql").body()).contains("missing query parameters 'db' and 'q'");
        assertThat(s.get("/no/such/path").statusCode()).isEqualTo(404);
    }

    @Test
    void getQueryWithParamsAndFormats() {
        s.write("fmt", "m,h=a v=1i,s=\"x\" 1000000000\nm,h=b v=2i 2000000000\n");
        String params = java.net.URLEncoder.encode("{\"h\":\"b\"}", StandardCharsets.UTF_8);
        String q = java.net.URLEncoder.encode("SELECT h, v FROM m WHERE h = $h", StandardCharsets.UTF_8);
        HttpResponse<String> r = s.get("/api/v3/query_sql?db=fmt&q=" + q + "&params=" + params + "&format=jsonl");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/jsonl");
        assertThat(r.body()).isEqualTo("{\"h\":\"b\",\"v\":2}\n");
        HttpResponse<String> json = s.sql("fmt", "SELECT * FROM m ORDER BY time", "json");
        // precision=auto reads values below 5e9 as seconds (the magnitude rule of InfluxDB 3)
        assertThat(json.body()).isEqualTo("[{\"h\":\"a\",\"s\":\"x\",\"time\":\"2001-09-09T01:46:40\",\"v\":1},"
                + "{\"h\":\"b\",\"time\":\"2033-05-18T03:33:20\",\"v\":2}]");
        HttpResponse<String> parquet = s.sql("fmt", "SELECT * FROM m", "parquet");
        assertThat(parquet.statusCode()).isEqualTo(200);
        assertThat(parquet.body()).startsWith("PAR1");
    }

    @Test
    void corsPreflightAndCommonHeaders() {
        HttpResponse<String> r = s.send(HttpRequest.newBuilder(URI.create(s.url("/anything"))).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("*");
        HttpResponse<String> h = s.get("/health");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(h.body()).isEqualTo("OK");
        assertThat(h.headers().firstValue("access-control-allow-origin")).hasValue("*");
        assertThat(h.headers().firstValue("cluster-uuid")).isPresent();
    }

    @Test
    void pingAndMetrics() {
        HttpResponse<String> ping = s.get("/ping");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).startsWith("{\"product_name\":\"InfluxDB 3 Core\",\"version\":\"").contains("\"process_id\":\"");
        assertThat(ping.headers().firstValue("x-influxdb-build")).hasValue("Core");
        s.write("metrics", "m v=1 1");
        s.sql("metrics", "SELECT * FROM m", null);
        HttpResponse<String> metrics = s.get("/metrics");
        assertThat(metrics.body()).contains("influxdb3_write_requests_total{status=\"ok\"}")
                .contains("influxdb3_query_requests_total{status=\"ok\"}")
                .contains("influxdb3_write_duration_seconds_count").endsWith("# EOF\n");
    }
}
