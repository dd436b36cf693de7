package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
}
