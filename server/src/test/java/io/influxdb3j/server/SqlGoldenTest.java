package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end SQL golden files ({@code src/test/resources/golden/sql/*.slt}), run against a real server.
 * <pre>
 * write DB [precision]      line protocol follows, up to a blank line
 * snapshot                  persist everything buffered to Parquet (results must not change)
 * query DB FORMAT [STATUS]  the SQL follows, then a line "----", then the expected body, up to a blank line
 * </pre>
 * Run with {@code -Dgolden.update=true} to rewrite the expected bodies (review the diff).
 */
class SqlGoldenTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> goldenFiles() throws IOException, URISyntaxException {
        Path root = Path.of(getClass().getResource("/golden/sql").toURI());
        List<Path> files;
        try (Stream<Path> s = Files.list(root)) {
            files = s.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    private void run(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Path data = Files.createTempDirectory(dir, "slt");
        try (TestingServer s = TestingServer.startWithoutAuth(data)) {
            int i = 0;
            while (i < lines.size()) {
                String line = lines.get(i);
                if (line.startsWith("write ")) {
                    String[] w = line.split(" ");
                    out.add(line);
                    StringBuilder lp = new StringBuilder();
                    i++;
                    while (i < lines.size() && !lines.get(i).isEmpty()) {
                        lp.append(lines.get(i)).append('\n');
                        out.add(lines.get(i));
                        i++;
                    }
                    String precision = w.length > 2 ? "&precision=" + w[2] : "";
                    HttpResponse<String> r = s.post("/api/v3/write_lp?db=" + w[1] + precision, lp.toString());
                    if (r.statusCode() != 204) {
                        failures.add(file.getFileName() + ": write failed " + r.statusCode() + " " + r.body());
                    }
                } else if (line.equals("snapshot")) {
                    out.add(line);
                    s.server.storage().forceSnapshot();
                    i++;
                } else if (line.startsWith("query ")) {
                    String[] q = line.split(" ");
                    int headerAt = out.size();
                    out.add(line);
                    StringBuilder sql = new StringBuilder();
                    i++;
                    while (!lines.get(i).equals("----")) {
                        sql.append(sql.length() == 0 ? "" : "\n").append(lines.get(i));
                        out.add(lines.get(i));
                        i++;
                    }
                    out.add("----");
                    i++;
                    List<String> expected = new ArrayList<>();
                    while (i < lines.size() && !lines.get(i).isEmpty()) {
                        expected.add(lines.get(i));
                        i++;
                    }
                    HttpResponse<String> r = s.sql(q[1], sql.toString(), q[2]);
                    int wantStatus = q.length > 3 ? Integer.parseInt(q[3]) : 200;
                    List<String> actual = new ArrayList<>();
                    if (r.statusCode() != 200 || wantStatus != 200) {
                        actual.add("status " + r.statusCode());
                    }
                    actual.addAll(r.body().lines().toList());
                    out.set(headerAt, "query " + q[1] + " " + q[2] + (r.statusCode() == 200 ? "" : " " + r.statusCode()));
                    out.addAll(actual);
                    if (!actual.equals(expected) || r.statusCode() != wantStatus) {
                        failures.add(file.getFileName() + ": " + sql + "\nexpected:\n" + String.join("\n", expected)
                                + "\nactual:\n" + String.join("\n", actual));
                    }
                } else {
                    out.add(line);
                    i++;
                }
            }
        }
        if (Boolean.getBoolean("golden.update")) {
            Path source = Path.of("src/test/resources/golden/sql").resolve(file.getFileName());
            Files.writeString(source, String.join("\n", out) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(failures).isEmpty();
    }
}
