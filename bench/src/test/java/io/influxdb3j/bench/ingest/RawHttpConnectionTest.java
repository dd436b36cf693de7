package io.influxdb3j.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawHttpConnectionTest {
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> peers = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/write", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            peers.add(exchange.getRemoteAddress().toString());
            if (body.startsWith("bad")) {
                byte[] answer = "{\"error\":\"bad line\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(400, 0); // chunked
                exchange.getResponseBody().write(answer);
            } else if (body.startsWith("close")) {
                exchange.getResponseHeaders().add("Connection", "close");
                exchange.sendResponseHeaders(204, -1);
            } else {
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsOverOneKeptAliveConnectionAndReadsEveryFraming() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/write?db=bench&precision=ns");
        try (RawHttpConnection c = new RawHttpConnection(uri, 10_000)) {
            assertThat(c.post("cpu v=1 1".getBytes(StandardCharsets.UTF_8))).isEqualTo(new RawHttpConnection.Answer(204, ""));
            assertThat(c.post("cpu v=2 2".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
            assertThat(c.post("bad line".getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(new RawHttpConnection.Answer(400, "{\"error\":\"bad line\"}"));
            assertThat(c.post("close please".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
            assertThat(c.post("cpu v=3 3".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(204);
        }
        assertThat(received).containsExactly(
                "POST /write?db=bench&precision=ns text/plain; charset=utf-8 cpu v=1 1",
                "POST /write?db=bench&precision=ns text/plain; charset=utf-8 cpu v=2 2",
                "POST /write?db=bench&precision=ns text/plain; charset=utf-8 bad line",
                "POST /write?db=bench&precision=ns text/plain; charset=utf-8 close please",
                "POST /write?db=bench&precision=ns text/plain; charset=utf-8 cpu v=3 3");
        // one connection for the first four requests, a new one after the server asked to close
        assertThat(peers.subList(0, 4)).containsOnly(peers.get(0));
        assertThat(peers.get(4)).isNotEqualTo(peers.get(0));
    }
}
