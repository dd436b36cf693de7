package io.influxdb3j.lp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property: any line built by {@link LineProtocolWriter} from random names and values (including every
 * character that needs escaping, backslashes and non-ASCII text) parses back to the same content, and
 * re-serialising the parsed line gives the same text.
 */
class LineProtocolRoundTripTest {
    private static final String ALPHABET = "abcXYZ019_-.,= \\\"'#é日🎉\t\n\r";

    private record Field(String key, FieldKind kind, Object value) {
    }

    private record Line(String measurement, List<String[]> tags, List<Field> fields, Long timestamp) {
    }

    @Test
    void randomLinesReadBackUnchanged() {
        Random random = new Random(20240611);
        LineProtocolParser parser = new LineProtocolParser();
        LineProtocolWriter writer = new LineProtocolWriter();
        for (int round = 0; round < 200; round++) {
            List<Line> lines = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                Line line = randomLine(random);
                lines.add(line);
                body.append(write(writer, line)).append(random.nextBoolean() ? "\n" : "\r\n");
            }
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            List<String> reserialised = new ArrayList<>();
            int[] seen = {0};
            parser.parse(bytes, 0, bytes.length, new LineSink() {
                @Override
                public boolean onLine(ParsedLine parsed) {
                    Line expected = lines.get(seen[0]++);
                    assertSame(parsed, expected, body);
                    reserialised.add(parsed.toString());
                    return true;
                }

                @Override
                public boolean onError(LineError error) {
                    throw new AssertionError(error + " in body:\n" + body);
                }
            });
            assertThat(seen[0]).isEqualTo(count);
            for (int i = 0; i < count; i++) {
                String written = write(writer, lines.get(i));
                if (!reserialised.get(i).equals(written)) {
                    assertThat(reserialised.get(i)).isEqualTo(written);
                }
            }
        }
    }

    /** Compares the parsed line with what was written, both rendered as golden-file text. */
    private static void assertSame(ParsedLine parsed, Line expected, CharSequence body) {
        StringBuilder actual = new StringBuilder();
        TestingLineRecorder.appendContent(actual, parsed);
        String wanted = render(expected);
        if (!wanted.contentEquals(actual)) {
            assertThat(actual.toString()).as("body:%n%s", body).isEqualTo(wanted);
        }
    }

    private static String render(Line line) {
        StringBuilder sb = new StringBuilder();
        sb.append("  measurement ").append(TestingLineRecorder.quote(line.measurement())).append('\n');
        for (String[] tag : line.tags()) {
            sb.append("  tag ").append(TestingLineRecorder.quote(tag[0])).append(" = ").append(TestingLineRecorder.quote(tag[1])).append('\n');
        }
        for (Field f : line.fields()) {
            sb.append("  field ").append(TestingLineRecorder.quote(f.key())).append(' ').append(f.kind()).append(' ');
            switch (f.kind()) {
                case UINTEGER -> sb.append(Long.toUnsignedString((Long) f.value()));
                case STRING -> sb.append(TestingLineRecorder.quote((String) f.value()));
                default -> sb.append(f.value());
            }
            sb.append('\n');
        }
        sb.append("  timestamp ").append(line.timestamp() == null ? "none" : line.timestamp().toString()).append('\n');
        return sb.toString();
    }

    private static String write(LineProtocolWriter writer, Line line) {
        writer.measurement(line.measurement());
        for (String[] tag : line.tags()) {
            writer.tag(tag[0], tag[1]);
        }
        for (Field f : line.fields()) {
            switch (f.kind()) {
                case FLOAT -> writer.floatField(f.key(), (Double) f.value());
                case INTEGER -> writer.intField(f.key(), (Long) f.value());
                case UINTEGER -> writer.uintField(f.key(), (Long) f.value());
                case STRING -> writer.stringField(f.key(), (String) f.value());
                case BOOLEAN -> writer.boolField(f.key(), (Boolean) f.value());
            }
        }
        if (line.timestamp() != null) {
            writer.timestamp(line.timestamp());
        }
        return writer.build();
    }

    private static Line randomLine(Random random) {
        String measurement = name(random, true);
        List<String[]> tags = new ArrayList<>();
        int tagCount = random.nextInt(5);
        for (int i = 0; i < tagCount; i++) {
            tags.add(new String[] {name(random, false), name(random, false)});
        }
        Set<String> keys = new LinkedHashSet<>();
        int fieldCount = 1 + random.nextInt(6);
        while (keys.size() < fieldCount) {
            keys.add(name(random, false));
        }
        List<Field> fields = new ArrayList<>();
        for (String key : keys) {
            FieldKind kind = FieldKind.values()[random.nextInt(5)];
            Object value = switch (kind) {
                case FLOAT -> randomDouble(random);
                case INTEGER -> randomLong(random);
                case UINTEGER -> randomLong(random);
                case STRING -> text(random, random.nextInt(12));
                case BOOLEAN -> random.nextBoolean();
            };
            fields.add(new Field(key, kind, value));
        }
        Long timestamp = random.nextInt(4) == 0 ? null : randomLong(random);
        return new Line(measurement, tags, fields, timestamp);
    }

    /** A name line protocol can carry: not empty, no trailing backslash, tab/newline only after a backslash. */
    private static String name(Random random, boolean measurement) {
        while (true) {
            String s = text(random, 1 + random.nextInt(10));
            if (s.endsWith("\\") || (measurement && s.startsWith("#"))) {
                continue;
            }
            boolean ok = true;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if ((c == '\t' || c == '\n') && (i == 0 || s.charAt(i - 1) != '\\')) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                return s;
            }
        }
    }

    private static String text(Random random, int codePoints) {
        StringBuilder sb = new StringBuilder();
        int[] alphabet = ALPHABET.codePoints().toArray();
        for (int i = 0; i < codePoints; i++) {
            sb.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
        }
        return sb.toString();
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(1000) - 500;
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> random.nextLong() >> random.nextInt(64);
        };
    }

    private static double randomDouble(Random random) {
        while (true) {
            double d = switch (random.nextInt(4)) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextInt(100000) / 100.0;
                case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                default -> (double) random.nextInt();
            };
            if (Double.isFinite(d)) {
                return d;
            }
        }
    }
}
