package io.influxdb3j.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/**
 * Bounded fuzzing of the WAL reader: whatever the bytes, decode either returns contents or throws
 * {@link WalCorruptException}; never another exception, never an attempt to allocate what the
 * input cannot hold.
 */
class WalFileCodecFuzzTest {
    private static final long SEED = 0x1DB3_1DB3L;

    /** Returns true if the bytes decoded, false if they were reported corrupt; fails on anything else. */
    private static boolean decodesOrReportsCorrupt(byte[] bytes, String what) {
        try {
            WalFileCodec.decode(bytes, "fuzz.wal");
            return true;
        } catch (WalCorruptException e) {
            assertThat(e.getMessage()).contains("fuzz.wal");
            return false;
        } catch (Throwable t) {
            fail("decode threw " + t + " for " + what + ": " + Arrays.toString(bytes), t);
            return false;
        }
    }

    /** Frames any payload with a valid header, so the CRC passes and the structural parser is exercised. */
    private static byte[] frame(byte[] payload) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer b = ByteBuffer.allocate(WalFileCodec.HEADER_BYTES + payload.length);
        b.put(WalFileCodec.MAGIC).putShort((short) WalFileCodec.FORMAT_VERSION).putInt(payload.length)
                .putInt((int) crc.getValue()).put(payload);
        return b.array();
    }

    @Test
    void randomBytesAreReportedCorrupt() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[rnd.nextInt(300)];
            rnd.nextBytes(bytes);
            if (rnd.nextBoolean() && bytes.length >= 10) {
                System.arraycopy(WalFileCodec.MAGIC, 0, bytes, 0, 8);
                bytes[8] = 0;
                bytes[9] = 1;
            }
            assertThat(decodesOrReportsCorrupt(bytes, "random bytes")).isFalse();
        }
    }

    @Test
    void randomPayloadsWithValidChecksumsNeverEscapeAsOtherExceptions() {
        Random rnd = new Random(SEED + 1);
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = new byte[rnd.nextInt(200)];
            rnd.nextBytes(payload);
            // small counts make it past the first checks more often
            if (payload.length > 40 && rnd.nextBoolean()) {
                ByteBuffer.wrap(payload, 32, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(rnd.nextInt(3));
            }
            decodesOrReportsCorrupt(frame(payload), "random framed payload");
        }
    }

    @Test
    void mutatedValidPayloadsWithFixedChecksumsNeverEscapeAsOtherExceptions() {
        Random rnd = new Random(SEED + 2);
        int decoded = 0;
        int corrupt = 0;
        for (int i = 0; i < 5_000; i++) {
            byte[] file = WalFileCodec.encode(WalTestData.randomContents(rnd));
            byte[] payload = Arrays.copyOfRange(file, WalFileCodec.HEADER_BYTES, file.length);
            if (payload.length == 0) {
                continue;
            }
            for (int m = 0; m < 4; m++) {
                byte[] mutated = payload.clone();
                switch (rnd.nextInt(4)) {
                    case 0 -> mutated[rnd.nextInt(mutated.length)] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> mutated[rnd.nextInt(mutated.length)] = (byte) rnd.nextInt(256);
                    case 2 -> mutated = Arrays.copyOf(mutated, rnd.nextInt(mutated.length));
                    default -> {
                        int at = rnd.nextInt(Math.max(1, mutated.length - 3));
                        if (at + 4 <= mutated.length) {
                            // a length or count field blown up to something huge
                            ByteBuffer.wrap(mutated, at, 4).putInt(rnd.nextBoolean() ? Integer.MAX_VALUE : -2);
                        }
                    }
                }
                if (decodesOrReportsCorrupt(frame(mutated), "mutated payload")) {
                    decoded++;
                } else {
                    corrupt++;
                }
            }
        }
        // both outcomes occur: the fuzzer reaches deep into the structure, not only the first check
        assertThat(decoded).isPositive();
        assertThat(corrupt).isPositive();
    }
}
