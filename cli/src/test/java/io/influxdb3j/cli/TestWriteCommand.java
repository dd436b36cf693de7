package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.cli.TestingHttpServer.RecordedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestWriteCommand {
    private final TestingHttpServer server = TestingHttpServer.start()
            .respond("POST", "/api/v3/write_lp", 204, null, "");

    @TempDir
    Path tmp;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void writesInlineLineProtocolWithTokenAndPrintsSuccess() {
        var result = new TestingCli().run("write", "-H", server.url(), "-d", "mydb", "--token", "apiv3_secret",
                "cpu,host=a usage=0.5 1");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("success\n");
        assertThat(result.err()).isEmpty();
        RecordedRequest request = server.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v3/write_lp");
        assertThat(request.rawQuery()).isEqualTo("db=mydb");
        assertThat(request.header("Authorization")).isEqualTo("Bearer apiv3_secret");
        assertThat(request.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.header("Content-Encoding")).isNull();
        assertThat(request.text()).isEqualTo("cpu,host=a usage=0.5 1");
    }

    @Test
    void seedSpellingsWAliasDbnameAndFile() throws IOException {
        // From the getting-started README: `influxdb3 w --dbname mydb --token "$TOKEN" -f ./file.lp`.
        Path file = tmp.resolve("file.lp");
        Files.writeString(file, "mymeas,mytag1=sometag value=0.54 1\nmymeas,mytag1=sometag value=0.55 2\n");

        var result = new TestingCli().env("INFLUXDB3_HOST_URL", server.url())
                .run("w", "--dbname", "mydb", "--token", "t", "-f", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("success\n");
        assertThat(server.onlyRequest().query()).containsEntry("db", "mydb");
        assertThat(server.onlyRequest().text()).isEqualTo(Files.readString(file));
    }

    @Test
    void noTokenMeansNoAuthorizationHeader() {
        new TestingCli().run("write", "-H", server.url(), "-d", "db", "m v=1");

        assertThat(server.onlyRequest().header("Authorization")).isNull();
    }

    @Test
    void readsStdinWhenNoArgumentsOrFile() {
        var result = new TestingCli().stdin("m v=1 1\nm v=2 2\n").run("write", "-H", server.url(), "-d", "db");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().text()).isEqualTo("m v=1 1\nm v=2 2\n");
    }

    @Test
    void severalArgumentsAreSeveralLines() {
        new TestingCli().run("write", "-H", server.url(), "-d", "db", "m v=1 1", "m v=2 2");

        assertThat(server.onlyRequest().text()).isEqualTo("m v=1 1\nm v=2 2");
    }

    @Test
    void terminalWithoutInputIsAnError() {
        var result = new TestingCli().terminal(true).run("write", "-H", server.url(), "-d", "db");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Write command failed: No input from stdin detected, no string was passed"
                + " in, and no file path was given\n");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void sendsPrecisionAcceptPartialAndNoSyncOnlyWhenGiven() {
        new TestingCli().run("write", "-H", server.url(), "-d", "db", "--precision", "ms", "--accept-partial",
                "--no-sync", "m v=1 1");
        new TestingCli().run("write", "-H", server.url(), "-d", "db", "-p", "nanosecond", "--accept-partial=false",
                "m v=1 1");

        List<RecordedRequest> requests = server.requests();
        assertThat(requests.get(0).rawQuery())
                .isEqualTo("db=db&precision=millisecond&accept_partial=true&no_sync=true");
        assertThat(requests.get(1).rawQuery()).isEqualTo("db=db&precision=nanosecond&accept_partial=false");
    }

    @Test
    void everyPrecisionSpelling() {
        for (String p : List.of("auto", "s", "second", "ms", "us", "u", "microsecond", "ns", "n")) {
            assertThat(new TestingCli().run("write", "-H", server.url(), "-d", "db", "-p", p, "m v=1").exitCode())
                    .as(p).isZero();
        }
        assertThat(server.requests()).extracting(r -> r.query().get("precision")).containsExactly(
                "auto", "second", "second", "millisecond", "microsecond", "microsecond", "microsecond",
                "nanosecond", "nanosecond");
    }

    @Test
    void badPrecisionIsAUsageError() {
        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "-p", "h", "m v=1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("invalid --precision 'h'");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void gzipCompressesTheBody() {
        String lp = "m,t=x v=1 1\n".repeat(100);
        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "--gzip", lp);

        assertThat(result.exitCode()).isZero();
        RecordedRequest request = server.onlyRequest();
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.body().length).isLessThan(lp.length());
        assertThat(request.body()[0] & 0xff).isEqualTo(0x1f); // gzip magic
        assertThat(request.text()).isEqualTo(lp);
    }

    @Test
    void maxRequestSizeSplitsAtNewlines() throws IOException {
        // 20 lines of 16 bytes ("m,t=ab v=NNNi 1\n"): at most 3 lines (48 bytes) per 50-byte request.
        String lp = IntStream.range(0, 20).mapToObj(i -> String.format("m,t=ab v=%03di 1\n", i))
                .collect(Collectors.joining());
        assertThat(lp.lines().findFirst().orElseThrow().length() + 1).isEqualTo(16);
        Path file = tmp.resolve("big.lp");
        Files.writeString(file, lp);

        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "--max-request-size", "50",
                "--max-concurrent-requests", "1", "-f", file.toString());

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("success\n");
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(7);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.body().length).isLessThanOrEqualTo(50);
            assertThat(r.text()).endsWith("\n");
            assertThat(r.rawQuery()).isEqualTo("db=db");
        });
        assertThat(requests.stream().map(RecordedRequest::text).collect(Collectors.joining())).isEqualTo(lp);
        assertThat(result.err()).contains("wrote request 1 of 7 (lines 1-3, 48 bytes)")
                .contains("wrote request 7 of 7 (lines 19-20, 32 bytes)");
    }

    @Test
    void concurrentSplitWritesEverythingAndQuietSuppressesProgress() {
        String lp = IntStream.range(0, 200).mapToObj(i -> "m,t=a v=" + i + "i " + i + "\n")
                .collect(Collectors.joining());

        var result = new TestingCli().stdin(lp).run("write", "-H", server.url(), "-d", "db", "--max-request-size",
                "1kb", "--max-concurrent-requests", "4", "-q");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        List<RecordedRequest> requests = server.requests();
        assertThat(requests.size()).isGreaterThan(1);
        assertThat(requests).allSatisfy(r -> assertThat(r.body().length).isLessThanOrEqualTo(1024));
        String rejoined = requests.stream().map(RecordedRequest::text)
                .sorted(Comparator.comparingInt(TestWriteCommand::firstTimestamp))
                .collect(Collectors.joining());
        assertThat(rejoined).isEqualTo(lp);
    }

    @Test
    void lineLongerThanMaxRequestSizeIsRefusedBeforeSending() {
        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "--max-request-size", "20",
                "m v=1\nm,tag=a_long_tag_value v=2\n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Write command failed: line 2 is 27 bytes, larger than"
                + " --max-request-size 20");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void failedSplitRequestNamesItsLines() {
        AtomicInteger n = new AtomicInteger();
        server.respond("POST", "/api/v3/write_lp", r -> n.incrementAndGet() == 2
                ? TestingHttpServer.Canned.of(400, "application/json", "{\"error\":\"bad\"}")
                : TestingHttpServer.Canned.of(204, null, ""));

        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "--max-request-size", "10",
                "--max-concurrent-requests", "1", "a v=1\nb v=2\nc v=3\n");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("wrote request 1 of 3 (lines 1-1, 6 bytes)\n"
                + "Write command failed: request 2 of 3 (lines 2-2) failed: server"
                + " responded with error [400 Bad Request]: {\"error\":\"bad\"}\n");
        // Nothing is sent after a failure.
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void serverErrorPrintsStatusAndJsonBody() {
        String body = "{\"error\":\"partial write of line protocol occurred\",\"data\":[{\"error_message\":"
                + "\"No fields were provided\",\"line_number\":1,\"original_line\":\"cpu\"}]}";
        server.respond("POST", "/api/v3/write_lp", 400, "application/json", body);

        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db", "cpu");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("Write command failed: server responded with error [400 Bad Request]: "
                + body + "\n");
        assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void limitErrorIs422() {
        server.respond("POST", "/api/v3/write_lp", 422, "application/json",
                "{\"error\":\"Adding a new database would exceed limit of 5 databases\"}");

        var result = new TestingCli().run("write", "-H", server.url(), "-d", "db6", "m v=1");

        assertThat(result.err()).startsWith("Write command failed: server responded with error"
                + " [422 Unprocessable Entity]: {\"error\":\"Adding a new database");
    }

    @Test
    void connectionRefusedNamesTheHost() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var result = new TestingCli().run("write", "-H", "http://127.0.0.1:" + port, "-d", "db", "m v=1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Write command failed: could not connect to http://127.0.0.1:" + port
                + ": connection refused (is the InfluxDB 3 server running there? set -H/--host or"
                + " INFLUXDB3_HOST_URL)\n");
    }

    @Test
    void debugVariablePrintsTheStackTrace() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var result = new TestingCli().env("INFLUXDB3_CLI_DEBUG", "1")
                .run("write", "-H", "http://127.0.0.1:" + port, "-d", "db", "m v=1");

        assertThat(result.err()).startsWith("Write command failed: could not connect").contains("\tat ");
    }

    @Test
    void environmentSuppliesHostTokenAndDatabase() {
        var result = new TestingCli()
                .env("INFLUXDB3_HOST_URL", server.url())
                .env("INFLUXDB3_AUTH_TOKEN", "apiv3_fromenv")
                .env("INFLUXDB3_DATABASE_NAME", "envdb")
                .run("write", "m v=1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.onlyRequest().query()).containsEntry("db", "envdb");
        assertThat(server.onlyRequest().header("Authorization")).isEqualTo("Bearer apiv3_fromenv");
    }

    @Test
    void flagsBeatTheEnvironment() {
        new TestingCli().env("INFLUXDB3_DATABASE_NAME", "envdb").env("INFLUXDB3_AUTH_TOKEN", "envtoken")
                .run("write", "-H", server.url(), "-d", "flagdb", "--token", "flagtoken", "m v=1");

        assertThat(server.onlyRequest().query()).containsEntry("db", "flagdb");
        assertThat(server.onlyRequest().header("Authorization")).isEqualTo("Bearer flagtoken");
    }

    @Test
    void writeHostOverridesHost() {
        var result = new TestingCli().env("INFLUXDB3_WRITE_HOST_URL", server.url())
                .run("write", "-H", "http://127.0.0.1:1", "-d", "db", "m v=1");

        assertThat(result.exitCode()).isZero();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void missingDatabaseIsAUsageError() {
        var result = new TestingCli().run("write", "-H", server.url(), "m v=1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Missing database name: pass -d/--database <DATABASE_NAME> or"
                + " set INFLUXDB3_DATABASE_NAME\n").contains("influxdb3 write --help");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void invalidHostUrl() {
        var result = new TestingCli().run("write", "-H", "localhost:8181", "-d", "db", "m v=1");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith("Write command failed: invalid host URL 'localhost:8181'");
    }

    private static int firstTimestamp(String lines) {
        String first = lines.substring(0, lines.indexOf('\n'));
        return Integer.parseInt(first.substring(first.lastIndexOf(' ') + 1));
    }
}
