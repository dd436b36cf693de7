package io.influxdb3j.bench.engine;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.engine.Plugin;
import io.influxdb3j.engine.PluginLoader;
import io.influxdb3j.engine.PluginRunResult;
import io.influxdb3j.engine.PluginRunner;
import io.influxdb3j.engine.TableBatchView;
import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import io.influxdb3j.server.WalBatchViews;
import io.influxdb3j.wal.ColumnData;
import io.influxdb3j.wal.TableBatch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The processing engine's three benchmark figures (issue 3), each next to a reference measured in the
 * same run:
 * <ol>
 *   <li>a 100k-row WAL flush turned into {@code table_batches} and handed to a plugin (rows/s);
 *       reference: building the same rows as Java objects only;</li>
 *   <li>a trivial request trigger under concurrent HTTP load (req/s); reference: {@code /health} on the
 *       same server and client;</li>
 *   <li>two CPU-bound plugins at once, in the shared interpreter and each in an isolated one (speed-up).</li>
 * </ol>
 * Run: {@code java ... io.influxdb3j.bench.engine.EngineBenchmark [--rows 100000] [--iterations 10] [--seconds 10]
 * [--clients 8] [--only wal|request|isolated] [--sync]}; {@code --sync} makes the request trigger synchronous.
 */
public final class EngineBenchmark {
    public static void main(String[] args) throws Exception {
        int rows = 100_000;
        int seconds = 10;
        int clients = 8;
        String only = null;
        boolean sync = false;
        int iterations = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--only" -> only = args[++i];
                case "--sync" -> sync = true;
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("engine-bench");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.writeString(plugins.resolve("count_rows.py"), """
                def process_writes(influxdb3_local, table_batches, args=None):
                    n = 0
                    for b in table_batches:
                        n += len(b["rows"])
                    if n == 0:
                        raise ValueError("no rows")
                """);
        Files.writeString(plugins.resolve("pong.py"), """
                def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
                    return {"pong": True}
                """);
        Files.writeString(plugins.resolve("spin.py"), """
                def process_scheduled_call(influxdb3_local, call_time, args=None):
                    x = 0
                    for i in range(4_000_000):
                        x += i * i
                """);
        System.out.printf(Locale.ROOT, "cores: %d, java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        if (only == null || only.equals("wal")) {
            walFlush(plugins, rows, iterations);
        }
        if (only == null || only.equals("request")) {
            requestLoad(dir, plugins, seconds, clients, !sync);
        }
        if (only == null || only.equals("isolated")) {
            isolatedSpeedUp(plugins);
        }
    }

    // ------------------------------------------------------------------ 1. WAL flush -> table_batches

