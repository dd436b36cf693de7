package io.influxdb3j.pipeline.components;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class OutputsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Output output(io.influxdb3j.pipeline.ComponentFactory f, String yaml,
                                 Optional<PipelineContext.LineProtocolSink> sink) throws Exception {
        JsonNode config = YAML.readTree(yaml);
        assertThat(f.validate(config)).isEmpty();
        Output o = f.createOutput(config, new PipelineContext("t", Path.of("."), 1, sink));
        o.connect();
        return o;
    }

    private static List<Message> messages(String... contents) {
        List<Message> out = new ArrayList<>();
        for (String c : contents) {
            out.add(Message.ofString(c));
        }
        return out;
    }

    @Test
    void influxdb3RetriesServerErrorsThenWritesTheBatchAsOneRequest() throws Exception {
        try (TestingHttpServer server = new TestingHttpServer(null, new TestingHttpServer.Response(503, "busy"),
                new TestingHttpServer.Response(500, "{\"error\":\"boom\"}"))) {
            Output o = output(new InfluxDb3Output.Factory(), """
                    url: %s/
                    token: apiv3_secret
                    database: sensors
                    precision: ms
                    retry_period: 10ms
                    """.formatted(server.url()), Optional.empty());
            o.writeBatch(messages("cpu,host=a usage=1 1700000000000", "cpu,host=b usage=2 1700000000000\n", "  "));
            assertThat(server.requests).hasSize(3);
            TestingHttpServer.Request last = server.requests.get(2);
            assertThat(last.method()).isEqualTo("POST");
            assertThat(last.uri()).isEqualTo("/api/v3/write_lp?db=sensors&precision=ms&accept_partial=false");
            assertThat(last.authorization()).isEqualTo("Bearer apiv3_secret");
            assertThat(last.body()).isEqualTo("cpu,host=a usage=1 1700000000000\ncpu,host=b usage=2 1700000000000\n");
        }
    }

    @Test
    void influxdb3ReportsAClientErrorWithTheServersMessageWithoutRetrying() throws Exception {
        try (TestingHttpServer server = new TestingHttpServer(null, new TestingHttpServer.Response(400,
                "{\"error\":\"parsing failed for write_lp endpoint\",\"data\":{\"original_line\":\"cpu usage=\",\"line_number\":1,"
                        + "\"error_message\":\"No fields were provided\"}}"))) {
            Output o = output(new InfluxDb3Output.Factory(), "url: " + server.url() + "\ndatabase: db\nretry_period: 10ms\n",
                    Optional.empty());
            assertThatThrownBy(() -> o.writeBatch(messages("cpu usage=")))
                    .isInstanceOf(PipelineException.class)
                    .hasMessage("influxdb3 output: writing 1 message(s) to database 'db' at " + server.url()
                            + " failed with HTTP 400: parsing failed for write_lp endpoint: {\"original_line\":\"cpu usage=\","
                            + "\"line_number\":1,\"error_message\":\"No fields were provided\"}");
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void influxdb3GivesUpAfterMaxRetriesOnConnectionErrors() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Output o = output(new InfluxDb3Output.Factory(), """
                url: http://127.0.0.1:%d
                database: db
                max_retries: 2
                retry_period: 5ms
                """.formatted(port), Optional.empty());
        assertThatThrownBy(() -> o.writeBatch(messages("m f=1")))
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("influxdb3 output: writing to database 'db' at http://127.0.0.1:" + port
                        + " failed after 3 attempts: ");
    }

    @Test
    void influxdb3LinesMappingBuildsLineProtocolAndSkipsDeleted() throws Exception {
        try (TestingHttpServer server = new TestingHttpServer(null)) {
            Output o = output(new InfluxDb3Output.Factory(), """
                    url: %s
                    database: db
                    lines: |
                      root = if this.skip == true { deleted() } else {
                        "cpu,host=%%s usage=%%v".format(this.host, this.usage)
                      }
                    """.formatted(server.url()), Optional.empty());
            o.writeBatch(messages("{\"host\":\"a\",\"usage\":0.5}", "{\"skip\":true}", "{\"host\":\"b\",\"usage\":3}"));
            assertThat(server.requests).singleElement().satisfies(r ->
                    assertThat(r.body()).isEqualTo("cpu,host=a usage=0.5\ncpu,host=b usage=3\n"));
        }
    }

    @Test
    void influxdb3WritesInProcessWhenTheServerGivesASink() throws Exception {
        List<String> writes = new ArrayList<>();
        Output o = output(new InfluxDb3Output.Factory(), "url: http://127.0.0.1:1\ndatabase: db\nprecision: s\n",
                Optional.of((db, lines, precision) -> writes.add(db + "|" + precision + "|" + lines)));
        o.writeBatch(messages("m v=1 1", "m v=2 2"));
        assertThat(writes).containsExactly("db|s|m v=1 1\nm v=2 2\n");
    }

    @Test
    void httpClientRetriesAndInterpolatesUrlAndHeaders() throws Exception {
        try (TestingHttpServer server = new TestingHttpServer("X-Id", new TestingHttpServer.Response(500, "oops"))) {
            Output o = output(new HttpClientOutput.Factory(), """
                    url: '%s/things/${! meta("id") }'
                    verb: PUT
                    headers:
                      X-Id: 'id-${! meta("id") }'
                    retry_period: 10ms
                    """.formatted(server.url()), Optional.empty());
            o.writeBatch(List.of(new Message("payload".getBytes(), Map.of("id", "7"))));
            assertThat(server.requests).hasSize(2);
            assertThat(server.requests.get(1)).isEqualTo(new TestingHttpServer.Request("PUT", "/things/7", null, "id-7", "payload"));
        }
    }

    @Test
    void httpClientFailsAtOnceOnDropOnAndAfterRetriesOtherwise() throws Exception {
        try (TestingHttpServer server = new TestingHttpServer(null, new TestingHttpServer.Response(400, "bad thing"))) {
            Output o = output(new HttpClientOutput.Factory(), "url: " + server.url() + "/x\ndrop_on: [400]\nretry_period: 5ms\n",
                    Optional.empty());
            assertThatThrownBy(() -> o.writeBatch(messages("a")))
                    .hasMessage("HTTP request to " + server.url() + "/x returned unexpected response code (400): bad thing");
            assertThat(server.requests).hasSize(1);
        }
        try (TestingHttpServer server = new TestingHttpServer(null, new TestingHttpServer.Response(502, "a"),
                new TestingHttpServer.Response(502, "b"), new TestingHttpServer.Response(502, "c"))) {
            Output o = output(new HttpClientOutput.Factory(), "url: " + server.url() + "\nretries: 2\nretry_period: 5ms\n",
                    Optional.empty());
            assertThatThrownBy(() -> o.writeBatch(messages("a")))
                    .hasMessage("HTTP request to " + server.url() + " returned unexpected response code (502): c (after 2 retries)");
            assertThat(server.requests).hasSize(3);
        }
    }
}
