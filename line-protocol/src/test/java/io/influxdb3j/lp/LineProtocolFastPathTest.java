package io.influxdb3j.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser's shortcuts (names repeated at the same position, the series cache, two-word floats) must
 * give exactly what the general scans give: same lines, errors, Strings, numbers and hashes. Each body
 * is parsed by a parser with the shortcuts and one without, both fresh and both after other bodies.
 */
class LineProtocolFastPathTest {
    private static final String[] NAMES = {
        "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop", "abcdefghijklmnopq",
        "usage_user", "host", "hostname", "x\\ y", "x\\,y", "x\\=y", "é", "日本語キー", "k\"q", "abcdefgh\\ ij",
    };
    private static final String[] VALUES = {
        "1", "-1", "0.0", "-0.0", "1.5", "12.345678", "1234567.1234567", "9999999.9999999", "12345678.1", "1.12345678",
        "0.1", "-100.25", "1e5", "1.5e-3", "2.5E+2", "1.5e", "1.", "1.x", "3i", "-7i", "9u", "\"s\"", "\"a\\\"b\"", "t", "false",
        "00.5", "1.0000001", "7.0e0", "123456789012345678901234567890.5",
    };

    private final LineProtocolParser fast = new LineProtocolParser(64);
    private final LineProtocolParser general = new LineProtocolParser(64);

    LineProtocolFastPathTest() {
        general.fastPaths = false;
    }

