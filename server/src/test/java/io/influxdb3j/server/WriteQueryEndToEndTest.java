package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WriteQueryEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void writesAreQueryableAsJsonAndPrettyTable() {
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            HttpResponse<String> w = s.write("mydb",
                    "mymeas,mytag1=sometag value=0.54 1715289332227359715\nmymeas,mytag1=sometag value=0.55 1715289332229494943\n");
            assertThat(w.statusCode()).isEqualTo(204);
            HttpResponse<String> json = s.sql("mydb", "SELECT * from mymeas", null);
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(json.body()).isEqualTo("[{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:15:32.227359715\",\"value\":0.54},"
                    + "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:15:32.229494943\",\"value\":0.55}]");
            HttpResponse<String> pretty = s.sql("mydb", "SELECT * from mymeas", "pretty");
            assertThat(pretty.body()).isEqualTo("""
                    +---------+-------------------------------+-------+
                    | mytag1  | time                          | value |
                    +---------+-------------------------------+-------+
                    | sometag | 2024-05-09T21:15:32.227359715 | 0.54  |
                    | sometag | 2024-05-09T21:15:32.229494943 | 0.55  |
                    +---------+-------------------------------+-------+""");
        }
    }
}
