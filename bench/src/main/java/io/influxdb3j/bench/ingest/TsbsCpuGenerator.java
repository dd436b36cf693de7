package io.influxdb3j.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A TSBS "cpu-only" style data set as line protocol: measurement {@code cpu}, one row per host every
 * ten seconds, ten tags that describe the host and ten float fields that random-walk between 0 and 100.
 *
 * <pre>
 * cpu,hostname=host_0,region=eu-west-1,datacenter=eu-west-1b,rack=41,os=Ubuntu16.04LTS,arch=x64,team=LON,
 *     service=7,service_version=1,service_environment=staging usage_user=58.13,...,usage_guest_nice=3.07 1451606400000000000
 * </pre>
 *
 * <p>Rows are ordered by time, then host, as TSBS emits them. The output depends only on the host count,
 * the duration and the seed: the same arguments give the same bytes. Values are written with two
 * decimals in plain notation, which every line-protocol reader accepts.
 */
public final class TsbsCpuGenerator {
    /** 2016-01-01T00:00:00Z, TSBS's default start, in nanoseconds. */
    public static final long DEFAULT_START_NANOS = 1_451_606_400_000_000_000L;
    public static final Duration INTERVAL = Duration.ofSeconds(10);
    public static final String MEASUREMENT = "cpu";
    public static final List<String> TAG_KEYS = List.of("hostname", "region", "datacenter", "rack", "os", "arch",
            "team", "service", "service_version", "service_environment");
    public static final List<String> FIELD_KEYS = List.of("usage_user", "usage_system", "usage_idle", "usage_nice",
            "usage_iowait", "usage_irq", "usage_softirq", "usage_steal", "usage_guest", "usage_guest_nice");

    private static final String[] REGIONS = {
        "us-east-1", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1", "ap-southeast-2",
        "ap-northeast-1", "sa-east-1",
    };
    private static final String[] ZONES = {"a", "b", "c"};
    private static final String[] OS = {"Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10"};
    private static final String[] ARCH = {"x64", "x86"};
    private static final String[] TEAMS = {"SF", "NYC", "LON", "CHI"};
    private static final String[] ENVIRONMENTS = {"production", "staging", "test"};
    private static final int RACKS = 100;
    private static final int SERVICES = 20;
    private static final int SERVICE_VERSIONS = 2;
    /** Standard deviation of one random-walk step, in percentage points. */
    private static final double STEP = 1.0;

    private final int hosts;
    private final long rowsPerHost;
    private final long startNanos;
    private final long seed;
    private final String measurement;

    /**
     * @param hosts    the scale: how many hosts report
     * @param duration how much time the data set covers; one row per host per started ten seconds
     * @param seed     drives every tag choice and every value
     */
    public TsbsCpuGenerator(int hosts, Duration duration, long seed) {
        this(hosts, duration, seed, DEFAULT_START_NANOS, MEASUREMENT);
    }

    /**
     * A data set starting at {@code startNanos} under another measurement name, e.g. for a warm-up
     * that must not touch {@code cpu}.
     */
    public TsbsCpuGenerator(int hosts, Duration duration, long seed, long startNanos, String measurement) {
        if (hosts <= 0) {
            throw new IllegalArgumentException("hosts must be positive, got " + hosts);
        }
        if (duration.compareTo(INTERVAL) < 0) {
            throw new IllegalArgumentException("duration must be at least " + INTERVAL.toSeconds() + "s (one row per host), got "
                    + duration);
        }
        this.hosts = hosts;
        this.rowsPerHost = duration.toNanos() / INTERVAL.toNanos();
        this.startNanos = startNanos;
        this.seed = seed;
        this.measurement = measurement;
    }

    public int hosts() {
        return hosts;
    }

    /** Rows each host reports: duration / 10 s, rounded down. */
    public long rowsPerHost() {
        return rowsPerHost;
    }

    public long rowCount() {
        return rowsPerHost * hosts;
    }

    public long startNanos() {
        return startNanos;
    }

    /** Timestamp of the last row, in nanoseconds. */
    public long endNanos() {
        return startNanos + (rowsPerHost - 1) * INTERVAL.toNanos();
    }

    /** The tag values of every host, in {@link #TAG_KEYS} order; index = host number. */
    public List<List<String>> hostTags() {
        Random random = new Random(seed);
        List<List<String>> all = new ArrayList<>(hosts);
        for (int h = 0; h < hosts; h++) {
            String region = pick(random, REGIONS);
            all.add(List.of(
                    "host_" + h,
                    region,
                    region + pick(random, ZONES),
                    Integer.toString(random.nextInt(RACKS)),
                    pick(random, OS),
                    pick(random, ARCH),
                    pick(random, TEAMS),
                    Integer.toString(random.nextInt(SERVICES)),
                    Integer.toString(random.nextInt(SERVICE_VERSIONS)),
                    pick(random, ENVIRONMENTS)));
        }
        return all;
    }

