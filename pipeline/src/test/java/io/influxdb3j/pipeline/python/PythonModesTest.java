package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.config;
import static io.influxdb3j.pipeline.python.TestingPython.processor;
import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Processor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PythonModesTest {
    private static final String SCRIPT = """
            import json, hashlib
            data = json.loads(content())
            root.word = data["word"][::-1]
            root.digest = hashlib.sha1(content()).hexdigest()[:8]
            root.nested.count = len(data["word"])
            meta["length"] = len(data["word"])
            if data["word"] == "drop":
                root = None
            """;

    @Test
    void everyModeGivesTheSameResultsOnTheSameScript() throws Exception {
        List<Message> input = new ArrayList<>();
        for (String word : List.of("alpha", "drop", "gamma", "délta")) {
            Message message = Message.ofString("{\"word\": \"" + word + "\"}");
            message.metadata().put("origin", "modes");
            input.add(message);
        }
        Map<PythonMode, List<String>> results = new EnumMap<>(PythonMode.class);
        for (PythonMode mode : PythonMode.values()) {
            try (Processor processor = processor(config(SCRIPT, "mode: " + mode.configName()), 2)) {
                List<String> rendered = new ArrayList<>();
                for (Message message : processor.processBatch(input).getFirst()) {
                    rendered.add(message.contentAsString() + " " + message.metadata());
                }
                results.put(mode, rendered);
            }
        }
        assertThat(results.get(PythonMode.GLOBAL)).hasSize(3)
                .first().asString().startsWith("{\"word\": \"ahpla\", \"digest\": \"")
                .endsWith("\"nested\": {\"count\": 5}} {origin=modes, length=5, _python_serializer=bloblang}");
        assertThat(results.get(PythonMode.ISOLATED)).isEqualTo(results.get(PythonMode.GLOBAL));
        assertThat(results.get(PythonMode.ISOLATED_LEGACY)).isEqualTo(results.get(PythonMode.GLOBAL));
    }

    @Test
    void isolatedProcessorsHaveOneInterpreterPerPipelineThread() throws Exception {
        try (PythonProcessor global = (PythonProcessor) processor(config("root = 1"), 3);
                PythonProcessor isolated = (PythonProcessor) processor(config("root = 1", "mode: isolated"), 3);
                PythonProcessor legacy = (PythonProcessor) processor(config("root = 1", "mode: isolated_legacy"), 2)) {
            assertThat(global.interpreters()).isEqualTo(1);
            assertThat(isolated.interpreters()).isEqualTo(3);
            assertThat(legacy.interpreters()).isEqualTo(2);
        }
    }

    // A CPU-bound script that reports the thread CPU time it used.
    private static final String SPIN = """
            import time
            start = time.thread_time()
            x = 0
            for i in range(int(content())):
                x += i
            root = time.thread_time() - start
            """;

    /**
     * Two pipeline threads run a CPU-bound script at once; CPU time used / wall time tells how many
     * cores were at work. With own GILs the two scripts run in parallel: as much parallelism as two
     * plain Java threads get on this machine at the same moment (measured in alternate rounds, so
     * load from other processes affects both alike), and more than one core whenever the Java
     * threads get more than one. With one shared GIL the ratio cannot exceed 1, however idle or
     * loaded the machine is.
     */
    @Test
    void isolatedModeUsesMoreThanOneCoreAndLegacyModeDoesNot() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Processor isolated = processor(config(SPIN, "mode: isolated"), 2);
                Processor legacy = processor(config(SPIN, "mode: isolated_legacy"), 2)) {
            double java = 0;
            double isolatedRatio = 0;
            double legacyRatio = 0;
            for (int round = 0; round < 10 && isolatedRatio <= 1.3; round++) {
                java = Math.max(java, cpuToWall(threads, PythonModesTest::javaSpin));
                isolatedRatio = Math.max(isolatedRatio, cpuToWall(threads, () -> pythonSpin(isolated)));
                if (round < 2) {
                    legacyRatio = Math.max(legacyRatio, cpuToWall(threads, () -> pythonSpin(legacy)));
                }
            }
            assertThat(isolatedRatio).as("CPU/wall in isolated mode, with Java threads at %.2f", java)
                    .isGreaterThan(Math.min(1.3, 0.75 * java));
            assertThat(legacyRatio).as("CPU/wall in isolated_legacy mode").isLessThan(1.1);
        } finally {
            threads.shutdownNow();
        }
    }

    // Runs task on two threads at once; returns the CPU seconds both used / the wall seconds.
    private static double cpuToWall(ExecutorService threads, Callable<Double> task) throws Exception {
        long start = System.nanoTime();
        Future<Double> first = threads.submit(task);
        Future<Double> second = threads.submit(task);
        double cpu = first.get() + second.get();
        return cpu / ((System.nanoTime() - start) / 1e9);
    }

    private static double pythonSpin(Processor processor) throws Exception {
        return Double.parseDouble(processor.processBatch(List.of(Message.ofString("2000000")))
                .getFirst().getFirst().contentAsString());
    }

    private static double javaSpin() {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        long cpuStart = bean.getCurrentThreadCpuTime();
        long wallEnd = System.nanoTime() + 250_000_000L;
        long x = 0;
        while (System.nanoTime() < wallEnd) {
            for (int i = 0; i < 10_000; i++) {
                x += i ^ (x >>> 3);
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
        return (bean.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    }
}
