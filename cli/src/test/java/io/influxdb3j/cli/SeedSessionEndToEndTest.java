package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The getting-started session of the seed README, through the CLI against a real server with auth on. */
class SeedSessionEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void seedReadmeSessionWorksThroughTheCli() throws Exception {
        ServeConfig config = ServeConfig.defaults().withNodeId("seed").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withWalFlushInterval(Duration.ofMillis(20));
        try (InfluxServer server = InfluxServer.start(config)) {
            String host = "http://127.0.0.1:" + server.port();
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", host).workingDir(dir);

            TestingCli.Result token = cli.run("create", "token", "--admin");
            assertThat(token.exitCode()).isZero();
            Matcher m = Pattern.compile("apiv3_[A-Za-z0-9_-]+").matcher(token.out());
            assertThat(m.find()).isTrue();
            String secret = m.group();
            assertThat(token.out()).contains("Authorization: Bearer " + secret);

            TestingCli.Result denied = cli.run("query", "--dbname", "mydb", "SELECT 1");
            assertThat(denied.exitCode()).isNotZero();
            assertThat(denied.err()).contains("Query command failed").contains("401");

            cli.env("INFLUXDB3_AUTH_TOKEN", secret);
            Path file = dir.resolve("file.lp");
            Files.writeString(file, "mymeas,mytag1=sometag value=0.54 1715289532227359715\n"
                    + "mymeas,mytag1=sometag value=0.55 1715289532229494943\n", StandardCharsets.UTF_8);
            TestingCli.Result write = cli.run("write", "--dbname", "mydb", "-f", file.toString());
            assertThat(write.exitCode()).isZero();
            assertThat(write.out().trim()).isEqualTo("success");

            TestingCli.Result pretty = cli.run("query", "--dbname", "mydb", "SELECT * from mymeas");
            assertThat(pretty.exitCode()).isZero();
            assertThat(pretty.out()).isEqualToIgnoringNewLines("""
                    +---------+-------------------------------+-------+
                    | mytag1  | time                          | value |
                    +---------+-------------------------------+-------+
                    | sometag | 2024-05-09T21:18:52.227359715 | 0.54  |
                    | sometag | 2024-05-09T21:18:52.229494943 | 0.55  |
                    +---------+-------------------------------+-------+""");

            TestingCli.Result json = cli.run("q", "-d", "mydb", "--format", "json", "SELECT * from mymeas");
            assertThat(json.out().trim()).isEqualTo("[{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:18:52.227359715\",\"value\":0.54},"
                    + "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:18:52.229494943\",\"value\":0.55}]");

            TestingCli.Result inline = cli.run("w", "-d", "mydb", "--precision", "s", "mymeas,mytag1=other value=1 1700000000");
            assertThat(inline.exitCode()).isZero();
            assertThat(cli.run("query", "-d", "mydb", "--format", "csv", "SELECT count(*) AS n FROM mymeas").out()).isEqualTo("n\n3\n");

            TestingCli.Result partial = cli.run("write", "-d", "mydb", "mymeas value=1 1\nmymeas value=oops 2");
            assertThat(partial.exitCode()).isNotZero();
            assertThat(partial.err()).contains("Write command failed").contains("line_number").contains("2");

            assertThat(cli.run("create", "database", "other").out()).contains("Database \"other\" created successfully");
            TestingCli.Result again = cli.run("create", "database", "other");
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.err()).contains("409").contains("attempted to create a resource that already exists");
            assertThat(cli.run("show", "databases").out()).contains("mydb").contains("other");
            assertThat(cli.run("delete", "database", "other", "-y").exitCode()).isZero();
            assertThat(cli.run("show", "databases", "--format", "csv").out()).isEqualTo("iox::database\n_internal\nmydb\n");
            assertThat(cli.run("create", "table", "-d", "mydb", "--tags", "a,b", "--fields", "f:int64", "t1").exitCode()).isZero();
            assertThat(cli.run("query", "-d", "mydb", "--format", "csv",
                    "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 't1'").out())
                    .isEqualTo("column_name,data_type\na,\"Dictionary(Int32, Utf8)\"\nb,\"Dictionary(Int32, Utf8)\"\nf,Int64\ntime,\"Timestamp(Nanosecond, None)\"\n");
            assertThat(cli.run("show", "tokens").out()).contains("_admin");

            TestingCli.Result badSql = cli.run("query", "-d", "mydb", "SELEC 1");
            assertThat(badSql.exitCode()).isNotZero();
            assertThat(badSql.err()).contains("syntax error");
            TestingCli.Result unknownDb = cli.run("query", "-d", "nodb", "SELECT 1");
            assertThat(unknownDb.exitCode()).isNotZero();
            assertThat(unknownDb.err()).contains("database not found: nodb");
        }
    }
}
