package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end ingest: the same TSBS cpu-only line protocol, generated up front, is POSTed by the same
 * number of concurrent clients to our server (a child JVM run like {@code influxdb3 serve}, file object store, durable writes) and to
 * QuestDB (a child JVM, ILP over HTTP). For each it reports how long until every request was
 * acknowledged and until every row was visible to a {@code count} query, and it checks that count.
 *
 * <p>Run from the repository root (JDK 21+, the JVM flags are for DuckDB and Arrow in our server):
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * ./mvnw -o -q -pl bench install -DskipTests \
 *   &amp;&amp; ./mvnw -o -q -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
 *   &amp;&amp; "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
 *        -cp bench/target/classes:$(cat bench/target/classpath.txt) \
 *        io.influxdb3j.bench.ingest.IngestBenchmark --hosts 100 --duration 12h --warmup-batches 16
 * </pre>
 * {@code --help} lists the options (clients, batch size, {@code --api v2}, {@code --systems}, ...).
 * Durable writes wait for the next WAL flush, so our acknowledged rate is bounded by
 * {@code clients x batch-lines / wal-flush-interval} (40,000 rows/s with the defaults): raise
 * {@code --clients} to see past it. Both servers start cold; {@code --warmup-batches} sends untimed
 * bodies to another table first, so a short run measures steady state rather than JIT compilation.
 * Exit status: 0 when every request was answered 204 and every count matched, 1 otherwise, 2 on a bad
 * command line.
 */
public final class IngestBenchmark {
    private static final PrintStream OUT = System.out;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    /** After the count first matches, it must still match this much later (nothing arrives twice). */
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final String WARMUP_MEASUREMENT = "cpu_warmup";

    /** Request bodies ready to send, with the line count of each. */
    record Workload(List<byte[]> bodies, int[] lines, long rows, long bytes) {
        static Workload of(List<byte[]> bodies) {
            int[] lines = new int[bodies.size()];
            long rows = 0;
            long bytes = 0;
            for (int i = 0; i < bodies.size(); i++) {
                lines[i] = TsbsCpuGenerator.lineCount(bodies.get(i));
                rows += lines[i];
                bytes += bodies.get(i).length;
            }
            return new Workload(bodies, lines, rows, bytes);
        }
    }

