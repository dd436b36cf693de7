package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TestLineProtocolChunks {
    @Test
    void smallInputIsOneChunk() {
        var chunks = LineProtocolChunks.split(bytes("a v=1\nb v=2\n"), 100);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).firstLine()).isEqualTo(1);
        assertThat(chunks.get(0).lines()).isEqualTo(2);
    }

    @Test
    void emptyInputIsOneEmptyChunkSoTheServerSaysSo() {
        var chunks = LineProtocolChunks.split(new byte[0], 10);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).body()).isEmpty();
    }

    @Test
    void exactFitAndLastLineWithoutNewline() {
        // "aaaa\n" is 5 bytes: two lines fill 10 exactly; the last line has no newline.
        var chunks = LineProtocolChunks.split(bytes("aaaa\nbbbb\ncccc\ndd"), 10);

        assertThat(chunks).extracting(c -> new String(c.body(), StandardCharsets.UTF_8))
                .containsExactly("aaaa\nbbbb\n", "cccc\ndd");
        assertThat(chunks).extracting(LineProtocolChunks.Chunk::firstLine).containsExactly(1, 3);
        assertThat(chunks).extracting(LineProtocolChunks.Chunk::lastLine).containsExactly(2, 4);
    }

    @Test
    void oversizedLineIsNamed() {
        assertThatThrownBy(() -> LineProtocolChunks.split(bytes("a\nbbbbbbbbbbbb\nc\n"), 5))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("line 2 is 13 bytes, larger than --max-request-size 5");
    }

    @Test
    void randomInputsRoundTripWithinTheLimit() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            int max = 8 + random.nextInt(60);
            ByteArrayOutputStream input = new ByteArrayOutputStream();
            int lines = random.nextInt(40);
            for (int i = 0; i < lines; i++) {
                int len = random.nextInt(max - 1); // plus the newline stays within max
                for (int j = 0; j < len; j++) {
                    input.write('a' + random.nextInt(26));
                }
                if (i < lines - 1 || random.nextBoolean()) {
                    input.write('\n');
                }
            }
            byte[] in = input.toByteArray();
            List<LineProtocolChunks.Chunk> chunks = LineProtocolChunks.split(in, max);

            ByteArrayOutputStream rejoined = new ByteArrayOutputStream();
            int expectedFirst = 1;
            for (LineProtocolChunks.Chunk c : chunks) {
                assertThat(c.body().length).isLessThanOrEqualTo(Math.max(max, in.length <= max ? in.length : 0));
                assertThat(c.firstLine()).isEqualTo(expectedFirst);
                expectedFirst += c.lines();
                rejoined.writeBytes(c.body());
            }
            assertThat(rejoined.toByteArray()).isEqualTo(in);
            for (int i = 0; i < chunks.size() - 1; i++) {
                byte[] body = chunks.get(i).body();
                assertThat(body[body.length - 1]).isEqualTo((byte) '\n');
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
