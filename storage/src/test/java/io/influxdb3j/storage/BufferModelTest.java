package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random writes checked against a model of InfluxDB's semantics: a row is identified by its tag
 * set and time; a later write of the same row sets the fields it names (a field it leaves out keeps
 * its value). Writes mix tag subsets (tags absent from some series, tags first seen in later
 * writes), every field type with nulls, fields first seen later, out-of-order and repeated times
 * within and across writes; results are compared while buffered, after snapshots, and with rows in
 * both.
 */
class BufferModelTest {
    @TempDir
    Path dir;

    private static final String[] TAGS = {"a", "b", "c"};
    private static final String[] FIELDS = {"f", "i", "s", "x", "late"};
    /** Tag values, and as written in line protocol (escaped). */
    private static final String[] TAG_VALUES = {"v0", "v1", "häß 😀", "a,b=c d"};
    private static final String[] TAG_VALUES_LP = {"v0", "v1", "häß\\ 😀", "a\\,b\\=c\\ d"};

    /** Model row: tags (null = absent), then field values by FIELDS order. */
    private record Key(String a, String b, String c, long time) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void bufferAndSnapshotsAgreeWithTheModel(long seed) {
        Random r = new Random(seed);
        TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
        Map<Key, Object[]> model = new TreeMap<>(Comparator.comparing(Key::toString));
        try (TestingStorage s = new TestingStorage(dir, time)) {
            int writes = 6 + r.nextInt(6);
            for (int w = 0; w < writes; w++) {
                StringBuilder lp = new StringBuilder();
                int lines = 1 + r.nextInt(40);
                // later writes may use the "late" field and tag c; times cluster so rows repeat
                boolean late = w >= writes / 2;
                long base = r.nextBoolean() ? 1_000 : 1_000 + r.nextInt(5) * 100;
                for (int l = 0; l < lines; l++) {
                    String[] tags = new String[3];
                    lp.append("m");
                    for (int k = 0; k < 3; k++) {
                        if ((k < 2 || late) && r.nextInt(3) > 0) {
                            int v = r.nextInt(TAG_VALUES.length);
                            tags[k] = TAG_VALUES[v];
                            lp.append(',').append(TAGS[k]).append('=').append(TAG_VALUES_LP[v]);
                        }
                    }
                    Object[] values = new Object[FIELDS.length];
                    List<String> set = new ArrayList<>();
                    for (int f = 0; f < FIELDS.length; f++) {
                        if (f == 4 && !late || r.nextInt(3) == 0) {
                            continue;
                        }
                        values[f] = switch (f) {
                            case 0, 4 -> (double) r.nextInt(100);
                            case 1 -> (long) r.nextInt(100) - 50;
                            case 2 -> "s" + r.nextInt(10);
                            default -> r.nextBoolean();
                        };
                        set.add(FIELDS[f] + "=" + literal(f, values[f]));
                    }
                    if (set.isEmpty()) {
                        values[0] = 0.5;
                        set.add("f=0.5");
                    }
                    long t = base + r.nextInt(8) * 10L;
                    lp.append(' ').append(String.join(",", set)).append(' ').append(t).append('\n');
                    Object[] row = model.computeIfAbsent(new Key(tags[0], tags[1], tags[2], t), k -> new Object[FIELDS.length]);
                    for (int f = 0; f < FIELDS.length; f++) {
                        if (values[f] != null) {
                            row[f] = values[f];
                        }
                    }
                }
                s.writeOk("db", lp.toString());
                assertThat(rows(s)).as("seed %d after write %d", seed, w).isEqualTo(expected(model));
                if (r.nextInt(4) == 0) {
                    s.storage.forceSnapshot();
                    assertThat(rows(s)).as("seed %d after snapshot at write %d", seed, w).isEqualTo(expected(model));
                }
            }
            s.storage.forceSnapshot();
            assertThat(rows(s)).as("seed %d all persisted", seed).isEqualTo(expected(model));
            assertThat(s.storage.buffer().allocatedBytes()).isZero();
        }
    }

    private static String literal(int field, Object v) {
        return switch (field) {
            case 1 -> v + "i";
            case 2 -> "\"" + v + "\"";
            default -> String.valueOf(v);
        };
    }

    /** Rows as {@code SELECT *} gives them (columns by name: a, b, c, f, i, late, s, time, x), sorted. */
    private static List<String> rows(TestingStorage s) {
        List<String> out = new ArrayList<>();
        List<String> names = s.columnNames("db", "m");
        for (List<Object> row : s.rows("db", "m")) {
            StringBuilder b = new StringBuilder();
            for (String col : List.of("a", "b", "c", "time", "f", "i", "s", "x", "late")) {
                int i = names.indexOf(col);
                b.append(col).append('=').append(i < 0 ? null : row.get(i)).append(' ');
            }
            out.add(b.toString());
        }
        out.sort(null);
        return out;
    }

    private static List<String> expected(Map<Key, Object[]> model) {
        List<String> out = new ArrayList<>();
        model.forEach((k, v) -> out.add("a=" + k.a() + " b=" + k.b() + " c=" + k.c() + " time=" + k.time()
                + " f=" + v[0] + " i=" + v[1] + " s=" + v[2] + " x=" + v[3] + " late=" + v[4] + " "));
        out.sort(null);
        return out;
    }
}
