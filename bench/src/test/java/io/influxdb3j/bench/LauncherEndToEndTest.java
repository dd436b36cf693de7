package io.influxdb3j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./influxdb3} launcher as a user runs it (this module builds after the
 * runnable jar is packaged): serve, write and query through the CLI and over HTTP.
 */
class LauncherEndToEndTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("bash", REPO.resolve("influxdb3").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("command finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void serveWriteAndQueryThroughTheLauncher() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String host = "http://127.0.0.1:" + port;
        List<String> cmd = List.of("bash", REPO.resolve("influxdb3").toString(), "serve", "--without-auth",
                "--node-id", "launcher", "--data-dir", dir.resolve("data").toString(), "--http-bind", "127.0.0.1:" + port);
        Path log = dir.resolve("server.log");
        Process server = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            boolean up = false;
            while (!up && System.nanoTime() < deadline && server.isAlive()) {
                try {
                    up = http.send(HttpRequest.newBuilder(URI.create(host + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            assertThat(up).as("server up; log:%n%s", Files.exists(log) ? Files.readString(log) : "").isTrue();

            Map<String, String> env = Map.of("INFLUXDB3_HOST_URL", host);
            Files.writeString(dir.resolve("file.lp"), "mymeas,mytag1=sometag value=0.54 1715289532227359715\n"
                    + "mymeas,mytag1=sometag value=0.55 1715289532229494943\n", StandardCharsets.UTF_8);
            Run write = run(env, "write", "--dbname", "mydb", "-f", "file.lp");
            assertThat(write.exit()).as(write.err()).isZero();
            assertThat(write.out().trim()).isEqualTo("success");
            Run query = run(env, "query", "--dbname", "mydb", "SELECT * from mymeas");
            assertThat(query.exit()).as(query.err()).isZero();
            assertThat(query.out()).contains("| mytag1  | time                          | value |")
                    .contains("| sometag | 2024-05-09T21:18:52.227359715 | 0.54  |");
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(host + "/api/v3/query_sql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"db\": \"mydb\", \"q\": \"SELECT * from mymeas\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(json.body()).isEqualTo("[{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:18:52.227359715\",\"value\":0.54},"
                    + "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:18:52.229494943\",\"value\":0.55}]");
            Run bad = run(env, "query", "--dbname", "mydb", "SELECT * FROM nope");
            assertThat(bad.exit()).isNotZero();
            assertThat(bad.err()).contains("Query command failed");
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    @Test
    void launcherSaysClearlyWhenThereIsNoJdk21() throws Exception {
        Run r = run(Map.of("JAVA_HOME", "/nonexistent", "PATH", "/usr/bin:/bin", "INFLUXDB3_JDK_SEARCH_DIRS", ""), "-V");
        if (Files.exists(Path.of("/usr/bin/javac")) && r.exit() == 0) {
            return; // this machine's default javac is itself 21+: nothing to show
        }
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("no JDK 21 or newer found");
    }
}
