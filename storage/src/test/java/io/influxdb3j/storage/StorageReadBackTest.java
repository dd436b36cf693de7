package io.influxdb3j.storage;

import static io.influxdb3j.storage.TestingStorage.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a query reads back after writes, from the buffer and from Parquet, with InfluxDB's dedup rules. */
class StorageReadBackTest {
    @TempDir
    Path dir;

    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
    private TestingStorage s;

    @BeforeEach
    void open() {
        s = new TestingStorage(dir, time);
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void bufferHoldsEveryTypeWithNullsForAbsentFields() {
        s.writeOk("db", """
                m,t=a f=1.5,i=-2i,u=18446744073709551615u,b=true,s="héllo \\"wörld\\" 😀 日本" 10
                m,t=b f=2,u=9223372036854775808u,b=F 20
                m s="only",i=9223372036854775807i 30
                """);
        assertThat(s.columnNames("db", "m")).containsExactly("b", "f", "i", "s", "t", "time", "u");
        // ordered by every column, the first being b (false, true, null)
        assertThat(s.rows("db", "m")).containsExactly(
                row(false, 2.0, null, null, "b", 20L, new BigInteger("9223372036854775808")),
                row(true, 1.5, -2L, "héllo \"wörld\" 😀 日本", "a", 10L, new BigInteger("18446744073709551615")),
                row(null, null, Long.MAX_VALUE, "only", null, 30L, null));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(
                row(false, 2.0, null, null, "b", 20L, new BigInteger("9223372036854775808")),
                row(true, 1.5, -2L, "héllo \"wörld\" 😀 日本", "a", 10L, new BigInteger("18446744073709551615")),
                row(null, null, Long.MAX_VALUE, "only", null, 30L, null));
    }

    @Test
    void emptyStringIsAValueNotNull() {
        s.writeOk("db", "m s=\"\" 1\nm v=1 2");
        assertThat(s.rows("db", "m")).containsExactly(row("", 1L, null), row(null, 2L, 1.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("", 1L, null), row(null, 2L, 1.0));
    }

    @Test
    void selectStarIsSortedByColumnNameNotWriteOrder() {
        s.writeOk("db", "cpu,zone=z,host=h,Region=r usage=1,alpha=2i,_under=\"x\",Zeta=true 1");
        s.writeOk("db", "cpu,az=q beta=1 2");
        assertThat(s.columnNames("db", "cpu"))
                .containsExactly("Region", "Zeta", "_under", "alpha", "az", "beta", "host", "time", "usage", "zone");
        s.storage.forceSnapshot();
        assertThat(s.columnNames("db", "cpu"))
                .containsExactly("Region", "Zeta", "_under", "alpha", "az", "beta", "host", "time", "usage", "zone");
    }

    @Test
    void laterWriteOfTheSameSeriesAndTimeWinsFieldByField() {
        s.writeOk("db", "m,t=a x=1,y=1 100");
        s.writeOk("db", "m,t=a x=2 100");
        s.writeOk("db", "m,t=a z=\"late\" 100");
        s.writeOk("db", "m,t=b x=9 100");
        s.writeOk("db", "m x=7 100");
        // columns: t, time, x, y, z
        assertThat(s.rows("db", "m")).containsExactly(
                row("a", 100L, 2.0, 1.0, "late"),
                row("b", 100L, 9.0, null, null),
                row(null, 100L, 7.0, null, null));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(
                row("a", 100L, 2.0, 1.0, "late"),
                row("b", 100L, 9.0, null, null),
                row(null, 100L, 7.0, null, null));
    }

    @Test
    void walFilesAppliedTogetherKeepTheirOrderForDedup() {
        WriteValidator validator = new WriteValidator(s.catalog, time);
        byte[] first = "m,t=a x=1 100\nm,t=b x=5 100".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] second = "m,t=a x=2 100\nm,t=c x=3 200".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var one = validator.validate("db", first, 0, first.length, io.influxdb3j.common.Precision.NANOSECOND, false).op();
        var two = validator.validate("db", second, 0, second.length, io.influxdb3j.common.Precision.NANOSECOND, false).op();
        // as the WAL's apply thread hands over files that queued up: rows of both, one commit
        s.storage.buffer().onWalFiles(List.of(
                new io.influxdb3j.wal.WalContents(7, 0, 100, 100, List.of(one)),
                new io.influxdb3j.wal.WalContents(8, 0, 100, 200, List.of(two))));
        assertThat(s.storage.buffer().appliedSequence()).isEqualTo(8);
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0), row("b", 100L, 5.0), row("c", 200L, 3.0));
    }

    @Test
    void repeatsInTheBufferAreMergedWhilePersistedRowsOutsideItsRangeAreReadAsTheyAre() {
        s.writeOk("db", "m,t=a x=1 100\nm,t=b x=2 100");
        s.storage.forceSnapshot();
        s.writeOk("db", "m,t=a x=3,y=1 1000000000000\nm y=5 1000000000000");
        s.writeOk("db", "m,t=a x=4 1000000000000\nm,t=a x=5 2000000000000\nm x=6 1000000000000");
        List<List<Object>> merged = List.of(
                row("a", 100L, 1.0, null),
                row("a", 1_000_000_000_000L, 4.0, 1.0),
                row("a", 2_000_000_000_000L, 5.0, null),
                row("b", 100L, 2.0, null),
                row(null, 1_000_000_000_000L, 6.0, 5.0));
        assertThat(s.rows("db", "m")).containsExactlyElementsOf(merged);
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactlyElementsOf(merged);
    }

    @Test
    void dedupAcrossBufferAndParquet() {
        s.writeOk("db", "m,t=a x=1,y=1 100\nm,t=a x=1 200");
        s.storage.forceSnapshot();
        s.writeOk("db", "m,t=a x=2 100");
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1.0), row("a", 200L, 1.0, null));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1.0), row("a", 200L, 1.0, null));
        s.writeOk("db", "m,t=a y=3 200");
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1.0), row("a", 200L, 1.0, 3.0));
    }

    private boolean mayHaveDuplicates(String table) {
        var d = s.db("db");
        return s.storage.buffer().table(d.id(), d.table(table).id()).mayHaveDuplicates;
    }

    @Test
    void writesOfDisjointTimeRangesArrivingOutOfOrderNeedNoMerge() {
        // as concurrent writers of consecutive time slices deliver them: later slice first
        s.writeOk("db", "m,t=a x=3 300\nm,t=b x=3 300\nm,t=a x=4 400\nm,t=b x=4 400");
        s.writeOk("db", "m,t=a x=1 100\nm,t=b x=1 100\nm,t=a x=2 200\nm,t=b x=2 200");
        // and series written in order by separate writers, at the same times
        s.writeOk("db", "n,t=a x=1 100\nn,t=b x=1 100");
        s.writeOk("db", "n,t=c x=1 100\nn,t=a x=2 200");
        assertThat(mayHaveDuplicates("m")).isFalse();
        assertThat(mayHaveDuplicates("n")).isFalse();
        assertThat(s.rows("db", "m")).hasSize(8);
        assertThat(s.rows("db", "n")).hasSize(4);
    }

    @Test
    void anOlderRowRepeatedWithinOneWriteIsMerged() {
        s.writeOk("db", "m,t=a x=1 500");
        // both lines older than the series' newest row, and outside every earlier write's span
        s.writeOk("db", "m,t=a x=2,y=1 100\nm,t=a x=3 100");
        assertThat(mayHaveDuplicates("m")).isTrue();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 3.0, 1.0), row("a", 500L, 1.0, null));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 3.0, 1.0), row("a", 500L, 1.0, null));
    }

    @Test
    void anOlderRowRepeatingAnEarlierWriteIsMerged() {
        s.writeOk("db", "m,t=a x=1 100\nm,t=a x=1 500");
        s.writeOk("db", "m,t=b x=9 300");
        s.writeOk("db", "m,t=a x=2 100");
        assertThat(mayHaveDuplicates("m")).isTrue();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0), row("a", 500L, 1.0), row("b", 300L, 9.0));
    }

    @Test
    void laterLineOfTheSameBodyWins() {
        s.writeOk("db", "m,t=a x=1 100\nm,t=a x=2 100\nm,t=a x=3 100");
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 3.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 3.0));
    }

    @Test
    void tagPresentAndTagAbsentAreDifferentSeries() {
        s.writeOk("db", "m,t=a v=1 1\nm v=2 1\nm,u=x v=3 1");
        assertThat(s.rows("db", "m")).containsExactly(
                row("a", 1L, null, 1.0),
                row(null, 1L, "x", 3.0),
                row(null, 1L, null, 2.0));
    }

    @Test
    void resultsAreIdenticalBeforeAndAfterSnapshot() {
        // several series, out-of-order times, several gen1 chunks, duplicates across writes, schema growth
        long base = TestingTimeProvider.toNanos(Instant.parse("2024-03-10T14:55:00Z"));
        StringBuilder lp = new StringBuilder();
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 300; i++) {
            long t = base + (long) r.nextInt(40) * 60_000_000_000L + r.nextInt(3);
            lp.append("cpu,host=h").append(r.nextInt(5));
            if (r.nextBoolean()) {
                lp.append(",region=r").append(r.nextInt(2));
            }
            lp.append(" usage=").append(r.nextInt(100)).append(".5");
            if (i % 7 == 0) {
                lp.append(",idle=").append(i).append('i');
            }
            lp.append(' ').append(t).append('\n');
            if (i % 50 == 49) {
                s.writeOk("db", lp.toString());
                lp.setLength(0);
            }
        }
        s.writeOk("db", "mem,host=h1 free=1u " + base + "\nmem,host=h1 ok=true " + base);
        List<List<Object>> cpuBefore = s.rows("db", "cpu");
        List<List<Object>> memBefore = s.rows("db", "mem");
        assertThat(cpuBefore).isNotEmpty();
        List<PersistedFile> files = s.storage.forceSnapshot();
        assertThat(files).hasSizeGreaterThan(2);
        assertThat(s.rows("db", "cpu")).isEqualTo(cpuBefore);
        assertThat(s.rows("db", "mem")).isEqualTo(memBefore).containsExactly(row(BigInteger.ONE, "h1", true, base));
    }

    @Test
    void rowsWrittenAfterASnapshotJoinThePersistedOnes() {
        s.writeOk("db", "m,t=a v=1 1\nm,t=b v=2 2");
        s.storage.forceSnapshot();
        s.writeOk("db", "m,t=c v=3,w=1i 3");
        assertThat(s.rows("db", "m")).containsExactly(
                row("a", 1L, 1.0, null), row("b", 2L, 2.0, null), row("c", 3L, 3.0, 1L));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(
                row("a", 1L, 1.0, null), row("b", 2L, 2.0, null), row("c", 3L, 3.0, 1L));
        assertThat(s.storage.forceSnapshot()).as("nothing new to persist").isEmpty();
    }

    @Test
    void noSyncWritesBecomeVisibleAfterTheNextFlush() {
        byte[] body = "m v=1 1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        s.storage.write("db", body, 0, body.length, io.influxdb3j.common.Precision.NANOSECOND, true, true);
        s.storage.wal().forceFlush();
        assertThat(s.rows("db", "m")).containsExactly(row(1L, 1.0));
    }

    @Test
    void retentionHidesOlderRows() {
        s.catalog.createDatabase("r", java.time.Duration.ofHours(1).toNanos());
        long now = time.nowNanos();
        long hour = java.time.Duration.ofHours(1).toNanos();
        s.writeOk("r", "m v=1 " + (now - 2 * hour) + "\nm v=2 " + (now - hour / 2) + "\nm v=3 " + now);
        assertThat(s.rows("r", "m")).containsExactly(row(now - hour / 2, 2.0), row(now, 3.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("r", "m")).containsExactly(row(now - hour / 2, 2.0), row(now, 3.0));
        time.advance(java.time.Duration.ofMinutes(45));
        assertThat(s.rows("r", "m")).containsExactly(row(now, 3.0));
        s.catalog.setRetention("r", null);
        assertThat(s.rows("r", "m")).hasSize(3);
    }
}
