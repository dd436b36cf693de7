package io.influxdb3j.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.PipelineException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PipelineRunnerTest {
    @TempDir
    Path dir;

    @Test
    void stdinThroughProcessorsToStdoutEndsWithExitZeroInInputOrder() {
        StringBuilder in = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            in.append("line ").append(i).append('\n');
            expected.append("LINE ").append(i).append(" (YES)\n");
        }
        TestingPipeline p = TestingPipeline.build("""
                input:
                  stdin: {}
                pipeline:
                  threads: 4
                  processors:
                    - testing_upper: {}
                    - mapping: 'root = content().string() + " (" + meta("upper").uppercase() + ")"'
                output:
                  stdout: {}
                http:
                  enabled: false
                logger:
                  level: OFF
                """, in.toString(), new TestingComponents.Upper());
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo(expected.toString());
        assertThat(p.runner.metrics().inputReceived()).isEqualTo(200);
    }

    @Test
    void stdoutAddsANewlineOnlyWhenMissingAndCrLfLinesAreTrimmed() {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  stdin: {}
                pipeline:
                  processors:
                    - mapping: 'root = if content().string() == "b" { "b\\n" } else { content() }'
                output:
                  stdout: {}
                http: {enabled: false}
                """, "a\r\nb\n\nc", new TestingComponents.Upper());
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("a\nb\n\nc\n");
    }

    @Test
    void aFailingProcessorFlagsTheBatchAndThePipelineGoesOn() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input:
                  stdin: {}
                pipeline:
                  processors:
                    - testing_upper: {fail_on: bad}
                output:
                  testing_flaky: {}
                http: {enabled: false}
                """, "ok\nbad one\nfine\n", new TestingComponents.Upper(), out);
        assertThat(p.run()).isZero();
        assertThat(out.delivered).containsExactly("OK", "bad one [error: cannot handle 'bad one']", "FINE");
        assertThat(p.runner.metrics().processorErrors()).isEqualTo(1);
    }

    @Test
    void droppedMessagesAreAckedAndNothingIsWritten() {
        TestingPipeline p = TestingPipeline.build("""
                input: {stdin: {}}
                pipeline: {processors: [{testing_upper: {drop: skip}}]}
                output: {stdout: {}}
                http: {enabled: false}
                """, "a\nskip\nb\n", new TestingComponents.Upper());
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("A\nB\n");
    }

    @Test
    void generateCountEndsTheInputAndTheSeedOutputExampleRuns() {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  generate:
                    count: 5
                    interval:
                    mapping: |
                      root = "hello world"
                output:
                  stdout: {}
                http:
                  enabled: false
                """, "");
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("hello world\n".repeat(5));
    }

    @Test
    void generateWithIntervalEmitsTheFirstBatchAtOnceThenOnePerInterval() {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  generate:
                    count: 3
                    interval: 150ms
                    mapping: |
                      root.title = "this is a test"
                      root.uuid = uuid_v4()
                      root.i = counter()
                output:
                  stdout: {}
                http:
                  enabled: false
                """, "");
        long start = System.nanoTime();
        assertThat(p.run()).isZero();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(280L, 5000L);
        String[] lines = p.out().split("\n");
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(lines[i]).matches("\\{\"i\":" + (i + 1) + ",\"title\":\"this is a test\",\"uuid\":\"[0-9a-f-]{36}\"}");
        }
    }

    @Test
    void generateBatchSizeMakesBatchesAndTheLastOneIsSmaller() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input:
                  generate: {count: 7, batch_size: 3, interval: "", mapping: 'root = counter()'}
                output: {testing_flaky: {}}
                http: {enabled: false}
                """, "", out);
        assertThat(p.run()).isZero();
        assertThat(out.batchSizes).containsExactly(3, 3, 1);
        assertThat(out.delivered).containsExactly("1", "2", "3", "4", "5", "6", "7");
    }

    @Test
    void fileInputExpandsGlobsAndCarriesPathMetadata() throws Exception {
        Files.createDirectories(dir.resolve("examples/sub"));
        Files.writeString(dir.resolve("examples/b.txt"), "b1\nb2\n");
        Files.writeString(dir.resolve("examples/a.txt"), "a1\n");
        Files.writeString(dir.resolve("examples/skip.yaml"), "x\n");
        Files.writeString(dir.resolve("examples/sub/c.txt"), "c1");
        TestingPipeline p = TestingPipeline.build("""
                input:
                  file:
                    paths: [ ./examples/*.txt, "examples/**/c.txt" ]
                pipeline:
                  processors:
                    - mapping: |
                        root.line = content().string()
                        root.path = meta("path")
                        root.mod = metadata("mod_time_unix") > 0
                output:
                  stdout: {}
                http: {enabled: false}
                """, "", dir, Optional.empty());
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("""
                {"line":"a1","mod":true,"path":"examples/a.txt"}
                {"line":"b1","mod":true,"path":"examples/b.txt"}
                {"line":"b2","mod":true,"path":"examples/b.txt"}
                {"line":"c1","mod":true,"path":"examples/sub/c.txt"}
                """);
    }

    @Test
    void fileInputToTheEndReadsWholeFilesAndDeletesThemWhenAsked() throws Exception {
        Files.writeString(dir.resolve("one.txt"), "first\nfile\n");
        TestingPipeline p = TestingPipeline.build("""
                input:
                  file:
                    paths: [ "*.txt" ]
                    scanner:
                      to_the_end: {}
                    delete_on_finish: true
                pipeline:
                  processors:
                    - mapping: 'root = {"path": @path, "text": content().string()}'
                output: {stdout: {}}
                http: {enabled: false}
                """, "", dir, Optional.empty());
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("{\"path\":\"one.txt\",\"text\":\"first\\nfile\\n\"}\n");
        assertThat(dir.resolve("one.txt")).doesNotExist();
    }

    @Test
    void aMissingInputFileIsAnErrorNamingIt() {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  file:
                    paths: [ ./nope.txt ]
                http: {enabled: false}
                """, "", dir, Optional.empty());
        assertThatThrownBy(p::run).isInstanceOf(PipelineException.class)
                .hasMessage("test.yaml(2,3) input.file: input file: cannot read ./nope.txt: no such file");
    }

    @Test
    void failedWritesAreReplayedUntilDelivered() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input: {stdin: {}}
                output: {testing_flaky: {failures: 3}}
                http: {enabled: false}
                """, "one\ntwo\n", out);
        assertThat(p.run()).isZero();
        assertThat(out.delivered).containsExactlyInAnyOrder("one", "two");
        assertThat(p.runner.metrics().outputErrors()).isEqualTo(3);
    }

    @Test
    void withoutAutoReplayAFailedWriteIsNotRetried() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input: {stdin: {auto_replay_nacks: false}}
                output: {testing_flaky: {failures: 1}}
                http: {enabled: false}
                """, "one\ntwo\n", out);
        assertThat(p.run()).isZero();
        assertThat(out.delivered).containsExactly("two");
    }

    @Test
    void batchingCollectsByCountAndFlushesTheRestAtTheEnd() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {count: 10, interval: "", mapping: 'root = counter()'}}
                output:
                  testing_flaky:
                    batching: {count: 4}
                http: {enabled: false}
                """, "", out);
        assertThat(p.run()).isZero();
        assertThat(out.batchSizes).containsExactly(4, 4, 2);
        assertThat(out.delivered).hasSize(10);
    }

    @Test
    void batchingCanCollectMoreMessagesThanThePipelineHoldsInFlight() {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {count: 250, interval: "", mapping: 'root = counter()'}}
                output:
                  testing_flaky:
                    batching: {count: 200}
                http: {enabled: false}
                """, "", out);
        assertThat(p.run()).isZero();
        assertThat(out.batchSizes).containsExactly(200, 50);
    }

    @Test
    void batchingPeriodFlushesAnIncompleteBatch() throws Exception {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {interval: 1h, mapping: 'root = "tick"'}}
                output:
                  testing_flaky:
                    batching: {count: 100, period: 100ms}
                http: {enabled: false}
                """, "", out);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(p::run);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (out.delivered.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(out.delivered).containsExactly("tick");
        p.runner.stop();
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void stopDrainsAndExitsZero() throws Exception {
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {interval: 5ms, mapping: 'root = counter()'}}
                output: {stdout: {}}
                http: {enabled: false}
                """, "");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(p::run);
        while (p.out().split("\n").length < 5) {
            Thread.sleep(10);
        }
        p.runner.stop();
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        String[] lines = p.out().split("\n");
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Integer.toString(i + 1));
        }
    }

    @Test
    void aShutdownThatOverrunsShutdownTimeoutExitsOne() throws Exception {
        TestingComponents.Flaky out = new TestingComponents.Flaky();
        out.block = new CountDownLatch(1);
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {interval: 10ms, mapping: 'root = "x"'}}
                output: {testing_flaky: {}}
                http: {enabled: false}
                shutdown_timeout: 300ms
                """, "", out);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(p::run);
        Thread.sleep(200);
        long start = System.nanoTime();
        p.runner.stop();
        assertThat(code.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 5000L);
        out.block.countDown();
    }

    @Test
    void httpServerInputOnItsOwnAddressDeliversAndAnswers() throws Exception {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  http_server:
                    address: 127.0.0.1:0
                    path: /ingest
                pipeline:
                  processors:
                    - mapping: |
                        root.body = content().string()
                        root.verb = meta("http_server_verb")
                        root.path = meta("http_server_request_path")
                        root.q = meta("source")
                        root.header = meta("X-Trace")
                output: {stdout: {}}
                http: {enabled: false}
                """, "");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(p::run);
        int port = awaitPort(() -> ((io.influxdb3j.pipeline.components.HttpServerInput) p.runner.input()).port());
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest?source=test"))
                .header("x-trace", "abc").POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ingest")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        p.runner.stop();
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(p.out()).isEqualTo("{\"body\":\"hello\",\"header\":\"abc\",\"path\":\"/ingest\",\"q\":\"test\",\"verb\":\"POST\"}\n");
    }

    @Test
    void httpServerInputWithoutAddressUsesTheServiceWideServer() throws Exception {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  http_server: {}
                output: {stdout: {}}
                http:
                  address: 127.0.0.1:0
                """, "");
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(p::run);
        int port = awaitPort(p.runner::httpPort);
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/ping")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("pong");
        for (String path : new String[] {"/post", "/benthos/post"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + path))
                    .POST(HttpRequest.BodyPublishers.ofString("via " + path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base + "/ready")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .contains("input_received 2").contains("output_sent 2");
        p.runner.stop();
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(p.out()).isEqualTo("via /post\nvia /benthos/post\n");
    }

    @Test
    void httpServerInputNeedsTheServiceServerWhenItHasNoAddress() {
        TestingPipeline p = TestingPipeline.build("""
                input:
                  http_server: {path: /x}
                http: {enabled: false}
                """, "");
        assertThatThrownBy(p::run).isInstanceOf(PipelineException.class)
                .hasMessageContaining("input.http_server").hasMessageContaining("http.enabled: true");
    }

    @Test
    void fileOutputInterpolatesThePathPerMessage() throws Exception {
        TestingPipeline p = TestingPipeline.build("""
                input: {stdin: {}}
                pipeline:
                  processors:
                    - mapping: 'meta group = content().string().slice(0, 1)'
                output:
                  file:
                    path: 'out/${! meta("group") }.txt'
                http: {enabled: false}
                """, "a1\nb1\na2\n", dir, Optional.empty());
        assertThat(p.run()).isZero();
        assertThat(Files.readString(dir.resolve("out/a.txt"))).isEqualTo("a1\na2\n");
        assertThat(Files.readString(dir.resolve("out/b.txt"))).isEqualTo("b1\n");
    }

    @Test
    void dropOutputDeliversEverything() {
        TestingPipeline p = TestingPipeline.build("""
                input: {generate: {count: 100, interval: "", batch_size: 10, mapping: 'root = counter()'}}
                output: {drop: {}}
                http: {enabled: false}
                """, "");
        assertThat(p.run()).isZero();
        assertThat(p.runner.metrics().outputSent()).isEqualTo(100);
    }

    @Test
    void resourcesAreResolvedByLabel() {
        TestingPipeline p = TestingPipeline.build("""
                input: {resource: src}
                input_resources:
                  - label: src
                    generate: {count: 2, interval: "", mapping: 'root = "r" + counter().string()'}
                pipeline:
                  processors: [{resource: up}]
                processor_resources:
                  - label: up
                    mapping: 'root = content().string().uppercase()'
                http: {enabled: false}
                """, "");
        assertThat(p.run()).isZero();
        assertThat(p.out()).isEqualTo("R1\nR2\n");
    }

    private static int awaitPort(java.util.function.IntSupplier port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (port.getAsInt() <= 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server did not start");
            }
            Thread.sleep(10);
        }
        return port.getAsInt();
    }
}
