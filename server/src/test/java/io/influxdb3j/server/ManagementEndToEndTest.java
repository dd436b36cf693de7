package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementEndToEndTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> delete(TestingServer s, String pathAndQuery) {
        return s.send(HttpRequest.newBuilder(URI.create(s.url(pathAndQuery))).DELETE());
    }

    private static long parquetFiles(Path dir) throws Exception {
        Path dbs = dir.resolve("test-node/dbs");
        if (!Files.exists(dbs)) {
            return 0;
        }
        try (Stream<Path> w = Files.walk(dbs)) {
            return w.filter(p -> p.toString().endsWith(".parquet")).count();
        }
    }

    @Test
    void databasesCreateListSoftAndHardDelete() throws Exception {
        try (TestingServer s = TestingServer.start(dir, c -> c.withoutAuth(true).withMaxDatabases(3))) {
            assertThat(s.postJson("/api/v3/configure/database", "{\"db\":\"one\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> dup = s.postJson("/api/v3/configure/database", "{\"db\":\"one\"}");
            assertThat(dup.statusCode()).isEqualTo(409);
            assertThat(dup.body()).isEqualTo("attempted to create a resource that already exists");
            assertThat(s.post("/api/v3/configure/database", "{\"db\":\"x\"}").statusCode()).isEqualTo(415);
            assertThat(s.postJson("/api/v3/configure/database", "{\"db\":\"bad name\"}").statusCode()).isEqualTo(400);
            assertThat(s.get("/api/v3/configure/database?format=csv").body()).isEqualTo("iox::database\n_internal\none\n");
            assertThat(s.get("/api/v3/configure/database").statusCode()).isEqualTo(400);

            // soft delete: renamed, the name is free again, the data stays until hard deletion
            assertThat(s.write("two", "m v=1 1").statusCode()).isEqualTo(204);
            s.server.storage().forceSnapshot();
            assertThat(parquetFiles(dir)).isEqualTo(1);
            assertThat(delete(s, "/api/v3/configure/database?db=two&hard_delete_at=never").statusCode()).isEqualTo(200);
            assertThat(s.sql("two", "SELECT * FROM m", "csv").statusCode()).isEqualTo(404);
            assertThat(parquetFiles(dir)).isEqualTo(1);
            String listed = s.get("/api/v3/configure/database?format=csv&show_deleted=true").body();
            assertThat(listed).startsWith("iox::database,deleted\n_internal,false\none,false\ntwo-").endsWith(",true\n");
            assertThat(s.write("two", "m v=2 2").statusCode()).isEqualTo(204);
            assertThat(s.sql("two", "SELECT v FROM m", "csv").body()).isEqualTo("v\n2.0\n");
            assertThat(delete(s, "/api/v3/configure/database?db=missing").statusCode()).isEqualTo(404);
            assertThat(delete(s, "/api/v3/configure/database?db=_internal").statusCode()).isEqualTo(500);

            // limits: 3 live databases besides _internal
            assertThat(s.postJson("/api/v3/configure/database", "{\"db\":\"three\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> over = s.postJson("/api/v3/configure/database", "{\"db\":\"four\"}");
            assertThat(over.statusCode()).isEqualTo(422);
            assertThat(over.body()).isEqualTo("{\"error\":\"Adding a new database would exceed limit of 3 databases\"}");
            HttpResponse<String> overWrite = s.write("five", "m v=1 1");
            assertThat(overWrite.statusCode()).isEqualTo(422);

            // hard delete now removes the files
            s.server.storage().forceSnapshot();
            assertThat(parquetFiles(dir)).isEqualTo(2);
            assertThat(delete(s, "/api/v3/configure/database?db=two&hard_delete_at=now").statusCode()).isEqualTo(200);
            assertThat(parquetFiles(dir)).isEqualTo(1);
        }
    }

    @Test
    void tablesAndRetention() {
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            HttpResponse<String> created = s.postJson("/api/v3/configure/table",
                    "{\"db\":\"tdb\",\"table\":\"t\",\"tags\":[\"a\"],\"fields\":[{\"name\":\"u\",\"type\":\"uint64\"}]}");
            assertThat(created.statusCode()).isEqualTo(200);
            assertThat(s.postJson("/api/v3/configure/table",
                    "{\"db\":\"tdb\",\"table\":\"t\",\"tags\":[],\"fields\":[]}").statusCode()).isEqualTo(409);
            assertThat(s.postJson("/api/v3/configure/table",
                    "{\"db\":\"tdb\",\"table\":\"t2\",\"tags\":[],\"fields\":[{\"name\":\"f\",\"type\":\"decimal\"}]}").statusCode()).isEqualTo(400);
            HttpResponse<String> wrongType = s.write("tdb", "t,a=x u=1i 1");
            assertThat(wrongType.body()).contains("expected iox::column_type::field::uinteger, got iox::column_type::field::integer");
            assertThat(s.write("tdb", "t,a=x u=1u 1").statusCode()).isEqualTo(204);
            assertThat(delete(s, "/api/v3/configure/table?db=tdb&table=t").statusCode()).isEqualTo(200);
            assertThat(s.sql("tdb", "SELECT * FROM t", "csv").statusCode()).isEqualTo(400);
            assertThat(delete(s, "/api/v3/configure/table?db=tdb&table=t").statusCode()).isEqualTo(404);

            long now = System.currentTimeMillis() * 1_000_000L;
            s.write("ret", "m v=1 " + (now - 7_200_000_000_000L) + "\nm v=2 " + now);
            assertThat(s.sql("ret", "SELECT v FROM m ORDER BY v", "csv").body()).isEqualTo("v\n1.0\n2.0\n");
            HttpResponse<String> r = s.post("/api/v3/configure/database/retention_period?db=ret&duration=1h", "");
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(s.sql("ret", "SELECT v FROM m ORDER BY v", "csv").body()).isEqualTo("v\n2.0\n");
            assertThat(s.post("/api/v3/configure/database/retention_period?db=ret&duration=soon", "").statusCode()).isEqualTo(400);
            assertThat(delete(s, "/api/v3/configure/database/retention_period?db=ret").statusCode()).isEqualTo(204);
            assertThat(s.sql("ret", "SELECT v FROM m ORDER BY v", "csv").body()).isEqualTo("v\n1.0\n2.0\n");
        }
    }
}
