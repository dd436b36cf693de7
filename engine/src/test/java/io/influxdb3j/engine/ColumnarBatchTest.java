package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnarBatchTest {
    private final PluginRunner runner = new PluginRunner(new TestingWriteSink(), new TestingLogSink(), null,
            new TestingTimeProvider(0), Duration.ofSeconds(10));
    private final Plugin plugin = PluginTestSupport.loader().load("types", "row_types.py");

    private List<String> lines(List<? extends WalBatch> batches) {
        PluginRunResult result = runner.runWal(plugin, "db", batches, null);
        assertThat(result.error()).isNull();
        return result.logLines().stream().map(PluginLogLine::text)
                .filter(t -> !t.startsWith("starting") && !t.startsWith("finished")).toList();
    }

    private static BitSet bits(int n, int... clear) {
        BitSet b = new BitSet();
        b.set(0, n);
        for (int c : clear) {
            b.clear(c);
        }
        return b;
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void columnsBecomeTheSameSparseRowsAsRowByRowConversion() {
        ColumnarBatch columns = new ColumnarBatch("cpu", 3, new long[]{10, 20, 30, 99}, List.of(
                new ColumnarBatch.Strings("host", new String[]{"a", null, "a", "unused"}),
                new ColumnarBatch.Strings("note", new String[]{"x \"q\" é", "ü", null}),
                new ColumnarBatch.Doubles("usage", new double[]{1.5, -0.0, Double.NaN}, bits(3)),
                new ColumnarBatch.Longs("count", new long[]{-7, 0, Long.MAX_VALUE}, bits(3, 1), false),
                new ColumnarBatch.Longs("big", new long[]{-1, 5, 0}, bits(3, 2), true),
                new ColumnarBatch.Booleans("ok", new boolean[]{true, false, true}, bits(3, 0))));
        TableBatchView rows = new TableBatchView("cpu", List.of(
                new WalRow(row("host", "a", "note", "x \"q\" é", "usage", 1.5, "count", -7L,
                        "big", WalRow.unsigned(-1)), 10),
                new WalRow(row("note", "ü", "usage", -0.0, "big", 5L, "ok", false), 20),
                new WalRow(row("host", "a", "usage", Double.NaN, "count", Long.MAX_VALUE, "ok", true), 30)));

        List<String> fromColumns = lines(List.of(columns));
        assertThat(fromColumns).isEqualTo(lines(List.of(rows)));
        assertThat(fromColumns).containsExactly(
                "table cpu rows 3 list",
                "{'host': 'a', 'note': 'x \"q\" é', 'usage': 1.5, 'count': -7, 'big': 18446744073709551615, 'time': 10}"
                        + " str,str,float,int,int,int",
                "{'note': 'ü', 'usage': -0.0, 'big': 5, 'ok': False, 'time': 20} str,float,int,bool,int",
                "{'host': 'a', 'usage': nan, 'count': 9223372036854775807, 'ok': True, 'time': 30}"
                        + " str,float,int,bool,int");
    }

    @Test
    void denseAndEmptyBatches() {
        ColumnarBatch dense = new ColumnarBatch("m", 2, new long[]{1, 2}, List.of(
                new ColumnarBatch.Strings("t", new String[]{"x", "y"}),
                new ColumnarBatch.Doubles("f", new double[]{1, 2}, null)));
        ColumnarBatch empty = new ColumnarBatch("e", 0, new long[0], List.of(
                new ColumnarBatch.Doubles("f", new double[0], new BitSet())));
        assertThat(lines(List.of(dense, empty))).containsExactly(
                "table m rows 2 list",
                "{'t': 'x', 'f': 1.0, 'time': 1} str,float,int",
                "{'t': 'y', 'f': 2.0, 'time': 2} str,float,int",
                "table e rows 0 list");
    }

    /** The same rows built one by one from the columns: what the columnar path must match. */
    private static TableBatchView rowByRow(ColumnarBatch batch) {
        List<WalRow> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (ColumnarBatch.Column c : batch.columns()) {
                switch (c) {
                    case ColumnarBatch.Strings s -> {
                        if (s.values()[r] != null) {
                            values.put(s.name(), s.values()[r]);
                        }
                    }
                    case ColumnarBatch.Doubles d -> {
                        if (d.valid() == null || d.valid().get(r)) {
                            values.put(d.name(), d.values()[r]);
                        }
                    }
                    case ColumnarBatch.Longs l -> {
                        if (l.valid() == null || l.valid().get(r)) {
                            values.put(l.name(), l.unsigned() ? WalRow.unsigned(l.values()[r]) : l.values()[r]);
                        }
                    }
                    case ColumnarBatch.Booleans b -> {
                        if (b.valid() == null || b.valid().get(r)) {
                            values.put(b.name(), b.values()[r]);
                        }
                    }
                }
            }
            rows.add(new WalRow(values, batch.time()[r]));
        }
        return new TableBatchView(batch.tableName(), rows);
    }

    private List<String> assertSameAsRowByRow(ColumnarBatch batch) {
        List<String> fromColumns = lines(List.of(batch));
        assertThat(fromColumns).isEqualTo(lines(List.of(rowByRow(batch))));
        assertThat(fromColumns).hasSize(batch.rowCount() + 1);
        return fromColumns;
    }

    @Test
    void extremeValuesKeepTheirExactForm() {
        long[] time = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 1_700_000_000_000_000_000L};
        ColumnarBatch batch = new ColumnarBatch("x", 5, time, List.of(
                new ColumnarBatch.Strings("tag", new String[]{"", "日本", "emoji \uD83D\uDE00", "'\"\\\n", "lone \uD800"}),
                new ColumnarBatch.Doubles("f", new double[]{Double.NaN, Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE}, null),
                new ColumnarBatch.Longs("i", new long[]{Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, 1L << 53}, null,
                        false),
                new ColumnarBatch.Longs("u", new long[]{-1, Long.MIN_VALUE, 0, Long.MAX_VALUE, -2}, null, true),
                new ColumnarBatch.Booleans("b", new boolean[]{true, false, false, true, true}, null),
                new ColumnarBatch.Strings("s", new String[]{"", "", "x", "", "y"})));
        List<String> lines = assertSameAsRowByRow(batch);
        assertThat(lines.get(1)).isEqualTo("{'tag': '', 'f': nan, 'i': -9223372036854775808, "
                + "'u': 18446744073709551615, 'b': True, 's': '', 'time': -9223372036854775808} "
                + "str,float,int,int,bool,str,int");
        assertThat(lines.get(2)).contains("'f': inf", "'u': 9223372036854775808", "'time': -1");
        assertThat(lines.get(3)).contains("'f': -inf");
        assertThat(lines.get(5)).contains("'u': 18446744073709551614", "'i': 9007199254740992");
    }

    @Test
    void allNullColumnsAreLeftOutAndSparseColumnsOnlyWhereSet() {
        ColumnarBatch batch = new ColumnarBatch("m", 4, new long[]{1, 2, 3, 4}, List.of(
                new ColumnarBatch.Strings("never", new String[]{null, null, null, null}),
                new ColumnarBatch.Strings("host", new String[]{"a", "b", null, "a"}),
                new ColumnarBatch.Doubles("none", new double[]{1, 2, 3, 4}, new BitSet()),
                new ColumnarBatch.Doubles("f", new double[]{1, 2, 3, 4}, bits(4, 1)),
                new ColumnarBatch.Longs("i", new long[]{5, 6, 7, 8}, bits(4, 0, 3), false),
                new ColumnarBatch.Booleans("b", new boolean[]{true, true, false, false}, bits(4, 2))));
        assertThat(assertSameAsRowByRow(batch)).containsExactly(
                "table m rows 4 list",
                "{'host': 'a', 'f': 1.0, 'b': True, 'time': 1} str,float,bool,int",
                "{'host': 'b', 'i': 6, 'b': True, 'time': 2} str,int,bool,int",
                "{'f': 3.0, 'i': 7, 'time': 3} float,int,int",
                "{'host': 'a', 'f': 4.0, 'b': False, 'time': 4} str,float,bool,int");
        ColumnarBatch onlyNulls = new ColumnarBatch("n", 2, new long[]{7, 8}, List.of(
                new ColumnarBatch.Doubles("f", new double[2], new BitSet()),
                new ColumnarBatch.Strings("t", new String[2])));
        assertThat(assertSameAsRowByRow(onlyNulls)).containsExactly(
                "table n rows 2 list", "{'time': 7} int", "{'time': 8} int");
    }

    /** Random sparse columns: a few presence patterns, more than the per-pattern limit, and more than 64 sparse columns. */
    @Test
    void randomSparseBatchesMatchRowByRowWhateverTheNumberOfPatterns() {
        Random random = new Random(42);
        for (int[] shape : new int[][]{{2, 300}, {6, 2000}, {12, 3000}, {70, 400}}) {
            int sparseColumns = shape[0];
            int n = shape[1];
            List<ColumnarBatch.Column> columns = new ArrayList<>();
            String[] tags = new String[n];
            for (int r = 0; r < n; r++) {
                tags[r] = "host-" + random.nextInt(n / 2) + (r % 7 == 0 ? "ß" : "");
            }
            columns.add(new ColumnarBatch.Strings("host", tags));
            for (int c = 0; c < sparseColumns; c++) {
                BitSet valid = new BitSet();
                for (int r = 0; r < n; r++) {
                    if (random.nextInt(4) != 0) {
                        valid.set(r);
                    }
                }
                columns.add(switch (c % 4) {
                    case 0 -> {
                        double[] v = new double[n];
                        for (int r = 0; r < n; r++) {
                            v[r] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian() * 1e6;
                        }
                        yield new ColumnarBatch.Doubles("f" + c, v, valid);
                    }
                    case 1 -> {
                        long[] v = new long[n];
                        for (int r = 0; r < n; r++) {
                            v[r] = random.nextLong();
                        }
                        yield new ColumnarBatch.Longs("u" + c, v, valid, c % 8 == 1);
                    }
                    case 2 -> {
                        boolean[] v = new boolean[n];
                        for (int r = 0; r < n; r++) {
                            v[r] = random.nextBoolean();
                        }
                        yield new ColumnarBatch.Booleans("b" + c, v, valid);
                    }
                    default -> {
                        String[] v = new String[n];
                        for (int r = 0; r < n; r++) {
                            v[r] = valid.get(r) ? "v" + random.nextInt(1000) + "\u00e9\uD83D\uDE00" : null;
                        }
                        yield new ColumnarBatch.Strings("s" + c, v);
                    }
                });
            }
            columns.add(new ColumnarBatch.Doubles("dense", new double[n + 3], null));
            long[] time = new long[n];
            for (int r = 0; r < n; r++) {
                time[r] = random.nextLong();
            }
            ColumnarBatch batch = new ColumnarBatch("t" + sparseColumns, n, time, columns);
            // [.., patterns, pattern_ids]: one maker per pattern while there are few, else validity buffers.
            List<Object> encoded = batch.toPython();
            boolean perPattern = encoded.get(6) != null;
            assertThat(perPattern).as("patterns for %d sparse columns", sparseColumns).isEqualTo(sparseColumns <= 6);
            if (perPattern) {
                assertThat((List<?>) encoded.get(6)).hasSizeBetween(2, ColumnarBatch.MAX_PATTERNS);
            }
            assertSameAsRowByRow(batch);
        }
    }

    @Test
    void tagColumnsWithManyDistinctValues() {
        int n = 5000;
        String[] host = new String[n];
        String[] region = new String[n];
        double[] v = new double[n];
        long[] time = new long[n];
        for (int r = 0; r < n; r++) {
            host[r] = "host_" + r;
            region[r] = r % 3 == 0 ? "" : "région " + (r % 11);
            v[r] = r / 7.0;
            time[r] = 1_000_000_000L * r;
        }
        List<String> lines = assertSameAsRowByRow(new ColumnarBatch("cpu", n, time, List.of(
                new ColumnarBatch.Strings("host", host), new ColumnarBatch.Strings("region", region),
                new ColumnarBatch.Doubles("v", v, null))));
        assertThat(lines.get(n)).isEqualTo("{'host': 'host_4999', 'region': 'région 5', 'v': 714.1428571428571, "
                + "'time': 4999000000000} str,str,float,int");
    }

    @Test
    void rowsAreOrdinaryDictsToMutate() {
        Plugin mutating = PluginTestSupport.loader().load("mutate", "row_mutation.py");
        ColumnarBatch batch = new ColumnarBatch("cpu", 3, new long[]{10, 20, 30}, List.of(
                new ColumnarBatch.Strings("host", new String[]{"a", "b", "c"}),
                new ColumnarBatch.Doubles("usage", new double[]{0.5, 1.5, 2.5}, null)));
        PluginRunResult result = runner.runWal(mutating, "db", List.of(batch), null);
        assertThat(result.error()).isNull();
        assertThat(result.logLines().stream().map(PluginLogLine::text).filter(t -> t.startsWith("True")))
                .containsExactly("True True 3 3 ['extra', 'time', 'usage'] "
                        + "{\"host\": \"b\", \"usage\": -1.0, \"time\": 20} "
                        + "{\"host\": \"c\", \"usage\": 2.5, \"time\": 30} False none ['host', 'usage', 'time'] True");
    }

    @Test
    void anyColumnNamesAndManyColumnsGiveTheSameRows() {
        // Names that are no identifiers, keywords, names of the generated code's own variables and
        // globals, names a class has (those keep the dict display), and sparse columns of each.
        String[] names = {"usage idle", "class", "zip", "new", "Row", "append", "o", "rows", "c0", "v1",
                "_influxdb3j_key_0", "__dict__", "__class__", "__doc__", "é ü", ""};
        int n = 6;
        List<ColumnarBatch.Column> columns = new ArrayList<>();
        for (int c = 0; c < names.length; c++) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) {
                v[r] = c * 10 + r + 0.25;
            }
            columns.add(new ColumnarBatch.Doubles(names[c], v, c % 3 == 0 ? bits(n, c % n) : null));
        }
        long[] time = {1, 2, 3, 4, 5, 6};
        assertSameAsRowByRow(new ColumnarBatch("odd", n, time, columns));
        assertSameAsRowByRow(new ColumnarBatch("odd", n, time, columns.subList(0, 11)));
        assertSameAsRowByRow(new ColumnarBatch("dense", n, time,
                columns.stream().map(c -> (ColumnarBatch.Column) new ColumnarBatch.Doubles(c.name(),
                        ((ColumnarBatch.Doubles) c).values(), null)).toList()));
        // More columns than CPython shares keys for (30), dense and sparse.
        List<ColumnarBatch.Column> wide = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            wide.add(new ColumnarBatch.Longs("f" + c, new long[]{c, c + 1, c + 2, c + 3, c + 4, c + 5},
                    c == 7 ? bits(n, 2) : null, false));
        }
        assertSameAsRowByRow(new ColumnarBatch("wide", n, time, wide));
        assertSameAsRowByRow(new ColumnarBatch("wide", n, time, wide.subList(0, 29)));
        assertSameAsRowByRow(new ColumnarBatch("wide", n, time, wide.subList(8, 38)));
    }

    @SuppressWarnings("unchecked")
    @Test
    void theCyclicCollectorIsBackAfterEachCallAndStillCollectsCyclesThroughRows() {
        Plugin gcPlugin = PluginTestSupport.loader().load("gc", "gc_rows.py");
        ColumnarBatch batch = new ColumnarBatch("m", 3, new long[]{1, 2, 3}, List.of(
                new ColumnarBatch.Doubles("f", new double[]{1, 2, 3}, null)));
        TableBatchView view = new TableBatchView("m", List.of(new WalRow(row("f", 1.0), 1)));
        List<String> logs = new ArrayList<>();
        for (Object[] call : new Object[][]{{batch, Map.of("cycle", "")}, {view, Map.of()},
                {batch, Map.of("raise", "")}, {view, Map.of()}, {batch, Map.of("cycle", "")}, {view, Map.of()}}) {
            PluginRunResult result = runner.runWal(gcPlugin, "db", List.of((WalBatch) call[0]),
                    (Map<String, String>) call[1]);
            assertThat(result.error() == null).isEqualTo(!((Map<?, ?>) call[1]).containsKey("raise"));
            result.logLines().stream().map(PluginLogLine::text)
                    .filter(t -> !t.startsWith("starting") && !t.startsWith("finished") && !t.startsWith("error"))
                    .forEach(logs::add);
        }
        // The plugin always runs with the collector enabled; rows built from columns are frozen with the
        // heap during the call (and still tracked); nothing stays frozen afterwards, even when the plugin
        // fails, and a cycle the plugin made through a row is collected once the call is over.
        assertThat(logs).containsExactly(
                "enabled True frozen True previous cycle none", "rows 3 tracked True",
                "enabled True frozen False previous cycle collected", "rows 1 tracked True",
                "enabled True frozen True previous cycle none", "rows 3 tracked True",
                "enabled True frozen False previous cycle none", "rows 1 tracked True",
                "enabled True frozen True previous cycle none", "rows 3 tracked True",
                "enabled True frozen False previous cycle collected", "rows 1 tracked True");
    }
}
