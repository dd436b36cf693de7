package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesIndexTest {
    private static int id(SeriesIndex index, String[][] columns, int r) {
        int id = index.idOf(columns, r, SeriesIndex.hash(columns, r));
        return id < 0 ? -1 - id : id;
    }

    @Test
    void equalTagSetsShareAnIdAndDifferentOnesDoNot() {
        SeriesIndex index = new SeriesIndex();
        String[][] cols = {{"a", "a", "b", null}, {"x", new String("x"), "x", "x"}};
        int first = index.idOf(cols, 0, SeriesIndex.hash(cols, 0));
        assertThat(first).as("new series are reported as added").isNegative();
        assertThat(id(index, cols, 1)).as("equal values, different String objects").isEqualTo(-1 - first);
        assertThat(id(index, cols, 2)).isNotEqualTo(-1 - first);
        assertThat(id(index, cols, 3)).as("a null tag is its own series").isNotIn(-1 - first, id(index, cols, 2));
        assertThat(index.size()).isEqualTo(3);
        assertThat(index.tags(-1 - first)).containsExactly("a", "x");
    }

    @Test
    void aTagSetKeepsItsIdAfterATagColumnIsAdded() {
        SeriesIndex index = new SeriesIndex();
        String[][] before = {{"a"}};
        int id = id(index, before, 0);
        String[][] after = {{"a", "a"}, {null, "z"}};
        assertThat(id(index, after, 0)).isEqualTo(id);
        assertThat(id(index, after, 1)).isNotEqualTo(id);
    }

    @Test
    void collidingHashesStillSeparateSeries() {
        SeriesIndex index = new SeriesIndex();
        String[][] cols = {{"a", "b"}};
        int a = -1 - index.idOf(cols, 0, 42);
        int b = index.idOf(cols, 1, 42);
        assertThat(b).as("same hash, other tags: a new series").isNegative();
        assertThat(-1 - b).isNotEqualTo(a);
        assertThat(index.idOf(cols, 0, 42)).isEqualTo(a);
        assertThat(index.idOf(cols, 1, 42)).isEqualTo(-1 - b);
    }

    @Test
    void manySeriesGrowTheTableAndKeepTheirMaxTimes() {
        SeriesIndex index = new SeriesIndex();
        String[][] cols = {new String[10_000]};
        for (int i = 0; i < cols[0].length; i++) {
            cols[0][i] = "host_" + i;
        }
        for (int i = 0; i < cols[0].length; i++) {
            assertThat(index.putMax(id(index, cols, i), i)).isEqualTo(Long.MIN_VALUE);
        }
        for (int i = 0; i < cols[0].length; i++) {
            assertThat(index.putMax(id(index, cols, i), 0)).isEqualTo(i);
        }
        assertThat(index.size()).isEqualTo(10_000);
        index.clear();
        assertThat(index.size()).isZero();
        assertThat(index.idOf(cols, 5, SeriesIndex.hash(cols, 5))).isNegative();
    }
}
