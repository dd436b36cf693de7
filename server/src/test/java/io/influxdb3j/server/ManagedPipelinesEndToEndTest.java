package io.influxdb3j.server;

import static io.influxdb3j.server.TestingServer.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --pipeline-dir}: each YAML file runs inside the server; generate → python processor →
 * influxdb3 output lands rows in-process (no URL, no token); a bad file is reported in
 * {@code system.pipelines} and does not stop the server or the other pipelines.
 */
class ManagedPipelinesEndToEndTest {
    @TempDir
    Path dir;


    @Test
    void pipelinesInThePipelineDirectoryWriteIntoTheServer() throws Exception {
        Path pipelines = Files.createDirectories(dir.resolve("pipelines"));
        Files.writeString(pipelines.resolve("readings.yaml"), """
                input:
                  generate:
                    count: 6
                    interval: ""
                    mapping: |
                      root.i = counter()
                pipeline:
                  threads: 2
                  processors:
                    - python:
                        script: |
                          import json
                          msg = json.loads(content())
                          root = {"room": "r" + str(msg["i"] % 2), "temp": msg["i"] * 0.5, "i": msg["i"]}
                output:
                  influxdb3:
                    database: home
                    precision: s
                    lines: |
                      root = "readings,room=%s temp=%v %d".format(this.room, this.temp, 1700000000 + this.i)
                """);
        Files.writeString(pipelines.resolve("broken.yml"), """
                input:
                  generate:
                    count: 1
                    mapping: 'root = "x"'
                output:
                  nowhere: {}
                """);
        Files.writeString(pipelines.resolve("notes.txt"), "not a pipeline");
        try (TestingServer s = TestingServer.start(dir.resolve("data"), c -> c.withoutAuth(true).withPipelineDir(pipelines))) {
            eventually(() -> s.sql("home", "SELECT count(*) AS n FROM readings", "csv").body().equals("n\n6\n"),
                    "the pipeline's rows");
            assertThat(s.sql("home", "SELECT room, temp FROM readings ORDER BY time LIMIT 3", "csv").body())
                    .isEqualTo("room,temp\nr1,0.5\nr0,1.0\nr1,1.5\n");
            eventually(() -> s.sql("_internal", "SELECT state FROM system.pipelines WHERE pipeline_name = 'readings'", "csv")
                    .body().equals("state\nfinished\n"), "the pipeline to finish once its input ended");
            assertThat(s.sql("_internal", "SELECT pipeline_name, state, input_received, output_sent, output_errors "
                    + "FROM system.pipelines ORDER BY pipeline_name", "csv").body())
                    .isEqualTo("pipeline_name,state,input_received,output_sent,output_errors\n"
                            + "broken,failed,0,0,0\nreadings,finished,6,6,0\n");
            String error = s.sql("_internal", "SELECT error FROM system.pipelines WHERE pipeline_name = 'broken'", "csv").body();
            assertThat(error).contains("broken.yml").contains("nowhere");
            // the server itself is fine
            assertThat(s.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