    /**
     * One system's run. {@code visibleNanos} is -1 when the rows never all became visible; {@code cpuNanos}
     * is the CPU this JVM (the clients) used plus the server's own process
     * used from the first request until every row was visible; {@code clientCpuNanos} and
     * {@code serverCpuNanos} split the CPU of the sending phase alone (first request to last answer).
     */
    record SystemResult(String system, String ackSemantics, long startupNanos, LineProtocolSender.Result send,
                        long visibleNanos, long finalCount, long cpuNanos, long clientCpuNanos, long serverCpuNanos,
                        double loadBefore, double loadAfter, List<String> problems) {
        boolean ok() {
            return problems.isEmpty();
        }
    }

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            OUT.print(BenchmarkOptions.USAGE);
            return;
        }
        System.exit(run(options) ? 0 : 1);
    }

    /** Runs the whole benchmark and prints the report; true when every check passed. */
    static boolean run(BenchmarkOptions options) throws IOException, InterruptedException {

        TsbsCpuGenerator generator = new TsbsCpuGenerator(options.hosts(), options.duration(), options.seed());
        long genStart = System.nanoTime();
        Workload measured = Workload.of(generator.batches(options.batchLines()));
        long genNanos = System.nanoTime() - genStart;
        // Another table and other values, so the warm-up neither adds to nor deduplicates with the measured rows.
        Workload warmup = Workload.of(new TsbsCpuGenerator(options.hosts(), options.duration(), options.seed() + 1,
                TsbsCpuGenerator.DEFAULT_START_NANOS, WARMUP_MEASUREMENT).batches(options.batchLines(), options.warmupBatches()));
        printConfiguration(options, generator, measured, warmup, genNanos);

        List<SystemResult> results = new ArrayList<>();
        for (String system : options.systems()) {
            OUT.printf(Locale.ROOT, "%n-- %s: starting%n", system);
            SystemResult r = runOne(system, options, measured, warmup);
            results.add(r);
            OUT.printf(Locale.ROOT, "-- %s: %s rows in %.2f s acknowledged, %s visible, count %,d, load average %.1f -> %.1f%s%n",
                    system, count(r.send().rowsAcknowledged()), seconds(r.send().elapsedNanos()),
                    r.visibleNanos() < 0 ? "not all" : String.format(Locale.ROOT, "%.2f s", seconds(r.visibleNanos())),
                    r.finalCount(), r.loadBefore(), r.loadAfter(), r.ok() ? "" : "  FAILED: " + String.join("; ", r.problems()));
        }
        printResults(measured.rows(), results);
        return results.stream().allMatch(SystemResult::ok);
    }

    private static SystemResult runOne(String system, BenchmarkOptions options, Workload measured, Workload warmup)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            long startupStart = System.nanoTime();
            IngestTarget target = switch (system) {
                case BenchmarkOptions.INFLUXDB3J -> InfluxDb3jTarget.start(options.api(), options.noSync(),
                        options.walFlushInterval(), options.keepData(), options.verbose() ? "info" : "warn", http);
                case BenchmarkOptions.QUESTDB -> QuestDbTarget.start(options.questDbPort(), options.questDbCommitMode(),
                        options.keepData(), http);
                default -> throw new IllegalArgumentException("unknown system " + system);
            };
            try (target) {
                long startupNanos = System.nanoTime() - startupStart;
                OUT.printf(Locale.ROOT, "-- %s: up in %.1f s, writing to %s%n", system, seconds(startupNanos), target.writeUri());
                LineProtocolSender sender = new LineProtocolSender(http, options.clients(), !options.jdkClient());
                List<String> problems = new ArrayList<>();
                if (!warmup.bodies().isEmpty()) {
                    LineProtocolSender.Result w = sender.send(target.writeUri(), warmup.bodies(), warmup.lines());
                    OUT.printf(Locale.ROOT, "-- %s: warm-up, %s rows into %s in %.2f s (not timed)%n", system,
                            count(w.rowsAcknowledged()), WARMUP_MEASUREMENT, seconds(w.elapsedNanos()));
                    if (w.failedRequests() > 0) {
                        problems.add("warm-up: " + w.failedRequests() + " requests not answered 204, e.g. " + w.failures());
                    }
                }
                double loadBefore = loadAverage();
                long clientCpuBefore = processCpuNanos();
                long serverCpuBefore = target.outOfProcessCpuNanos();
                long cpuBefore = clientCpuBefore + serverCpuBefore;
                LineProtocolSender.Result send = sender.send(target.writeUri(), measured.bodies(), measured.lines());
                long clientCpu = processCpuNanos() - clientCpuBefore;
                long serverCpu = target.outOfProcessCpuNanos() - serverCpuBefore;
                if (send.failedRequests() > 0) {
                    problems.add(send.failedRequests() + " of " + send.requests() + " requests not answered 204, e.g. "
                            + send.failures());
                }
                long[] visible = awaitVisible(target, send.rowsAcknowledged(), send.startNanos(), options.visibilityTimeout());
                long cpuNanos = processCpuNanos() + target.outOfProcessCpuNanos() - cpuBefore;
                double loadAfter = loadAverage();
                long visibleNanos = visible[0];
                long finalCount = visible[1];
                if (finalCount != measured.rows()) {
                    problems.add("count(*) is " + count(finalCount) + ", expected " + count(measured.rows()));
                }
                if (options.keepData()) {
                    OUT.printf("-- %s: data kept in %s%n", system, target.dataDir());
                }
                return new SystemResult(system, target.ackSemantics(), startupNanos, send, visibleNanos, finalCount,
                        cpuNanos, clientCpu, serverCpu, loadBefore, loadAfter, List.copyOf(problems));
            }
        }
    }

    /**
     * Polls the row count until it reaches {@code expected}, then checks it still holds after {@link #SETTLE}.
     * Gives up when the count has not changed for {@code stallTimeout}.
     *
     * @return {nanoseconds from {@code sendStart} until the count first reached {@code expected} (-1 if never),
     *         the last count seen}
     */
    private static long[] awaitVisible(IngestTarget target, long expected, long sendStart, Duration stallTimeout)
            throws IOException, InterruptedException {
        long last = -1;
        long lastChange = System.nanoTime();
        while (true) {
            long c = target.countRows();
            long now = System.nanoTime();
            if (c != last) {
                last = c;
                lastChange = now;
            }
            if (c >= expected) {
                long visibleNanos = now - sendStart;
                Thread.sleep(SETTLE.toMillis());
                long settled = target.countRows();
                return new long[] {visibleNanos, settled};
            }
            if (now - lastChange > stallTimeout.toNanos()) {
                return new long[] {-1, c};
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    private static void printConfiguration(BenchmarkOptions o, TsbsCpuGenerator g, Workload measured, Workload warmup,
                                           long genNanos) {
        Runtime rt = Runtime.getRuntime();
        OUT.println("== ingest benchmark: TSBS cpu-only line protocol over HTTP ==");
        OUT.printf(Locale.ROOT, "data set : %d hosts x %s = %s rows (%,d per host, 10 s apart from 2016-01-01T00:00Z), seed %d%n",
                g.hosts(), human(o.duration()), count(g.rowCount()), g.rowsPerHost(), o.seed());
        OUT.printf(Locale.ROOT,
                "batches  : %,d bodies of <= %,d lines, %.1f MB in all (%.0f bytes/row), generated in %.2f s before timing%n",
                measured.bodies().size(), o.batchLines(), measured.bytes() / 1e6, (double) measured.bytes() / measured.rows(),
                seconds(genNanos));
        OUT.printf(Locale.ROOT, "warm-up  : %s%n", warmup.bodies().isEmpty() ? "none"
                : String.format(Locale.ROOT, "%,d bodies (%s rows) into %s, untimed", warmup.bodies().size(),
                        count(warmup.rows()), WARMUP_MEASUREMENT));
        OUT.printf(Locale.ROOT, "clients  : %d concurrent (%s, closed loop)%n", o.clients(),
                o.jdkClient() ? "java.net.http.HttpClient, HTTP/1.1" : "one keep-alive HTTP/1.1 socket each");
        OUT.printf(Locale.ROOT, "ours     : influxdb3j child JVM (scripts/jvm.options), file object store, %s, wal flush interval %s%s%n",
                o.api().path(), human(o.walFlushInterval()), o.noSync() ? ", no_sync=true" : "");
        OUT.printf(Locale.ROOT, "questdb  : %s as a child JVM, /write?precision=ns, cairo.commit.mode=%s%n",
                QuestDbTarget.questDbJar().getFileName(), o.questDbCommitMode());
        OUT.printf(Locale.ROOT, "JVM      : %s %s (%s), max heap %.1f GB%n", System.getProperty("java.vm.name"),
                Runtime.version(), System.getProperty("java.vendor"), rt.maxMemory() / 1e9);
        OUT.printf(Locale.ROOT, "machine  : %d cores, %s %s, load average %.1f%n", rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), loadAverage());
    }

    private static void printResults(long expectedRows, List<SystemResult> results) {
        OUT.println();
        OUT.println("== results ==");
        OUT.printf(Locale.ROOT, "%-11s %11s %8s %12s %9s %14s %8s %8s %8s %7s %7s %7s  %s%n", "system", "rows", "ack s",
                "ack rows/s", "visible s", "visible rows/s", "p50 ms", "p99 ms", "cpu s", "us/row", "srv us", "cli us",
                "count check");
        for (SystemResult r : results) {
            LineProtocolSender.Result s = r.send();
            OUT.printf(Locale.ROOT, "%-11s %11s %8.2f %12s %9s %14s %8.1f %8.1f %8.1f %7.1f %7.2f %7.2f  %s%n", r.system(),
                    count(s.rowsAcknowledged()), seconds(s.elapsedNanos()), count(rate(s.rowsAcknowledged(), s.elapsedNanos())),
                    r.visibleNanos() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", seconds(r.visibleNanos())),
                    r.visibleNanos() < 0 ? "-" : count(rate(expectedRows, r.visibleNanos())),
                    s.latencyPercentileNanos(50) / 1e6, s.latencyPercentileNanos(99) / 1e6,
                    seconds(r.cpuNanos()), r.cpuNanos() / 1e3 / expectedRows,
                    r.serverCpuNanos() / 1e3 / expectedRows, r.clientCpuNanos() / 1e3 / expectedRows,
                    r.ok() ? "ok (" + count(r.finalCount()) + ")" : "FAILED: " + String.join("; ", r.problems()));
        }
        OUT.println("(cpu s, us/row: CPU of the benchmark JVM (clients) plus the server's process, first request to all"
                + " visible; srv us, cli us: server and client CPU per row while sending, first request to last answer)");
        for (SystemResult r : results) {
            OUT.printf(Locale.ROOT, "%-11s %s%n", r.system() + ":", r.ackSemantics());
        }
        SystemResult ours = find(results, BenchmarkOptions.INFLUXDB3J);
        SystemResult questDb = find(results, BenchmarkOptions.QUESTDB);
        if (ours != null && questDb != null) {
            double ack = (double) questDb.send().elapsedNanos() / ours.send().elapsedNanos();
            String visible = ours.visibleNanos() > 0 && questDb.visibleNanos() > 0
                    ? String.format(Locale.ROOT, "%.3f", (double) questDb.visibleNanos() / ours.visibleNanos())
                    : "-";
            OUT.printf(Locale.ROOT, "ratio influxdb3j/questdb (rows/s): acknowledged %.3f, visible %s; CPU per row %.2fx%n",
                    ack, visible, (double) ours.cpuNanos() / questDb.cpuNanos());
        }
    }

    private static SystemResult find(List<SystemResult> results, String system) {
        return results.stream().filter(r -> r.system().equals(system)).findFirst().orElse(null);
    }


    /** {@code 12h}, {@code 90m}, {@code 1s}, {@code 250ms}: the largest unit that divides the duration. */
    static String human(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long rate(long rows, long nanos) {
        return nanos <= 0 ? 0 : Math.round(rows / (nanos / 1e9));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
