package io.influxdb3j.wal;

import static io.influxdb3j.wal.WalTestData.assertSameContents;
import static io.influxdb3j.wal.WalTestData.bits;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class WalFileCodecTest {
    private static WalContents roundTrip(WalContents contents) {
        WalContents decoded = WalFileCodec.decode(WalFileCodec.encode(contents), "test.wal");
        assertSameContents(decoded, contents);
        return decoded;
    }

    private static WalContents smallFile() {
        TableBatch cpu = new TableBatch(3, "cpu", 3, new long[] {1, 2, 3}, List.of(
                new ColumnData.Strings(0, ColumnType.TAG, new String[] {"a", null, "ü"}),
                new ColumnData.Doubles(1, new double[] {0.5, 0, -1}, bits(0, 2)),
                new ColumnData.Longs(2, ColumnType.UINTEGER, new long[] {-1, 7, 0}, bits(0, 1)),
                new ColumnData.Booleans(3, new boolean[] {true, false, true}, bits(1, 2))));
        return new WalContents(7, 1_700_000_000_000L, 1, 3,
                List.of(new WalOp.Write(1, "db", List.of(cpu), 1, 3), new WalOp.Noop()));
    }

    @Test
    void everyColumnKindRoundTripsWithNulls() {
        WalContents decoded = roundTrip(smallFile());
        WalOp.Write write = (WalOp.Write) decoded.ops().get(0);
        TableBatch t = write.tables().get(0);
        assertThat(t.columns()).extracting(ColumnData::type)
                .containsExactly(ColumnType.TAG, ColumnType.FLOAT, ColumnType.UINTEGER, ColumnType.BOOLEAN);
        assertThat(t.columns()).allSatisfy(c -> assertThat(c.isNull(1) || c.isNull(2) || c.isNull(0)).isTrue());
        assertThat(t.columns().get(0).isNull(1)).isTrue();
        assertThat(t.columns().get(1).isNull(1)).isTrue();
        assertThat(t.columns().get(2).isNull(2)).isTrue();
        assertThat(t.columns().get(3).isNull(0)).isTrue();
        assertThat(((ColumnData.Longs) t.columns().get(2)).values()[0]).isEqualTo(-1L);
        assertThat(decoded.ops().get(1)).isEqualTo(new WalOp.Noop());
    }

    @Test
    void unicodeStringsRoundTrip() {
        String[] values = {"温度", "\uD83D\uDE80\uD83D\uDE80", "Zürich", "", "\u0000", "a\u0800b\uFFFFc", null,
                "\uD834\uDD1E", "x".repeat(10_000) + "é"};
        TableBatch t = new TableBatch(1, "таблица \uD83D\uDCC8", values.length, new long[values.length],
                List.of(new ColumnData.Strings(5, ColumnType.STRING, values)));
        WalContents decoded = roundTrip(new WalContents(1, 0, 0, 0, List.of(new WalOp.Write(9, "データ", List.of(t), 0, 0))));
        String[] back = ((ColumnData.Strings) ((WalOp.Write) decoded.ops().get(0)).tables().get(0).columns().get(0)).values();
        assertThat(back).containsExactly(values);
    }

    @Test
    void encodedStringsAreStandardUtf8() {
        String s = "a\u00e9\u4e2d\uD83D\uDE80";
        TableBatch t = new TableBatch(1, s, 0, new long[0], List.of());
        byte[] file = WalFileCodec.encode(new WalContents(1, 0, 0, 0, List.of(new WalOp.Write(1, "d", List.of(t), 0, 0))));
        byte[] expected = s.getBytes(UTF_8);
        assertThat(indexOf(file, expected)).isPositive();
        assertThat(ByteBuffer.wrap(file, indexOf(file, expected) - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(expected.length);
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarksLikeTheJdk() {
        String broken = "a\uD800b\uDC00";
        TableBatch t = new TableBatch(1, broken, 0, new long[0], List.of());
        WalContents decoded = WalFileCodec.decode(WalFileCodec.encode(
                new WalContents(1, 0, 0, 0, List.of(new WalOp.Write(1, "d", List.of(t), 0, 0)))));
        String back = ((WalOp.Write) decoded.ops().get(0)).tables().get(0).tableName();
        assertThat(back).isEqualTo(new String(broken.getBytes(UTF_8), UTF_8)).isEqualTo("a?b?");
    }

    @Test
    void emptyShapesRoundTrip() {
        roundTrip(new WalContents(0, 0, 0, 0, List.of()));
        roundTrip(new WalContents(1, 2, 3, 4, List.of(new WalOp.Noop())));
        roundTrip(new WalContents(1, 2, 3, 4, List.of(new WalOp.Write(1, "db", List.of(), 0, 0))));
        TableBatch noRows = new TableBatch(1, "t", 0, new long[0], List.of(
                new ColumnData.Strings(0, ColumnType.TAG, new String[0]),
                new ColumnData.Doubles(1, new double[0], new BitSet()),
                new ColumnData.Longs(2, ColumnType.INTEGER, new long[0], new BitSet()),
                new ColumnData.Booleans(3, new boolean[0], new BitSet())));
        roundTrip(new WalContents(1, 2, 3, 4, List.of(new WalOp.Write(1, "db", List.of(noRows), 0, 0))));
        TableBatch noColumns = new TableBatch(1, "t", 2, new long[] {5, 6}, List.of());
        roundTrip(new WalContents(1, 2, 3, 4, List.of(new WalOp.Write(1, null, List.of(noColumns), 5, 6))));
    }

    @Test
    void rowCountsAcrossByteBoundariesRoundTrip() {
        Random rnd = new Random(7);
        for (int rows = 0; rows <= 17; rows++) {
            long[] time = new long[rows];
            List<ColumnData> columns = List.of(
                    WalTestData.randomColumn(rnd, 0, rows), WalTestData.randomColumn(rnd, 1, rows),
                    new ColumnData.Booleans(2, alternating(rows), allValid(rows)),
                    new ColumnData.Doubles(3, new double[rows], allValid(rows)));
            roundTrip(new WalContents(rows, 0, 0, 0, List.of(
                    new WalOp.Write(1, "d", List.of(new TableBatch(1, "t", rows, time, columns)), 0, 0))));
        }
    }

    @Test
    void validityBitsBeyondTheRowCountAreDropped() {
        BitSet valid = bits(0, 1, 2, 3, 64, 100);
        TableBatch t = new TableBatch(1, "t", 3, new long[3],
                List.of(new ColumnData.Longs(0, ColumnType.INTEGER, new long[3], valid)));
        WalContents decoded = WalFileCodec.decode(WalFileCodec.encode(
                new WalContents(1, 0, 0, 0, List.of(new WalOp.Write(1, "d", List.of(t), 0, 0)))));
        ColumnData.Longs back = (ColumnData.Longs) ((WalOp.Write) decoded.ops().get(0)).tables().get(0).columns().get(0);
        assertThat(back.valid()).isEqualTo(bits(0, 1, 2));
    }

    @Test
    void arraysOfTheWrongLengthAreRejectedOnEncode() {
        TableBatch t = new TableBatch(1, "cpu", 2, new long[2],
                List.of(new ColumnData.Doubles(4, new double[3], new BitSet())));
        assertThatThrownBy(() -> WalFileCodec.encode(
                new WalContents(1, 0, 0, 0, List.of(new WalOp.Write(1, "d", List.of(t), 0, 0)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table 'cpu' has 2 rows but its column 4 array holds 3 values");
    }

    @Test
    void randomContentsRoundTrip() {
        Random rnd = new Random(20240611L);
        for (int i = 0; i < 2_000; i++) {
            roundTrip(WalTestData.randomContents(rnd));
        }
    }

    @Test
    void headerIsMagicVersionLengthAndCrc() {
        byte[] file = WalFileCodec.encode(smallFile());
        ByteBuffer header = ByteBuffer.wrap(file);
        byte[] magic = new byte[8];
        header.get(magic);
        assertThat(new String(magic, UTF_8)).isEqualTo("IDB3JWAL");
        assertThat(header.getShort()).isEqualTo((short) 1);
        assertThat(header.getInt()).isEqualTo(file.length - 18);
        CRC32C crc = new CRC32C();
        crc.update(file, 18, file.length - 18);
        assertThat(header.getInt()).isEqualTo((int) crc.getValue());
        assertThat(header.order(ByteOrder.LITTLE_ENDIAN).getLong()).as("payload starts with the sequence, little-endian")
                .isEqualTo(7);
    }

    // ------------------------------------------------------------------------------------------
    // corruption

    @Test
    void everySingleByteCorruptionIsDetected() {
        byte[] good = WalFileCodec.encode(smallFile());
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x80, 0xFF}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                int at = i;
                assertThatThrownBy(() -> WalFileCodec.decode(bad, "node1/wal/00000000007.wal"))
                        .as("byte %d flipped with %02x", at, mask)
                        .isExactlyInstanceOf(WalCorruptException.class)
                        .hasMessageContaining("node1/wal/00000000007.wal");
            }
        }
    }

    @Test
    void corruptionMessagesSayWhatIsWrong() {
        byte[] good = WalFileCodec.encode(smallFile());

        byte[] magic = good.clone();
        magic[0] = 'X';
        assertThatThrownBy(() -> WalFileCodec.decode(magic, "f.wal")).hasMessageContaining("bad magic 'XDB3JWAL'");

        byte[] version = good.clone();
        version[9] = 2;
        assertThatThrownBy(() -> WalFileCodec.decode(version, "f.wal")).hasMessageContaining("unknown format version 2");

        byte[] payload = good.clone();
        payload[30] ^= 1;
        assertThatThrownBy(() -> WalFileCodec.decode(payload, "f.wal")).hasMessageContaining("CRC32C mismatch");

        assertThatThrownBy(() -> WalFileCodec.decode(Arrays.copyOf(good, good.length - 1), "f.wal"))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> WalFileCodec.decode(Arrays.copyOf(good, 5), "f.wal"))
                .hasMessageContaining("truncated: 5 bytes is shorter than the 18-byte header");
        assertThatThrownBy(() -> WalFileCodec.decode(Arrays.copyOf(good, good.length + 3), "f.wal"))
                .hasMessageContaining("3 unexpected bytes after the");

        WalCorruptException e = org.junit.jupiter.api.Assertions.assertThrows(WalCorruptException.class,
                () -> WalFileCodec.decode(payload, "node9/wal/00000000001.wal"));
        assertThat(e.file()).isEqualTo("node9/wal/00000000001.wal");
        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(e.getMessage()).startsWith("WAL file 'node9/wal/00000000001.wal' is corrupt: ");
    }

    @Test
    void everyTruncationIsDetected() {
        byte[] good = WalFileCodec.encode(smallFile());
        for (int len = 0; len < good.length; len++) {
            byte[] bad = Arrays.copyOf(good, len);
            assertThatThrownBy(() -> WalFileCodec.decode(bad, "f.wal")).isExactlyInstanceOf(WalCorruptException.class);
        }
    }

    // ------------------------------------------------------------------------------------------
    // throughput

    @Test
    void tenThousandRowsByTwentyColumnsEncodeAndDecodeQuickly() {
        int rows = 10_000;
        Random rnd = new Random(1);
        long[] time = new long[rows];
        for (int i = 0; i < rows; i++) {
            time[i] = 1_700_000_000_000_000_000L + i * 1_000_000L;
        }
        String[] hosts = new String[50];
        for (int i = 0; i < hosts.length; i++) {
            hosts[i] = "host-" + i + ".example.com";
        }
        List<ColumnData> columns = new java.util.ArrayList<>();
        for (int c = 0; c < 20; c++) {
            BitSet valid = new BitSet();
            valid.set(0, rows);
            valid.clear(c);
            columns.add(switch (c % 5) {
                case 0 -> {
                    String[] v = new String[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = hosts[rnd.nextInt(hosts.length)];
                    }
                    yield new ColumnData.Strings(c, ColumnType.TAG, v);
                }
                case 1, 2 -> {
                    double[] v = new double[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = rnd.nextDouble() * 100;
                    }
                    yield new ColumnData.Doubles(c, v, valid);
                }
                case 3 -> {
                    long[] v = new long[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = rnd.nextLong();
                    }
                    yield new ColumnData.Longs(c, ColumnType.INTEGER, v, valid);
                }
                default -> {
                    boolean[] v = new boolean[rows];
                    for (int i = 0; i < rows; i++) {
                        v[i] = rnd.nextBoolean();
                    }
                    yield new ColumnData.Booleans(c, v, valid);
                }
            });
        }
        WalContents contents = new WalContents(1, 0, time[0], time[rows - 1], List.of(new WalOp.Write(1, "db",
                List.of(new TableBatch(1, "cpu", rows, time, columns)), time[0], time[rows - 1])));

        byte[] bytes = null;
        for (int i = 0; i < 200; i++) { // warm up
            bytes = WalFileCodec.encode(contents);
            WalFileCodec.decode(bytes);
        }
        // thread CPU time, best of several rounds: builds running in parallel must not make this flaky
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double encodeMs = Double.MAX_VALUE;
        double decodeMs = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                bytes = WalFileCodec.encode(contents);
            }
            encodeMs = Math.min(encodeMs, (threads.getCurrentThreadCpuTime() - start) / 1e6 / 20);
            start = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < 20; i++) {
                WalFileCodec.decode(bytes);
            }
            decodeMs = Math.min(decodeMs, (threads.getCurrentThreadCpuTime() - start) / 1e6 / 20);
        }
        System.out.printf("WAL codec, 10k rows x 20 columns (4 string), %d bytes: encode %.3f ms (%.0f MB/s), decode %.3f ms (%.0f MB/s) CPU%n",
                bytes.length, encodeMs, bytes.length / encodeMs / 1e3, decodeMs, bytes.length / decodeMs / 1e3);
        assertSameContents(WalFileCodec.decode(bytes), contents);
        // generous bound so a slow machine does not fail; the printed number is what matters
        assertThat(encodeMs).isLessThan(15);
    }

    private static boolean[] alternating(int n) {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = i % 3 == 0;
        }
        return v;
    }

    private static BitSet allValid(int n) {
        BitSet b = new BitSet();
        b.set(0, n);
        return b;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void fileFromPreEncodedOpsIsByteIdenticalToWholeFileEncoding() {
        WalContents contents = smallFile();
        List<WalFileCodec.EncodedOp> ops = contents.ops().stream().map(WalFileCodec::encodeOpInPlace).toList();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (java.nio.ByteBuffer part : WalFileCodec.fileParts(contents.sequence(), contents.persistTimestampMillis(),
                contents.minTimeNanos(), contents.maxTimeNanos(), ops)) {
            out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
        }
        byte[] assembled = out.toByteArray();
        assertThat(assembled).isEqualTo(WalFileCodec.encode(contents));
        assertSameContents(WalFileCodec.decode(assembled), contents);
    }
}
