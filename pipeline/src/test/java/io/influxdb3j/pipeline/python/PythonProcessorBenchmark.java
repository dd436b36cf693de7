package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Processor;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Python processor throughput per interpreter mode: a benchmark, not a test. The workload is
 * rp-connect-python's own ({@code benchmark/python_reverse.yaml}): messages {@code {"text": <~350
 * characters of lorem ipsum>}} in batches, and the script {@code this = content().decode();
 * root.text = this[::-1]}. {@code pipeline.threads} workers call one shared processor, as the runner
 * does. Besides messages per second it reports the process CPU time used, so "per core" figures
 * hold on a machine shared with other work.
 *
 * <pre>
 *   java -cp ... io.influxdb3j.pipeline.python.PythonProcessorBenchmark [threads] [batch size] [seconds per mode]
 * </pre>
 * Reference: 204k msg/s in isolated mode on 16 vCPU (about 12.8k per vCPU), rp-connect-python v1.4.1.
 */
public final class PythonProcessorBenchmark {
    private static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco "
            + "laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate "
            + "velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident.";
    private static final String SCRIPT = "this = content().decode()\nroot.text = this[::-1]\n";

    private PythonProcessorBenchmark() {}

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        List<Message> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            batch.add(Message.ofString("{\"text\":\"" + LOREM + "\"}"));
        }
        System.out.printf("python processor, %d pipeline thread(s), batches of %d, %d cores available%n", threads,
                batchSize, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-16s %12s %10s %16s%n", "mode", "msg/s", "CPU cores", "msg/s per core");
        for (PythonMode mode : PythonMode.values()) {
            try (Processor processor = TestingPython.processor(TestingPython.config(SCRIPT, "mode: " + mode.configName()),
                    threads)) {
                String check = processor.processBatch(batch).getFirst().getFirst().contentAsString();
                if (!check.startsWith("{\"text\": \"}\\\".tnediorp non")) {
                    throw new IllegalStateException("unexpected output " + check);
                }
                measure(processor, batch, threads, Math.min(2, seconds)); // warm-up
                Result result = measure(processor, batch, threads, seconds);
                System.out.printf("%-16s %12.0f %10.2f %16.0f%n", mode.configName(), result.messagesPerSecond(),
                        result.cores(), result.messagesPerSecond() / result.cores());
            }
        }
        System.exit(0);
    }

    private record Result(double messagesPerSecond, double cores) {}

    private static Result measure(Processor processor, List<Message> batch, int threads, double seconds) throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        AtomicBoolean stop = new AtomicBoolean();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Future<Long>> counts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counts.add(workers.submit(() -> {
                long messages = 0;
                while (!stop.get()) {
                    messages += processor.processBatch(batch).getFirst().size();
                }
                return messages;
            }));
        }
        Thread.sleep((long) (seconds * 1000));
        stop.set(true);
        long total = 0;
        for (Future<Long> count : counts) {
            total += count.get();
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
        workers.shutdown();
        return new Result(total / wall, cpu / wall);
    }
}
