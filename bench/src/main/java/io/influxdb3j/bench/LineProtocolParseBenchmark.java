package io.influxdb3j.bench;

import io.influxdb3j.lp.LineError;
import io.influxdb3j.lp.LineProtocolParser;
import io.influxdb3j.lp.LineSink;
import io.influxdb3j.lp.ParsedLine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Line protocol parsing throughput on a TSBS cpu-only style body: measurement {@code cpu}, ten tags,
 * ten float fields, nanosecond timestamps, about 10 MB. One operation parses the whole body; the
 * {@code mbPerSecond} counter reports the rate in MB (10^6 bytes) per second directly.
 *
 * <ul>
 *   <li>{@code writePath}: the figure that counts. The sink makes exactly the calls the server's write
 *       path ({@code storage/WriteValidator}) makes on each line: the measurement, every tag key and
 *       field key compared by identity with the previous line's (as its per-slot column lookup does),
 *       every tag value as a String and every field value stored into column arrays, and the timestamp;
 *   <li>{@code everyValue}: the sink reads every name and tag value as a String, every float, the
 *       timestamp and the series hash, as the write path does;
 *   <li>{@code numbersOnly}: the sink reads only the floats, the timestamp and the series hash, which
 *       isolates the parse itself from the name caches. The write path does not work this way (it
 *       reads every name and tag value), so this is not the figure to compare with the target.
 * </ul>
 *
 * <pre>java -jar bench/target/benchmarks.jar LineProtocolParse -f 1 -wi 2 -i 3 -w 2s -r 2s</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineProtocolParseBenchmark {
    private static final String[] REGIONS = {
        "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-southeast-2",
        "ap-northeast-1", "sa-east-1",
    };
    private static final String[] OS = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
    private static final String[] ARCH = {"x64", "x86"};
    private static final String[] TEAMS = {"SF", "NYC", "LON", "CHI"};
    private static final String[] ENVIRONMENTS = {"production", "staging", "test"};
    private static final String[] FIELDS = {
        "usage_user", "usage_system", "usage_idle", "usage_nice", "usage_iowait", "usage_irq", "usage_softirq",
        "usage_steal", "usage_guest", "usage_guest_nice",
    };

    @Param("10")
    public int megabytes;

    @Param("1000")
    public int hosts;

    private byte[] body;
    private LineProtocolParser parser;
    private EveryValueSink everyValue;
    private NumbersOnlySink numbersOnly;
    private WritePathSink writePath;

    /**
     * Reported per second by JMH, so the score of {@code mbPerSecond} is MB/s of wall time. Each
     * iteration also prints MB per second of the benchmark thread's CPU time, which stays meaningful
     * on a machine busy with other work (wall-clock rates then mostly measure the other work).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rate {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public double mbPerSecond;
        public long lines;
        private double megabytes;
        private long cpuStart;

        @Setup(Level.Iteration)
        public void reset() {
            mbPerSecond = 0;
            lines = 0;
            megabytes = 0;
            cpuStart = THREADS.getCurrentThreadCpuTime();
        }

        @TearDown(Level.Iteration)
        public void report() {
            double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf(" [%.0f MB per CPU-second]", megabytes / cpuSeconds);
        }

        void add(int bytes, long lineCount) {
            mbPerSecond += bytes / 1e6;
            megabytes += bytes / 1e6;
            lines += lineCount;
        }
    }

    @Setup
    public void setUp() {
        body = cpuOnlyBody(megabytes * 1_000_000, hosts, new Random(42));
        parser = new LineProtocolParser();
        everyValue = new EveryValueSink();
        numbersOnly = new NumbersOnlySink();
        writePath = new WritePathSink();
        parser.parse(body, 0, body.length, everyValue);
        if (everyValue.errors != 0) {
            throw new IllegalStateException("generated body has " + everyValue.errors + " invalid lines");
        }
        System.out.printf("%nbody: %,d bytes, %,d lines, %.1f bytes/line%n", body.length, everyValue.lines,
                (double) body.length / everyValue.lines);
    }

    @Benchmark
    public long everyValue(Rate rate) {
        EveryValueSink sink = everyValue;
        sink.lines = 0;
        parser.parse(body, 0, body.length, sink);
        rate.add(body.length, sink.lines);
        return sink.checksum;
    }

    @Benchmark
    public long writePath(Rate rate) {
        WritePathSink sink = writePath;
        sink.lines = 0;
        parser.parse(body, 0, body.length, sink);
        rate.add(body.length, sink.lines);
        return sink.checksum;
    }

    @Benchmark
    public long numbersOnly(Rate rate) {
        NumbersOnlySink sink = numbersOnly;
        sink.lines = 0;
        parser.parse(body, 0, body.length, sink);
        rate.add(body.length, sink.lines);
        return sink.checksum;
    }

    /** Reads everything a write needs; folding the (cached) string hashes into a checksum keeps the calls alive. */
    static final class EveryValueSink implements LineSink {
        long checksum;
        long lines;
        long errors;

        @Override
        public boolean onLine(ParsedLine line) {
            long h = line.seriesHash() ^ line.timestamp() ^ line.measurement().hashCode();
            for (int i = 0, n = line.tagCount(); i < n; i++) {
                h += line.tagKey(i).hashCode() ^ line.tagValue(i).hashCode();
            }
            for (int i = 0, n = line.fieldCount(); i < n; i++) {
                h += line.fieldKey(i).hashCode() ^ Double.doubleToRawLongBits(line.floatValue(i));
            }
            checksum += h;
            lines++;
            return true;
        }

        @Override
        public boolean onError(LineError error) {
            errors++;
            return true;
        }
    }

    /**
     * The calls {@code WriteValidator.Pass.onLine} makes on a line of an existing table, in its order,
     * with the same kind of use of each result: names compared by identity per slot, tag values and
     * numbers stored into per-column arrays (a ring of {@link #ROWS} rows, so the arrays stay the same).
     */
    static final class WritePathSink implements LineSink {
        private static final int ROWS = 4096;
        long checksum;
        long lines;
        private int row;
        private String measurement;
        private final String[] slotNames = new String[64];
        private final String[][] strings = new String[64][ROWS];
        private final double[][] doubles = new double[64][ROWS];
        private final long[][] longs = new long[64][ROWS];
        private final long[] times = new long[ROWS];

        @Override
        public boolean onLine(ParsedLine line) {
            lines++;
            String table = line.measurement();
            if (table != measurement) {
                measurement = table;
                checksum++;
            }
            int r = row++ & (ROWS - 1);
            times[r] = line.hasTimestamp() ? line.timestamp() : 0;
            int tags = line.tagCount();
            for (int i = 0; i < tags; i++) {
                slot(i, line.tagKey(i));
            }
            for (int i = 0; i < line.fieldCount(); i++) {
                slot(tags + i, line.fieldKey(i));
                line.fieldKind(i);
            }
            // The checks above resolved every slot's column; the rows are built from those.
            for (int i = 0; i < tags; i++) {
                strings[i][r] = line.tagValue(i);
            }
            for (int i = 0; i < line.fieldCount(); i++) {
                int c = tags + i;
                switch (line.fieldKind(i)) {
                    case FLOAT -> doubles[c][r] = line.floatValue(i);
                    case INTEGER, UINTEGER -> longs[c][r] = line.longValue(i);
                    case BOOLEAN -> longs[c][r] = line.booleanValue(i) ? 1 : 0;
                    case STRING -> strings[c][r] = line.stringValue(i);
                }
            }
            return true;
        }

        private void slot(int slot, String name) {
            if (slotNames[slot] != name) {
                slotNames[slot] = name;
                checksum++;
            }
        }

        @Override
        public boolean onError(LineError error) {
            return true;
        }
    }

    static final class NumbersOnlySink implements LineSink {
        long checksum;
        long lines;

        @Override
        public boolean onLine(ParsedLine line) {
            long h = line.seriesHash() ^ line.timestamp();
            for (int i = 0, n = line.fieldCount(); i < n; i++) {
                h += Double.doubleToRawLongBits(line.floatValue(i));
            }
            checksum += h;
            lines++;
            return true;
        }

        @Override
        public boolean onError(LineError error) {
            return true;
        }
    }

    /**
     * TSBS cpu-only data: every host reports once per 10 s interval, tag values fixed per host, usage
     * values that wander between 0 and 100 with up to six decimals.
     */
    static byte[] cpuOnlyBody(int targetBytes, int hosts, Random random) {
        String[] tagSets = new String[hosts];
        for (int h = 0; h < hosts; h++) {
            String region = REGIONS[random.nextInt(REGIONS.length)];
            tagSets[h] = "cpu,hostname=host_" + h
                    + ",region=" + region
                    + ",datacenter=" + region + (char) ('a' + random.nextInt(3))
                    + ",rack=" + random.nextInt(100)
                    + ",os=" + OS[random.nextInt(OS.length)]
                    + ",arch=" + ARCH[random.nextInt(ARCH.length)]
                    + ",team=" + TEAMS[random.nextInt(TEAMS.length)]
                    + ",service=" + random.nextInt(20)
                    + ",service_version=" + random.nextInt(2)
                    + ",service_environment=" + ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)];
        }
        double[][] usage = new double[hosts][FIELDS.length];
        for (double[] u : usage) {
            for (int f = 0; f < u.length; f++) {
                u[f] = random.nextDouble() * 100;
            }
        }
        StringBuilder sb = new StringBuilder(targetBytes + 512);
        long timestamp = 1_451_606_400_000_000_000L;
        while (sb.length() < targetBytes) {
            for (int h = 0; h < hosts && sb.length() < targetBytes; h++) {
                sb.append(tagSets[h]).append(' ');
                for (int f = 0; f < FIELDS.length; f++) {
                    double v = Math.min(100, Math.max(0, usage[h][f] + random.nextGaussian()));
                    usage[h][f] = v;
                    double rounded = Math.round(v * 1e6) / 1e6;
                    sb.append(f == 0 ? "" : ",").append(FIELDS[f]).append('=').append(rounded);
                }
                sb.append(' ').append(timestamp).append('\n');
            }
            timestamp += 10_000_000_000L;
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