    static TableBatch cpuBatch(int rows, List<ColumnDef> columns) {
        String[] hosts = new String[rows];
        String[] regions = new String[rows];
        long[] time = new long[rows];
        List<ColumnData> data = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            hosts[r] = "host_" + (r % 100);
            regions[r] = "region_" + (r % 7);
            time[r] = 1_700_000_000_000_000_000L + r * 10_000_000_000L;
        }
        data.add(new ColumnData.Strings(1, ColumnType.TAG, hosts));
        data.add(new ColumnData.Strings(2, ColumnType.TAG, regions));
        BitSet all = new BitSet(rows);
        all.set(0, rows);
        for (int f = 0; f < 10; f++) {
            double[] v = new double[rows];
            for (int r = 0; r < rows; r++) {
                v[r] = (r * 31 + f) % 100 / 3.0;
            }
            data.add(new ColumnData.Doubles(3 + f, v, all));
        }
        columns.add(new ColumnDef(0, "time", ColumnType.TIME));
        columns.add(new ColumnDef(1, "hostname", ColumnType.TAG));
        columns.add(new ColumnDef(2, "region", ColumnType.TAG));
        for (int f = 0; f < 10; f++) {
            columns.add(new ColumnDef(3 + f, "usage_" + f, ColumnType.FLOAT));
        }
        return new TableBatch(0, "cpu", rows, time, data);
    }

    static void walFlush(Path plugins, int rows, int iterations) {
        List<ColumnDef> columns = new ArrayList<>();
        TableBatch batch = cpuBatch(rows, columns);
        TableSchema schema = new TableSchema(0, "cpu", columns, List.of(1, 2), false, null);
        PluginRunner runner = new PluginRunner((db, lines, sync) -> { }, (t, l, m) -> { }, null, TimeProvider.SYSTEM,
                Duration.ofMinutes(5));
        Plugin plugin = new PluginLoader(plugins).load("bench", "count_rows.py");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // warm-up
        for (int i = 0; i < 3; i++) {
            check(runner.runWal(plugin, "db", List.of(WalBatchViews.columnar(schema, batch)), null));
        }
        // Each flush timed on its own (wall clock and this thread's CPU time: the main interpreter runs
        // on the calling thread), since the figures are noisy on a shared machine.
        long[] wall = new long[iterations];
        long[] cpu = new long[iterations];
        long[] faults = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long f0 = minorFaults();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            check(runner.runWal(plugin, "db", List.of(WalBatchViews.columnar(schema, batch)), null));
            wall[i] = System.nanoTime() - t0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
            faults[i] = minorFaults() - f0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        Arrays.sort(faults);
        // Reference: the same rows converted one value at a time through the C API (the first design).
        long rowNanos = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t0 = System.nanoTime();
            TableBatchView view = WalBatchViews.view(schema, batch);
            check(runner.runWal(plugin, "db", List.of(view), null));
            rowNanos = Math.min(rowNanos, System.nanoTime() - t0);
        }
        double best = rows / (wall[0] / 1e9);
        double perValue = rows / (rowNanos / 1e9);
        System.out.printf(Locale.ROOT, "WAL flush of %,d rows (2 tags, 10 floats) into table_batches + plugin call: "
                        + "%,.0f rows/s best (%.1f ms per flush), median %,.0f rows/s (%.1f ms); thread CPU best "
                        + "%.1f ms, median %.1f ms (%,.0f rows/s of CPU); page faults per flush median %d; "
                        + "value-by-value conversion %,.0f rows/s best (ratio %.1f)%n",
                rows, best, wall[0] / 1e6, rows / (wall[iterations / 2] / 1e9), wall[iterations / 2] / 1e6,
                cpu[0] / 1e6, cpu[iterations / 2] / 1e6, rows / (cpu[0] / 1e9), faults[iterations / 2], perValue,
                best / perValue);
    }

    /** This thread's minor page faults so far (Linux), or -1. */
    static long minorFaults() {
        try {
            String[] f = Files.readString(Path.of("/proc/thread-self/stat")).split("\\) ")[1].split(" ");
            return Long.parseLong(f[7]);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void check(PluginRunResult result) {
        if (result.error() != null) {
            throw new IllegalStateException("plugin failed: " + result.error().message());
        }
    }

    // ------------------------------------------------------------------ 2. request trigger under load

    static void requestLoad(Path dir, Path plugins, int seconds, int clients, boolean runAsync) throws Exception {
        ServeConfig config = ServeConfig.defaults().withNodeId("bench").withDataDir(dir.resolve("data"))
                .withHttpBind("127.0.0.1:0").withoutAuth(true).withPluginDir(plugins);
        try (InfluxServer server = InfluxServer.start(config)) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            send(http, "POST", base + "/api/v3/configure/database", "{\"db\":\"bench\"}");
            send(http, "POST", base + "/api/v3/configure/processing_engine_trigger", "{\"db\":\"bench\","
                    + "\"plugin_filename\":\"pong.py\",\"trigger_name\":\"pong\",\"trigger_specification\":\"request:pong\","
                    + "\"trigger_settings\":{\"run_async\":" + runAsync + ",\"error_behavior\":\"log\"},\"disabled\":false}");
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v3/engine/pong"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 || !answer.body().equals("{\"pong\": true}")) {
                throw new IllegalStateException("the request trigger answered " + answer.statusCode() + " "
                        + answer.body());
            }
            boolean wrk = Files.isExecutable(Path.of("/usr/bin/wrk"));
            String client = wrk ? "wrk, " + clients + " connections" : clients + " JDK HttpClient threads in the same JVM";
            if (wrk) {
                wrk(base + "/health", 4, clients); // warm-up (JIT)
                wrk(base + "/api/v3/engine/pong", 4, clients);
            } else {
                load(http, base + "/health", 2, clients);
                load(http, base + "/api/v3/engine/pong", 2, clients);
            }
            // /health before and after the trigger (the machine's load drifts); the server's own CPU
            // time per request is the steadier figure when other work shares the cores.
            double[] health1 = measured(wrk, http, base + "/health", seconds, clients);
            double[] pong = measured(wrk, http, base + "/api/v3/engine/pong", seconds, clients);
            double[] health2 = measured(wrk, http, base + "/health", seconds, clients);
            double health = (health1[0] + health2[0]) / 2;
            double healthCpu = (health1[1] + health2[1]) / 2;
            System.out.printf(Locale.ROOT, "request trigger (%s, %s): %,.0f req/s, server CPU %.0f us/req; /health on "
                            + "the same server %,.0f req/s (%,.0f before, %,.0f after), %.0f us/req (ratio %.2f)%n",
                    runAsync ? "run_async" : "synchronous", client, pong[0], pong[1], health, health1[0], health2[0],
                    healthCpu, pong[0] / health);
        }
    }

    /** {req/s, server CPU microseconds per request} for one load run. */
    private static double[] measured(boolean wrk, HttpClient http, String url, int seconds, int clients)
            throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double rate = wrk ? wrk(url, seconds, clients) : load(http, url, seconds, clients);
        long cpu = os.getProcessCpuTime() - cpu0;
        return new double[] {rate, cpu / 1000.0 / (rate * seconds)};
    }

    private static void send(HttpClient http, String method, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).method(method,
                HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + r.statusCode() + " " + r.body());
        }
    }

    /** Requests/s that wrk reports, failing on non-2xx answers. */
    private static double wrk(String url, int seconds, int connections) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        if (out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk saw errors on " + url + ":\n" + out);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("no wrk figure for " + url + ":\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double load(HttpClient http, String url, int seconds, int clients) throws Exception {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(url + " answered " + r.statusCode());
                        }
                        done.increment();
                    } catch (Exception e) {
                        stop.set(true);
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    // ------------------------------------------------------------------ 3. isolated vs shared

    static void isolatedSpeedUp(Path plugins) {
        PluginLoader loader = new PluginLoader(plugins);
        PluginRunner shared = new PluginRunner((db, lines, sync) -> { }, (t, l, m) -> { }, null, TimeProvider.SYSTEM,
                Duration.ofMinutes(5));
        try (PluginRunner isoA = PluginRunner.isolated("bench-a", (db, lines, sync) -> { }, (t, l, m) -> { }, null,
                TimeProvider.SYSTEM, Duration.ofMinutes(5));
             PluginRunner isoB = PluginRunner.isolated("bench-b", (db, lines, sync) -> { }, (t, l, m) -> { }, null,
                     TimeProvider.SYSTEM, Duration.ofMinutes(5))) {
            Plugin a = loader.load("a", "spin.py");
            Plugin b = loader.load("b", "spin.py");
            pair(shared, shared, a, b); // warm-up
            pair(isoA, isoB, a, b);
            long t0 = System.nanoTime();
            check(shared.runSchedule(a, "db", Instant.EPOCH, null));
            long t1 = System.nanoTime();
            check(isoA.runSchedule(a, "db", Instant.EPOCH, null));
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "one CPU-bound call alone: shared %.0f ms, isolated %.0f ms%n",
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            double sharedMs = 0;
            double isolatedMs = 0;
            for (int i = 0; i < 3; i++) {
                sharedMs += pair(shared, shared, a, b);
                isolatedMs += pair(isoA, isoB, a, b);
            }
            System.out.printf(Locale.ROOT, "two CPU-bound triggers at once: shared interpreter %.0f ms, isolated "
                    + "sub-interpreters %.0f ms (speed-up %.2fx on %d cores)%n", sharedMs / 3, isolatedMs / 3,
                    sharedMs / isolatedMs, Runtime.getRuntime().availableProcessors());
        }
    }

    private static double pair(PluginRunner first, PluginRunner second, Plugin a, Plugin b) {
        long start = System.nanoTime();
        CompletableFuture<PluginRunResult> fa = CompletableFuture.supplyAsync(
                () -> first.runSchedule(a, "db", Instant.EPOCH, null), r -> Thread.ofPlatform().start(r));
        CompletableFuture<PluginRunResult> fb = CompletableFuture.supplyAsync(
                () -> second.runSchedule(b, "db", Instant.EPOCH, null), r -> Thread.ofPlatform().start(r));
        check(fa.join());
        check(fb.join());
        return (System.nanoTime() - start) / 1e6;
    }
}
