package io.influxdb3j.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.common.ColumnType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/** Builders, a random generator, and a value-based comparison for WAL contents (records holding arrays compare by identity). */
final class WalTestData {
    private WalTestData() {
    }

    /** A write of one table "t" whose rows carry {@code values} in an INTEGER column and as their time. */
    static WalOp.Write write(int dbId, long... values) {
        BitSet valid = new BitSet();
        valid.set(0, values.length);
        TableBatch table = new TableBatch(1, "t", values.length, values.clone(),
                List.of(new ColumnData.Longs(2, ColumnType.INTEGER, values.clone(), valid)));
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new WalOp.Write(dbId, "db" + dbId, List.of(table), values.length == 0 ? 0 : min, values.length == 0 ? 0 : max);
    }

    static BitSet bits(int... set) {
        BitSet b = new BitSet();
        for (int i : set) {
            b.set(i);
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------
    // random contents

    static WalContents randomContents(Random rnd) {
        int opCount = rnd.nextInt(5);
        List<WalOp> ops = new ArrayList<>();
        for (int i = 0; i < opCount; i++) {
            ops.add(rnd.nextInt(5) == 0 ? new WalOp.Noop() : randomWrite(rnd));
        }
        return new WalContents(rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), rnd.nextLong(), ops);
    }

    static WalOp.Write randomWrite(Random rnd) {
        int tableCount = rnd.nextInt(4);
        List<TableBatch> tables = new ArrayList<>();
        for (int t = 0; t < tableCount; t++) {
            int rows = rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(40);
            long[] time = new long[rows];
            for (int i = 0; i < rows; i++) {
                time[i] = rnd.nextLong();
            }
            int columnCount = rnd.nextInt(7);
            List<ColumnData> columns = new ArrayList<>();
            for (int c = 0; c < columnCount; c++) {
                columns.add(randomColumn(rnd, c, rows));
            }
            tables.add(new TableBatch(rnd.nextInt(), maybeNull(rnd, randomString(rnd)), rows, time, columns));
        }
        return new WalOp.Write(rnd.nextInt(), maybeNull(rnd, randomString(rnd)), tables, rnd.nextLong(), rnd.nextLong());
    }

    private static <T> T maybeNull(Random rnd, T value) {
        return rnd.nextInt(20) == 0 ? null : value;
    }

    static ColumnData randomColumn(Random rnd, int columnId, int rows) {
        BitSet valid = new BitSet();
        for (int i = 0; i < rows; i++) {
            if (rnd.nextInt(4) != 0) {
                valid.set(i);
            }
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> {
                String[] values = new String[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = rnd.nextInt(4) == 0 ? null : randomString(rnd);
                }
                yield new ColumnData.Strings(columnId, rnd.nextBoolean() ? ColumnType.TAG : ColumnType.STRING, values);
            }
            case 1 -> {
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = switch (rnd.nextInt(8)) {
                        case 0 -> Double.NaN;
                        case 1 -> -0.0;
                        case 2 -> Double.POSITIVE_INFINITY;
                        case 3 -> Double.longBitsToDouble(rnd.nextLong()); // any bit pattern, odd NaNs too
                        default -> rnd.nextGaussian() * 1e6;
                    };
                }
                yield new ColumnData.Doubles(columnId, values, valid);
            }
            case 2 -> {
                long[] values = new long[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = switch (rnd.nextInt(4)) {
                        case 0 -> Long.MIN_VALUE;
                        case 1 -> -1L; // UINTEGER max
                        default -> rnd.nextLong();
                    };
                }
                yield new ColumnData.Longs(columnId, rnd.nextBoolean() ? ColumnType.INTEGER : ColumnType.UINTEGER, values, valid);
            }
            default -> {
                boolean[] values = new boolean[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = rnd.nextBoolean();
                }
                yield new ColumnData.Booleans(columnId, values, valid);
            }
        };
    }

    private static final String[] SAMPLES = {"", "cpu", "host=a,b c", "温度", "Zürich", "\uD83D\uDE80 rocket",
            "\u0000nul", "tab\there", "\"quoted\"", "ok\uD834\uDD1Eclef", "\u007F\u0080\u07FF\u0800\uFFFF"};

    static String randomString(Random rnd) {
        if (rnd.nextBoolean()) {
            return SAMPLES[rnd.nextInt(SAMPLES.length)];
        }
        int len = rnd.nextInt(24);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int cp = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(0x80);
                case 1 -> 0x80 + rnd.nextInt(0x800 - 0x80);
                case 2 -> {
                    int c = 0x800 + rnd.nextInt(0x10000 - 0x800);
                    yield Character.isSurrogate((char) c) ? 'x' : c; // lone surrogates do not round-trip
                }
                default -> 0x10000 + rnd.nextInt(0x110000 - 0x10000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------
    // comparison

    static void assertSameContents(WalContents actual, WalContents expected) {
        assertThat(describe(actual)).isEqualTo(describe(expected));
    }

    static void assertSameOps(List<WalOp> actual, List<WalOp> expected) {
        assertThat(actual.stream().map(WalTestData::describe).toList())
                .containsExactlyElementsOf(expected.stream().map(WalTestData::describe).toList());
    }

    /** Every value, doubles by their raw bits and validity limited to the rows, so equal text means equal contents. */
    static String describe(WalContents c) {
        StringBuilder sb = new StringBuilder();
        sb.append("seq=").append(c.sequence()).append(" persisted=").append(c.persistTimestampMillis())
                .append(" time=[").append(c.minTimeNanos()).append(',').append(c.maxTimeNanos()).append("]\n");
        for (WalOp op : c.ops()) {
            sb.append(describe(op)).append('\n');
        }
        return sb.toString();
    }

    static String describe(WalOp op) {
        return switch (op) {
            case WalOp.Noop noop -> "noop";
            case WalOp.Write w -> {
                StringBuilder sb = new StringBuilder();
                sb.append("write db=").append(w.dbId()).append(' ').append(str(w.dbName()))
                        .append(" time=[").append(w.minTimeNanos()).append(',').append(w.maxTimeNanos()).append(']');
                for (TableBatch t : w.tables()) {
                    int rows = t.rowCount();
                    sb.append("\n  table ").append(t.tableId()).append(' ').append(str(t.tableName()))
                            .append(" rows=").append(rows).append(" time=").append(java.util.Arrays.toString(t.time()));
                    for (ColumnData c : t.columns()) {
                        sb.append("\n    ").append(c.getClass().getSimpleName()).append(' ').append(c.columnId())
                                .append(' ').append(c.type()).append(':');
                        for (int i = 0; i < rows; i++) {
                            sb.append(' ');
                            switch (c) {
                                case ColumnData.Strings s -> sb.append(str(s.values()[i]));
                                case ColumnData.Doubles d -> sb.append(valid(d.valid(), i))
                                        .append(Long.toHexString(Double.doubleToRawLongBits(d.values()[i])));
                                case ColumnData.Longs l -> sb.append(valid(l.valid(), i)).append(l.values()[i]);
                                case ColumnData.Booleans b -> sb.append(valid(b.valid(), i)).append(b.values()[i]);
                            }
                        }
                    }
                }
                yield sb.toString();
            }
        };
    }

    private static String valid(BitSet valid, int row) {
        return valid.get(row) ? "" : "null/";
    }

    private static String str(String s) {
        return s == null ? "<null>" : '"' + s + '"';
    }
}
