package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.bloblang.Args.Params;
import io.influxdb3j.pipeline.bloblang.Node.Arg;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** The Bloblang functions of the subset: {@code uuid_v4()}, {@code counter()}, {@code now()}, {@code content()}... */
final class Functions {
    /** Go's {@code time.RFC3339Nano}: fraction without trailing zeros, {@code Z} for UTC. */
    static final DateTimeFormatter RFC3339_NANO = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    static final Map<String, Params> PARAMS = Map.ofEntries(
            Map.entry("uuid_v4", Params.of(0)),
            Map.entry("counter", Params.of(0, "min", "max", "set")),
            Map.entry("now", Params.of(0)),
            Map.entry("timestamp_unix", Params.of(0)),
            Map.entry("timestamp_unix_milli", Params.of(0)),
            Map.entry("timestamp_unix_micro", Params.of(0)),
            Map.entry("timestamp_unix_nano", Params.of(0)),
            Map.entry("content", Params.of(0)),
            Map.entry("meta", Params.of(0, "key")),
            Map.entry("metadata", Params.of(0, "key")),
            Map.entry("errored", Params.of(0)),
            Map.entry("error", Params.of(0)),
            Map.entry("deleted", Params.of(0)),
            Map.entry("nothing", Params.of(0)),
            Map.entry("random_int", Params.of(0, "seed", "min", "max")),
            Map.entry("hostname", Params.of(0)),
            Map.entry("env", Params.of(1, "name")),
            Map.entry("batch_index", Params.of(0)),
            Map.entry("batch_size", Params.of(0)),
            Map.entry("throw", Params.of(1, "why")),
            Map.entry("count", Params.of(1, "name")));

    private static final Map<String, AtomicLong> NAMED_COUNTERS = new ConcurrentHashMap<>();

    private Functions() {
    }

    static void check(Token name, List<Arg> args) {
        Args.check(name, "function", PARAMS, args);
    }

    static Object call(Node.FunctionCall f, Ctx c) {
        Params p = PARAMS.get(f.name());
        if (f.name().equals("counter")) {
            return counter(f, Args.nodes(p, f.args()), c);
        }
        Object[] a = Args.values(p, f.args(), c);
        switch (f.name()) {
            case "uuid_v4":
                return UUID.randomUUID().toString();
            case "now":
                return OffsetDateTime.now().format(RFC3339_NANO);
            case "timestamp_unix":
                return Instant.now().getEpochSecond();
            case "timestamp_unix_milli":
                return Instant.now().toEpochMilli();
            case "timestamp_unix_micro": {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
            }
            case "timestamp_unix_nano": {
                Instant now = Instant.now();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }
            case "content":
                return c.input.content();
            case "meta": {
                if (a[0] == Values.NOTHING) {
                    Map<String, Object> all = new LinkedHashMap<>();
                    c.input.metadata().forEach((k, v) -> all.put(k, metaText(v)));
                    return all;
                }
                Object v = c.input.metadata().get(Args.string(a[0], "meta key"));
                return v == null ? null : metaText(v);
            }
            case "metadata": {
                if (a[0] == Values.NOTHING) {
                    return Values.copy(new LinkedHashMap<>(c.input.metadata()));
                }
                return Values.copy(c.input.metadata().get(Args.string(a[0], "metadata key")));
            }
            case "errored":
                return c.input.errored();
            case "error":
                return c.input.error();
            case "deleted":
                return Values.DELETED;
            case "nothing":
                return Values.NOTHING;
            case "random_int": {
                long min = a[1] == Values.NOTHING ? 0 : Args.integer(a[1], "random_int min");
                long max = a[2] == Values.NOTHING ? Long.MAX_VALUE - 1 : Args.integer(a[2], "random_int max");
                if (max < min) {
                    throw new Evaluator.Failure("random_int: min (" + min + ") is greater than max (" + max + ")");
                }
                long bound = max - min + 1;
                if (a[0] != Values.NOTHING) {
                    Random r = new Random(Args.integer(a[0], "random_int seed"));
                    return min + (bound <= 0 ? r.nextLong() : Math.floorMod(r.nextLong(), bound));
                }
                return bound <= 0 ? ThreadLocalRandom.current().nextLong() : min + ThreadLocalRandom.current().nextLong(bound);
            }
            case "hostname":
                try {
                    return InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    throw new Evaluator.Failure("hostname: " + e.getMessage());
                }
            case "env":
                return System.getenv(Args.string(a[0], "env name"));
            case "batch_index":
                return (long) c.batchIndex;
            case "batch_size":
                return (long) c.batchSize;
            case "throw":
                throw new Evaluator.Failure(Args.string(a[0], "throw"));
            case "count":
                return NAMED_COUNTERS.computeIfAbsent(Args.string(a[0], "count name"), k -> new AtomicLong()).incrementAndGet();
            default:
                throw new Evaluator.Failure("function '" + f.name() + "' is not implemented");
        }
    }

    private static String metaText(Object v) {
        return Values.toText(v);
    }

    /**
     * {@code counter(min: 1, max: maxInt64, set: ...)}: this occurrence's count, thread-safe. Yields {@code min} first,
     * then increments, wrapping to {@code min} after {@code max}. {@code set} is evaluated on every call: a
     * non-negative integer resets the count to it, {@code null} peeks, {@code deleted()} resets to {@code min}.
     */
    private static Object counter(Node.FunctionCall f, Node[] args, Ctx c) {
        long min = args[0] == null ? 1 : Args.integer(Evaluator.eval(args[0], c), "counter min");
        long max = args[1] == null ? Long.MAX_VALUE : Args.integer(Evaluator.eval(args[1], c), "counter max");
        if (max < min) {
            throw new Evaluator.Failure("counter: min (" + min + ") is greater than max (" + max + ")");
        }
        AtomicLong state = f.state();
        if (args[2] != null) {
            Object set = Evaluator.eval(args[2], c);
            if (set == null) {
                long current = state.get();
                return current == Long.MIN_VALUE ? min : current;
            }
            if (set == Values.DELETED) {
                state.set(min);
                return min;
            }
            if (set != Values.NOTHING) {
                long value = Args.integer(set, "counter set");
                if (value < 0) {
                    throw new Evaluator.Failure("counter: set must be a non-negative integer, got " + value);
                }
                state.set(value);
                return value;
            }
        }
        return state.updateAndGet(cur -> cur == Long.MIN_VALUE || cur >= max || cur < min - 1 ? min : cur + 1);
    }
}