    @Test
    void repeatedSeriesAndNamesParseLikeTheGeneralPath() {
        Random random = new Random(11);
        for (int body = 0; body < 400; body++) {
            String[] series = new String[1 + random.nextInt(4)];
            for (int s = 0; s < series.length; s++) {
                series[s] = randomSeries(random);
            }
            String[] fieldKeys = new String[1 + random.nextInt(4)];
            for (int f = 0; f < fieldKeys.length; f++) {
                fieldKeys[f] = pick(random, NAMES);
            }
            StringBuilder sb = new StringBuilder();
            int lines = 1 + random.nextInt(12);
            for (int l = 0; l < lines; l++) {
                if (random.nextInt(10) == 0) {
                    sb.append("# comment ").append(series[0]).append('\n');
                }
                sb.append(series[random.nextInt(series.length)]).append(' ');
                for (int f = 0; f < fieldKeys.length; f++) {
                    sb.append(f == 0 ? "" : ",").append(fieldKeys[f]).append('=').append(pick(random, VALUES));
                }
                if (random.nextBoolean()) {
                    sb.append(' ').append(random.nextBoolean() ? "1451606400000000000" : Long.toString(random.nextLong()));
                }
                if (l < lines - 1 || random.nextBoolean()) {
                    sb.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
                }
            }
            assertSameParse(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void namesAndTagSetsEndingOnWordBoundaries() {
        // Names of 1 to 20 bytes put the separators at every offset in a word, and the body's end at every
        // distance from the last token; each line is repeated so the second copy takes the shortcut.
        for (int n = 1; n <= 20; n++) {
            String name = "n".repeat(n);
            for (int pad = 0; pad < 17; pad++) {
                String line = name + ",t" + "x".repeat(pad) + "=" + name + " " + name + "=1." + "5".repeat(1 + pad % 7);
                assertSameParse((line + "\n" + line + "\n" + line).getBytes(StandardCharsets.UTF_8));
                assertSameParse((line + " 17\r\n" + line + " 17").getBytes(StandardCharsets.UTF_8));
                assertSameParse((line + "\n" + line.replace("=1.", "=-2.") + "e3\n" + line).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void timestampsOfEveryLengthParseLikeTheGeneralPath() {
        // 1 to 21 digits (the three-word shortcut takes 9 to 15 and 17 to 19), around Long.MAX_VALUE, with
        // leading zeros, signs, and what follows the digits at every distance from the body's end.
        List<String> stamps = new ArrayList<>();
        Random random = new Random(9);
        for (int digits = 1; digits <= 21; digits++) {
            stamps.add("9".repeat(digits));
            stamps.add("1" + "0".repeat(digits - 1));
            StringBuilder t = new StringBuilder();
            appendDigits(random, t, digits);
            stamps.add(t.toString());
            stamps.add("-" + t);
        }
        for (String s : new String[] {"9223372036854775807", "9223372036854775808", "-9223372036854775808",
            "1844674407370955161", "09223372036854775807", "0000000000000000001", "1451606400000000000"}) {
            stamps.add(s);
        }
        String[] after = {"", "\n", "\r\n", " ", "  \n", "x", "i", ".5", " 7", "\nm f=1.5 "};
        for (String stamp : stamps) {
            for (String rest : after) {
                String line = "cpu,host=a usage=1.5 " + stamp + rest;
                assertSameParse((line + "\n" + line + "\n" + line + " ".repeat(stamp.length() % 9)).getBytes(StandardCharsets.UTF_8));
                for (int pad = 0; pad < 24; pad += 5) {
                    assertSameParse(("cpu f=1.5 " + stamp + rest + "\n" + "x".repeat(pad)).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void fieldRunsMixingShortcutFloatsAndOtherValues() {
        // The per-line field loop takes memoized keys with d.d floats and hands anything else to the
        // general path mid-set; every value kind in every position, repeated so the keys are memoized.
        Random random = new Random(13);
        String[] keys = {"usage_user", "a", "usage_guest_nice", "usage_guest_nicer", "b\\ c", "é"};
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            int fields = 1 + random.nextInt(6);
            String[] values = new String[fields];
            for (int l = 0; l < 3; l++) {
                sb.append("cpu,host=h").append(random.nextInt(3)).append(' ');
                for (int f = 0; f < fields; f++) {
                    if (l == 0 || random.nextInt(3) == 0) {
                        values[f] = random.nextInt(3) == 0 ? pick(random, VALUES) : randomFloat(random);
                    }
                    sb.append(f == 0 ? "" : ",").append(keys[f % keys.length]).append('=').append(values[f]);
                }
                if (random.nextBoolean()) {
                    sb.append(' ').append(1_451_606_400_000_000_000L + l);
                }
                sb.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            // And cut at every length, so values meet the body's end.
            assertSameParse(body);
            int cut = random.nextInt(body.length + 1);
            assertSameParse(java.util.Arrays.copyOf(body, cut));
        }
    }

    @Test
    void duplicateFieldKeysAreFoundWhateverTheLinesBeforeThem() {
        // Field keys drawn from three names per line: the memo's record of distinct names must follow
        // every change of a slot, so a duplicate is never missed and a distinct set never rejected.
        Random random = new Random(17);
        String[] keys = {"usage_user", "usage_user", "a", "abcdefghijklmnopq", "usage_system"};
        for (int n = 0; n < 2000; n++) {
            StringBuilder sb = new StringBuilder();
            for (int l = 0; l < 6; l++) {
                sb.append("cpu ");
                int fields = 1 + random.nextInt(4);
                for (int f = 0; f < fields; f++) {
                    sb.append(f == 0 ? "" : ",").append(keys[random.nextInt(random.nextInt(4) == 0 ? 5 : 3)])
                            .append('=').append(random.nextBoolean() ? "1.5" : "2i");
                }
                sb.append(" 1451606400000000000\n");
            }
            assertSameParse(sb.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String randomFloat(Random random) {
        StringBuilder t = new StringBuilder();
        if (random.nextInt(4) == 0) {
            t.append('-');
        }
        appendDigits(random, t, 1 + random.nextInt(9));
        t.append('.');
        appendDigits(random, t, 1 + random.nextInt(9));
        if (random.nextInt(10) == 0) {
            t.append(random.nextBoolean() ? "e" : "E").append(random.nextInt(5));
        }
        return t.toString();
    }

    @Test
    void aTagSetSeenBeforeIsStillCheckedAgainstTheRestOfItsLine() {
        byte[] body = ("cpu,host=a,region=eu usage=1.5 1\n"
                + "cpu,host=a,region=eu usage=x 2\n"
                + "cpu,host=a,region=eu\n"
                + "cpu,host=a,region=eu  usage=2.5\n"
                + "cpu,host=a,region=euu usage=1.5 1\n"
                + "cpu,host=a,region=e usage=1.5 1\n"
                + "cpu,host=a,region=eu\\ x usage=1.5 1\n"
                + "cpu,host=a,region=eu\tusage=1.5 1\n"
                + "cpu,host=a,region=eu usage=1.5,usage=2.5 3\n").getBytes(StandardCharsets.UTF_8);
        String rendered = assertSameParse(body);
        assertThat(rendered).contains("line 2 error", "line 3 error", "line 9 error");
    }

    @Test
    void twoWordFloatsAreCorrectlyRounded() {
        Random random = new Random(5);
        StringBuilder body = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder();
            if (random.nextInt(4) == 0) {
                t.append('-');
            }
            appendDigits(random, t, 1 + random.nextInt(8));
            appendDigits(random, t.append('.'), 1 + random.nextInt(8));
            texts.add(t.toString());
            body.append("m f=").append(t).append(random.nextBoolean() ? ",g=1i\n" : " 1\n");
        }
        // Edge cases: the most digits the shortcut takes, halfway cases, zeros, and text at the body's end.
        for (String s : new String[] {"9999999.9999999", "0.0000001", "-0.0", "0.0", "1234567.8901234", "9007199.254740993",
            "0.30000000000000004", "4503599.627370497", "2.5", "-1.5"}) {
            texts.add(s);
            body.append("m f=").append(s).append('\n');
        }
        texts.add("3.25");
        body.append("m f=3.25");
        int[] i = {0};
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        fast.parse(bytes, new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                String text = texts.get(i[0]++);
                assertThat(Double.doubleToRawLongBits(line.floatValue(0))).as(text)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                throw new AssertionError(error.toString());
            }
        });
        assertThat(i[0]).isEqualTo(texts.size());
        assertSameParse(bytes);
    }

    @Test
    void mutatedRepetitiveBodiesParseLikeTheGeneralPath() {
        Random random = new Random(3);
        byte[] interesting = " ,=\\\"\n\r\t#-.0123456789eEi".getBytes(StandardCharsets.ISO_8859_1);
        for (int n = 0; n < 3000; n++) {
            StringBuilder sb = new StringBuilder();
            String series = randomSeries(random);
            for (int l = 0; l < 4; l++) {
                sb.append(series).append(" usage_user=").append(pick(random, VALUES)).append(",usage_system=1.25 14\n");
            }
            byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
            for (int m = random.nextInt(3); m >= 0; m--) {
                body[random.nextInt(body.length)] = interesting[random.nextInt(interesting.length)];
            }
            assertSameParse(body);
        }
    }

    /** Both parsers, on a body parsed twice (the second time, every shortcut's memory is warm). */
    private String assertSameParse(byte[] body) {
        String expected = render(general, body);
        String first = render(fast, body);
        String second = render(fast, body);
        String text = new String(body, StandardCharsets.UTF_8);
        assertEquals(expected, first, text);
        assertEquals(expected, second, text);
        return expected;
    }

    /** Everything a line offers, hashes included. */
    private static String render(LineProtocolParser parser, byte[] body) {
        StringBuilder sb = new StringBuilder();
        parser.parse(body, 0, body.length, new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                sb.append("line ").append(line.lineNumber()).append(" ok ").append(TestingLineRecorder.quote(line.originalLine()))
                        .append(" series ").append(line.seriesHash()).append('\n');
                TestingLineRecorder.appendContent(sb, line);
                for (int i = 0; i < line.fieldCount(); i++) {
                    if (line.fieldKind(i) == FieldKind.FLOAT) {
                        sb.append("  bits ").append(Double.doubleToRawLongBits(line.floatValue(i))).append('\n');
                    }
                }
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                sb.append("line ").append(error.lineNumber()).append(" error at ").append(error.position()).append(": ")
                        .append(error.message()).append(' ').append(TestingLineRecorder.quote(error.originalLine())).append('\n');
                return true;
            }
        });
        return sb.toString();
    }

    private static String randomSeries(Random random) {
        StringBuilder sb = new StringBuilder(pick(random, NAMES));
        int tags = random.nextInt(5);
        for (int t = 0; t < tags; t++) {
            sb.append(',').append(pick(random, NAMES)).append('=').append(pick(random, NAMES));
        }
        return sb.toString();
    }

    private static String pick(Random random, String[] options) {
        return options[random.nextInt(options.length)];
    }

    private static void appendDigits(Random random, StringBuilder sb, int count) {
        for (int k = 0; k < count; k++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
    }
}
