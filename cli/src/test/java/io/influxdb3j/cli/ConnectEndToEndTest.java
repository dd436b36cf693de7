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
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code connect run}: generate → mapping → influxdb3 output into a real server with auth on; rows come back with SQL. */
@Timeout(180)
class ConnectEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void generatedRowsLandInTheDatabaseAndSqlReturnsThem() throws Exception {
        ServeConfig config = ServeConfig.defaults().withNodeId("connect").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withWalFlushInterval(Duration.ofMillis(20));
        try (InfluxServer server = InfluxServer.start(config)) {
            String host = "http://127.0.0.1:" + server.port();
            TestingCli cli = new TestingCli().env("INFLUXDB3_HOST_URL", host).workingDir(dir);
            Matcher m = Pattern.compile("apiv3_[A-Za-z0-9_-]+").matcher(cli.run("create", "token", "--admin").out());
            assertThat(m.find()).isTrue();
            cli.env("INFLUXDB3_AUTH_TOKEN", m.group());

            Files.writeString(dir.resolve("to-influx.yaml"), """
                    input:
                      generate:
                        count: 10
                        interval: ""
                        mapping: |
                          root.i = counter()
                          root.host = "host-" + (root.i % 3).string()
                    pipeline:
                      processors:
                        - mapping: |
                            root = this
                            root.usage = this.i * 1.5
                    output:
                      influxdb3:
                        url: ${INFLUXDB3_HOST_URL}
                        token: ${INFLUXDB3_AUTH_TOKEN}
                        database: pipelines
                        precision: s
                        lines: |
                          root = "cpu,host=%s usage=%v,i=%di %d".format(this.host, this.usage, this.i, 1700000000 + this.i)
                        batching:
                          count: 4
                    http:
                      enabled: false
                    logger:
                      level: WARN
                    """, StandardCharsets.UTF_8);
            TestingCli.Result run = cli.run("connect", "run", "to-influx.yaml");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.err()).isEmpty();

            TestingCli.Result rows = cli.run("query", "-d", "pipelines", "--format", "csv",
                    "SELECT host, i, usage, time FROM cpu ORDER BY i");
            assertThat(rows.exitCode()).as(rows.err()).isZero();
            StringBuilder expected = new StringBuilder("host,i,usage,time\n");
            for (int i = 1; i <= 10; i++) {
                String usage = i * 1.5 == Math.rint(i * 1.5) ? Long.toString((long) (i * 1.5)) + ".0" : Double.toString(i * 1.5);
                expected.append("host-").append(i % 3).append(',').append(i).append(',').append(usage).append(',')
                        .append(java.time.Instant.ofEpochSecond(1700000000L + i).toString().replace("Z", "")).append('\n');
            }
            assertThat(rows.out()).isEqualTo(expected.toString());

            // A rejected write (a wrong token gives 401) is logged at ERROR with the server's message.
            Files.writeString(dir.resolve("denied.yaml"), """
                    input:
                      generate: {count: 1, interval: "", mapping: 'root = "cpu usage=1"'}
                    output:
                      influxdb3:
                        url: ${INFLUXDB3_HOST_URL}
                        token: apiv3_wrong
                        database: pipelines
                    http: {enabled: false}
                    logger: {level: ERROR}
                    shutdown_timeout: 1s
                    """, StandardCharsets.UTF_8);
            java.util.concurrent.CompletableFuture<TestingCli.Result> denied = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> cli.run("connect", "run", "--set", "input.generate.auto_replay_nacks=false", "denied.yaml"));
            TestingCli.Result d = denied.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(d.exitCode()).as(d.err() + "/" + d.out()).isZero();
            assertThat(d.out()).as("stderr: " + d.err()).contains("level=error msg=\"Failed to send 1 message(s) to influxdb3: influxdb3 output: writing 1 "
                    + "message(s) to database 'pipelines' at " + host + " failed with HTTP 401");
            assertThat(cli.run("query", "-d", "pipelines", "--format", "csv", "SELECT count(*) AS n FROM cpu").out())
                    .isEqualTo("n\n10\n");
        }
    }
}