    /**
     * The whole data set as request bodies of at most {@code linesPerBatch} lines each (the last may
     * be shorter), every line ending in {@code \n}. Holds everything in memory: about 350 bytes a row.
     */
    public List<byte[]> batches(int linesPerBatch) {
        return batches(linesPerBatch, Integer.MAX_VALUE);
    }

    /** The first {@code maxBatches} of {@link #batches(int)}, generating no more than those. */
    public List<byte[]> batches(int linesPerBatch, int maxBatches) {
        if (maxBatches <= 0) {
            return List.of();
        }
        if (linesPerBatch <= 0) {
            throw new IllegalArgumentException("lines per batch must be positive, got " + linesPerBatch);
        }
        byte[][] prefixes = seriesKeys();
        int fieldCount = FIELD_KEYS.size();
        byte[][] fieldPrefixes = new byte[fieldCount][];
        for (int f = 0; f < fieldCount; f++) {
            fieldPrefixes[f] = ascii((f == 0 ? " " : ",") + FIELD_KEYS.get(f) + "=");
        }
        // values[host * fieldCount + field], walking independently; seeded apart from the tags
        Random random = new Random(seed * 31 + 17);
        double[] values = new double[hosts * fieldCount];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 100;
        }
        long total = rowCount();
        List<byte[]> out = new ArrayList<>((int) Math.min(maxBatches, (total + linesPerBatch - 1) / linesPerBatch));
        Buffer buf = new Buffer(linesPerBatch * 360);
        int linesInBatch = 0;
        long intervalNanos = INTERVAL.toNanos();
        for (long r = 0; r < rowsPerHost; r++) {
            long timestamp = startNanos + r * intervalNanos;
            for (int h = 0; h < hosts; h++) {
                buf.put(prefixes[h]);
                int base = h * fieldCount;
                for (int f = 0; f < fieldCount; f++) {
                    double v = values[base + f] + random.nextGaussian() * STEP;
                    v = Math.max(0, Math.min(100, v));
                    values[base + f] = v;
                    buf.put(fieldPrefixes[f]);
                    buf.putHundredths(Math.round(v * 100));
                }
                buf.put((byte) ' ');
                buf.putLong(timestamp);
                buf.put((byte) '\n');
                if (++linesInBatch == linesPerBatch) {
                    out.add(buf.take());
                    linesInBatch = 0;
                    if (out.size() == maxBatches) {
                        return out;
                    }
                }
            }
        }
        if (linesInBatch > 0) {
            out.add(buf.take());
        }
        return out;
    }

    /** Number of lines in a body: its newline count. */
    public static int lineCount(byte[] body) {
        int n = 0;
        for (byte b : body) {
            if (b == '\n') {
                n++;
            }
        }
        return n;
    }

    /** {@code cpu,hostname=host_N,...,service_environment=X} for each host (no trailing space). */
    private byte[][] seriesKeys() {
        List<List<String>> tags = hostTags();
        byte[][] keys = new byte[hosts][];
        StringBuilder sb = new StringBuilder(200);
        for (int h = 0; h < hosts; h++) {
            sb.setLength(0);
            sb.append(measurement);
            List<String> values = tags.get(h);
            for (int t = 0; t < TAG_KEYS.size(); t++) {
                sb.append(',').append(TAG_KEYS.get(t)).append('=').append(values.get(t));
            }
            keys[h] = ascii(sb.toString());
        }
        return keys;
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** A growable byte array with the two number formats the generator writes. */
    private static final class Buffer {
        private byte[] bytes;
        private int size;
        private final byte[] digits = new byte[20];

        Buffer(int capacity) {
            bytes = new byte[Math.max(capacity, 64)];
        }

        void put(byte b) {
            ensure(1);
            bytes[size++] = b;
        }

        void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        /** A non-negative count of hundredths as {@code 12.34} (always two decimals). */
        void putHundredths(long hundredths) {
            putLong(hundredths / 100);
            long cents = hundredths % 100;
            ensure(3);
            bytes[size++] = '.';
            bytes[size++] = (byte) ('0' + cents / 10);
            bytes[size++] = (byte) ('0' + cents % 10);
        }

        /** A non-negative long in decimal. */
        void putLong(long v) {
            int n = 0;
            do {
                digits[n++] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v != 0);
            ensure(n);
            while (n > 0) {
                bytes[size++] = digits[--n];
            }
        }

        /** The bytes written since the last take, as an exact-length array; the buffer starts empty again. */
        byte[] take() {
            byte[] out = Arrays.copyOf(bytes, size);
            size = 0;
            return out;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
            }
        }
    }
}
