package io.influxdb3j.lp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid bodies (the golden inputs) with random bytes, insertions, deletions and splices: the
 * parser must never throw or hang, and every report must be sane (line numbers increasing from 1,
 * positions inside the line, names and values readable).
 */
class LineProtocolFuzzTest {
    private static final byte[] INTERESTING = " ,=\\\"\n\r\t#-.0123456789eEiutTfF\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void mutatedBodiesNeverBreakTheParser() throws IOException {
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Stream.concat(
                Files.list(Path.of("src/test/resources/golden/valid")), Files.list(Path.of("src/test/resources/golden/invalid")))) {
            for (Path p : files.filter(p -> p.toString().endsWith(".lp")).sorted().toList()) {
                seeds.add(Files.readAllBytes(p));
            }
        }
        Random random = new Random(7);
        LineProtocolParser parser = new LineProtocolParser(64);
        LineProtocolParser cutFirst = new LineProtocolParser(64);
        cutFirst.optimisticPass = false;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 6_000; i++) {
                byte[] body = mutate(random, seeds.get(random.nextInt(seeds.size())));
                check(parser, body);
                // The optimistic single pass must give exactly what cutting lines first gives.
                String fast = TestingLineRecorder.render(parser, body);
                String exact = TestingLineRecorder.render(cutFirst, body);
                if (!fast.equals(exact)) {
                    assertEquals(exact, fast, "body: " + new String(body, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
    }

    private static void check(LineProtocolParser parser, byte[] body) {
        int maxLines = 1;
        for (byte b : body) {
            if (b == '\n') {
                maxLines++;
            }
        }
        int limit = maxLines;
        int[] last = {0};
        parser.parse(body, 0, body.length, new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                next(line.lineNumber());
                require(!line.originalLine().isEmpty() && !line.measurement().isEmpty() && line.fieldCount() > 0, "empty parts", line);
                line.seriesHash();
                line.toString();
                for (int i = 0; i < line.tagCount(); i++) {
                    require(!line.tagKey(i).isEmpty() && !line.tagValue(i).isEmpty(), "empty tag", line);
                }
                for (int i = 0; i < line.fieldCount(); i++) {
                    require(!line.fieldKey(i).isEmpty(), "empty field key", line);
                    switch (line.fieldKind(i)) {
                        case FLOAT -> line.floatValue(i);
                        case INTEGER, UINTEGER -> line.longValue(i);
                        case STRING -> require(line.stringValue(i).length() <= 64, "string over the limit", line);
                        case BOOLEAN -> line.booleanValue(i);
                    }
                }
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                next(error.lineNumber());
                int lineBytes = error.originalLine().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                require(!error.message().isBlank(), "blank message", error);
                require(error.position() >= 1 && error.position() <= Math.max(1, lineBytes) + 1, "position outside the line", error);
                return true;
            }

            private void next(int lineNumber) {
                require(lineNumber == last[0] + 1 && lineNumber <= limit, "line number " + lineNumber + " after " + last[0], body);
                last[0] = lineNumber;
            }
        });
    }

    /** Plain checks: AssertJ per value would dominate the run time. */
    private static void require(boolean ok, String what, Object context) {
        if (!ok) {
            throw new AssertionError(what + ": " + (context instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : context));
        }
    }

    private static byte[] mutate(Random random, byte[] seed) {
        byte[] b = seed.clone();
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(5)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> b = splice(b, at, new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]}, 0);
                case 3 -> b = splice(b, at, new byte[0], 1 + random.nextInt(Math.min(8, b.length - at)));
                default -> {
                    int from = random.nextInt(b.length);
                    int len = random.nextInt(Math.min(32, b.length - from) + 1);
                    byte[] piece = java.util.Arrays.copyOfRange(b, from, from + len);
                    b = splice(b, at, piece, 0);
                }
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert, int delete) {
        byte[] out = new byte[b.length - delete + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + delete, out, at + insert.length, b.length - at - delete);
        return out;
    }
}
