package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code influxdb3 connect run} with Python components, as a user runs it: stdin to stdout, and into a server. */
@Timeout(180)
class ConnectPythonEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void rot13FromStdinPrintsTheReadmeJson() throws Exception {
        // The seed README's rot13 example: `exe` is accepted but not needed.
        Files.writeString(dir.resolve("rot13.yaml"), """
                input:
                  stdin: {}
                pipeline:
                  processors:
                    - python:
                        exe: python3
                        script: |
                          import codecs
                          msg = content().decode()
                          root.original = msg
                          root.encoded = codecs.encode(msg, "rot_13")
                output:
                  stdout: {}
                logger:
                  level: OFF
                """);
        TestingCli.Result r = new TestingCli().workingDir(dir).stdin("My voice is my passport\n")
                .run("connect", "run", "rot13.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"original\": \"My voice is my passport\", \"encoded\": \"Zl ibvpr vf zl cnffcbeg\"}\n");
    }

    @Test
    void generateThroughAPythonProcessorIntoTheServerStandalone() throws Exception {
        ServeConfig config = ServeConfig.defaults().withNodeId("connect-py").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withoutAuth(true).withWalFlushInterval(Duration.ofMillis(20));
        try (InfluxServer server = InfluxServer.start(config)) {
            String host = "http://127.0.0.1:" + server.port();
            Files.writeString(dir.resolve("py-to-db.yaml"), """
                    input:
                      generate:
                        count: 5
                        interval: ""
                        mapping: root.n = counter()
                    pipeline:
                      threads: 2
                      processors:
                        - python:
                            mode: isolated
                            script: |
                              import json
                              n = json.loads(content())["n"]
                              root.sensor = "s" + str(n % 2)
                              root.value = n * n
                              root.n = n
                    output:
                      influxdb3:
                        url: ${HOST}
                        database: lab
                        precision: s
                        lines: |
                          root = "squares,sensor=%s value=%vi %d".format(this.sensor, this.value, 1700000000 + this.n)
                    http:
                      enabled: false
                    logger:
                      level: WARN
                    """);
            TestingCli cli = new TestingCli().workingDir(dir).env("HOST", host).env("INFLUXDB3_HOST_URL", host);
            TestingCli.Result run = cli.run("connect", "run", "py-to-db.yaml");
            assertThat(run.exitCode()).as(run.err()).isZero();
            TestingCli.Result rows = cli.run("query", "-d", "lab", "--format", "csv",
                    "SELECT sensor, value FROM squares ORDER BY time");
            assertThat(rows.out()).isEqualTo("sensor,value\ns1,1\ns0,4\ns1,9\ns0,16\ns1,25\n");
        }
    }
}
