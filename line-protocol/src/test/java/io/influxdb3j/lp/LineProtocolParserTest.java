package io.influxdb3j.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineProtocolParserTest {
    private final LineProtocolParser parser = new LineProtocolParser();

    @Test
    void messagesMatchInfluxDb() {
        // The message texts InfluxDB 3 reports for these inputs.
        assertThat(firstError("measurement")).isEqualTo("Expected at least one space character, got end of input");
        assertThat(firstError(",")).isEqualTo("Invalid measurement was provided");
        assertThat(firstError("J,#")).isEqualTo("Tag set malformed: could not find equals sign in `#`");
        assertThat(firstError("J," + "a".repeat(200))).isEqualTo("Tag set malformed: could not find equals sign in `aaaaaaaaaa...`");
        assertThat(firstError("J,")).isEqualTo("Expected tag key, got end of input");
        assertThat(firstError("testmeasure, bar=1i")).isEqualTo("Expected tag key, got ` bar=1i`");
        assertThat(firstError("testmeasure, " + "b".repeat(200) + "=1i")).isEqualTo("Expected tag key, got ` bbbbbbbbb...`");
        assertThat(firstError("0,,=")).isEqualTo("Expected tag value, got end of input");
        assertThat(firstError("testmeasure,foo\\=\\,baz= bar=1i")).isEqualTo("Expected tag value, got ` bar=1i`");
        assertThat(firstError("testmeasure,foo=,baz= bar=1i")).isEqualTo("Expected tag value, got `,baz= bar=...`");
        assertThat(firstError("metrics,bananas=,platanos=great value=1.000000 1725629157696678000"))
                .isEqualTo("Expected tag value, got `,platanos=...`");
        assertThat(firstError("testmeasure,foo=f bar=1i,baz=")).isEqualTo("Could not parse entire line. Found trailing content: `baz=`");
        assertThat(firstError("testmeasure,foo=f bar=1i,ba" + "z".repeat(100) + "="))
                .isEqualTo("Could not parse entire line. Found trailing content: `bazzzzzzzz...`");
        assertThat(firstError("\u001b# /")).isEqualTo("No fields were provided");
        assertThat(firstError(":\u0014\\")).isEqualTo(ErrorMessages.ENDS_WITH_BACKSLASH);
        assertThat(firstError("testmeasure field=3.0 1888888888888888888888"))
                .isEqualTo("Unable to parse timestamp value `1888888888888888888888`");
        assertThat(firstError("testmeasure field=66666666666666666666666666666666666666666666668i"))
                .isEqualTo("Unable to parse integer value `66666666666666666666666666666666666666666666668`");
        assertThat(firstError("m f=18446744073709551616u")).isEqualTo("Unable to parse unsigned integer value `18446744073709551616`");
        assertThat(firstError("m f=1,f=2")).isEqualTo("invalid line protocol - multiple instances of 'f' field found");
    }

    @Test
    void truncatedContextCountsCharactersNotBytes() {
        assertThat(firstError("m f=1 " + "é".repeat(5))).isEqualTo("Could not parse entire line. Found trailing content: ` ééééé...`");
        assertThat(ErrorMessages.truncatedText(bytes("ééééé"), 0, 10)).isEqualTo("ééééé");
        assertThat(ErrorMessages.truncatedText(bytes("éééééé"), 0, 12)).isEqualTo("éééééé...");
    }

    @Test
    void errorsCarryLineNumberPositionAndWholeLine() {
        TestingLineRecorder r = parse("# c\n\ngood f=1\n  bad,t=1 f=1 12x\ngood f=2\n");
        assertThat(r.lines()).isEqualTo(2);
        assertThat(r.errors()).containsExactly(
                new LineError(2, "Could not parse entire line. Found trailing content: `x`", 17, "  bad,t=1 f=1 12x"));
    }

    @Test
    void badLineDoesNotAffectTheNext() {
        TestingLineRecorder r = parse("goodline,tag1=one,tag2=2 value=1 123\n        badline,\n anothergoodline,tag3=3,tag4=4 value=67 1234");
        assertThat(r.errors()).extracting(LineError::message).containsExactly("Expected tag key, got end of input");
        assertThat(r.errors()).extracting(LineError::lineNumber).containsExactly(2);
        assertThat(r.lines()).isEqualTo(2);
    }

    @Test
    void defaultStringLimitIsOneMebibyte() {
        String ok = "m s=\"" + "x".repeat(1 << 20) + "\"";
        String tooLong = "m s=\"" + "x".repeat((1 << 20) + 1) + "\"";
        assertThat(parse(ok).errors()).isEmpty();
        assertThat(parse(tooLong).errors()).extracting(LineError::message).containsExactly("String is greater than 1MB");
        assertThat(parse("m,t=" + "v".repeat((1 << 20) + 1) + " f=1").errors())
                .extracting(LineError::message).containsExactly("String is greater than 1MB");
        assertThat(ErrorMessages.tooLargeMessage(64 * 1024)).isEqualTo("String is greater than 64KB");
        assertThat(ErrorMessages.tooLargeMessage(100)).isEqualTo("String is greater than 100 bytes");
    }

    @Test
    void parsesOnlyTheGivenRange() {
        byte[] body = bytes("xxxm f=1 1\nm f=2 2yyy");
        TestingLineRecorder r = new TestingLineRecorder();
        parser.parse(body, 3, body.length - 6, r);
        assertThat(r.errors()).isEmpty();
        assertThat(r.lines()).isEqualTo(2);
        assertThatThrownBy(() -> parser.parse(body, 5, body.length, r)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void stopsWhenTheSinkSaysSo() {
        List<Integer> seen = new ArrayList<>();
        parser.parse(bytes("m f=1\nbad\nm f=3\n"), new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                seen.add(line.lineNumber());
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                seen.add(-error.lineNumber());
                return false;
            }
        });
        assertThat(seen).containsExactly(1, -2);
    }

    @Test
    void valuesOfTheWrongKindAreRejected() {
        parser.parse(bytes("m f=1,i=2i,u=3u,s=\"x\",b=t"), new ExpectOneLine(line -> {
            assertThat(line.floatValue(0)).isEqualTo(1.0);
            assertThat(line.longValue(1)).isEqualTo(2);
            assertThat(line.longValue(2)).isEqualTo(3);
            assertThat(line.stringValue(3)).isEqualTo("x");
            assertThat(line.booleanValue(4)).isTrue();
            assertThatThrownBy(() -> line.longValue(0)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("field 'f' is FLOAT, not INTEGER or UINTEGER");
            assertThatThrownBy(() -> line.floatValue(1)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> line.stringValue(4)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> line.booleanValue(3)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> line.fieldKey(5)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> line.tagKey(0)).isInstanceOf(IndexOutOfBoundsException.class);
        }));
    }

    @Test
    void repeatedNamesAndTagValuesAreTheSameInstance() {
        List<String> names = new ArrayList<>();
        parser.parse(bytes("cpu,host=a usage=1\ncpu,host=a usage=2\n"), new ExpectLines(line -> {
            names.add(line.measurement());
            names.add(line.tagKey(0));
            names.add(line.tagValue(0));
            names.add(line.fieldKey(0));
        }));
        assertThat(names).hasSize(8);
        for (int i = 0; i < 4; i++) {
            assertThat(names.get(i + 4)).isSameAs(names.get(i));
        }
    }

    @Test
    void seriesHashIgnoresTagOrderAndEscapingButNotContent() {
        long a = seriesHash("cpu,a=1,b=2 f=1");
        assertThat(seriesHash("cpu,b=2,a=1 f=2i 5")).isEqualTo(a);
        assertThat(seriesHash("c\\pu,a=1 f=1")).isEqualTo(seriesHash("c\\pu,a=1 f=1"));
        assertThat(seriesHash("cpu,t=x\\=y f=1")).isEqualTo(seriesHash("cpu,t=x=y f=1"));
        assertThat(seriesHash("cpu,a=2,b=1 f=1")).isNotEqualTo(a);
        assertThat(seriesHash("cpu,a=1 f=1")).isNotEqualTo(a);
        assertThat(seriesHash("mem,a=1,b=2 f=1")).isNotEqualTo(a);
        assertThat(seriesHash("cpu f=1")).isNotEqualTo(seriesHash("mem f=1"));
        assertThat(seriesHash("cpu,ab=c f=1")).isNotEqualTo(seriesHash("cpu,a=bc f=1"));
    }

    @Test
    void duplicateFieldsAmongManyFields() {
        StringBuilder sb = new StringBuilder("m ");
        for (int i = 0; i < 100; i++) {
            sb.append(i == 0 ? "" : ",").append("f").append(i).append('=').append(i);
        }
        assertThat(parse(sb.toString()).errors()).isEmpty();
        sb.append(",f\\ 7=1,f57=1");
        assertThat(parse(sb.toString()).errors()).extracting(LineError::message)
                .containsExactly("invalid line protocol - multiple instances of 'f57' field found");
    }

    @Test
    void manyTagsAndFieldsGrowTheArrays() {
        StringBuilder sb = new StringBuilder("m");
        for (int i = 0; i < 40; i++) {
            sb.append(",t").append(i).append("=v\\ ").append(i);
        }
        sb.append(' ');
        for (int i = 0; i < 40; i++) {
            sb.append(i == 0 ? "" : ",").append("f").append(i).append("=\"s\\\"").append(i).append('"');
        }
        parser.parse(bytes(sb.toString()), new ExpectOneLine(line -> {
            assertThat(line.tagCount()).isEqualTo(40);
            assertThat(line.fieldCount()).isEqualTo(40);
            assertThat(line.tagValue(39)).isEqualTo("v 39");
            assertThat(line.stringValue(39)).isEqualTo("s\"39");
        }));
    }

    @Test
    void floatsAreCorrectlyRounded() {
        String[] inputs = {
            "0.1", "0.2", "0.3", "1.7976931348623157e308", "4.9e-324", "2.2250738585072014E-308", "9007199254740993",
            "123456789012345678", "1234567890123456789", "12345678901234567890", "0.000000000000000000001",
            "1e22", "1e23", "3.14159265358979323846", "-0.0", "00000.5", "1e-22", "8.98846567431158e307",
        };
        for (String s : inputs) {
            byte[] b = bytes(s);
            assertThat(Numbers.parseFloat(b, 0, b.length)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void randomDecimalTextParsesLikeDoubleParseDouble() {
        java.util.Random random = new java.util.Random(99);
        StringBuilder body = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            StringBuilder t = new StringBuilder();
            if (random.nextBoolean()) {
                t.append('-');
            }
            appendDigits(random, t, 1 + random.nextInt(20));
            if (random.nextBoolean()) {
                appendDigits(random, t.append('.'), 1 + random.nextInt(20));
            }
            if (random.nextInt(4) == 0) {
                t.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : random.nextBoolean() ? "+" : "");
                appendDigits(random, t, 1 + random.nextInt(3));
            }
            texts.add(t.toString());
            body.append("m f=").append(t).append(" 1\n");
        }
        int[] i = {0};
        parser.parse(bytes(body.toString()), new ExpectLines(line -> {
            String text = texts.get(i[0]++);
            assertThat(line.floatValue(0)).as(text).isEqualTo(Double.parseDouble(text));
        }));
        assertThat(i[0]).isEqualTo(texts.size());
    }

    private static void appendDigits(java.util.Random random, StringBuilder sb, int count) {
        for (int k = 0; k < count; k++) {
            sb.append((char) ('0' + (random.nextInt(3) == 0 ? 0 : random.nextInt(10))));
        }
    }

    private long seriesHash(String lp) {
        long[] hash = new long[1];
        parser.parse(bytes(lp), new ExpectOneLine(line -> hash[0] = line.seriesHash()));
        return hash[0];
    }

    private String firstError(String lp) {
        TestingLineRecorder r = parse(lp);
        assertThat(r.errors()).as(lp).isNotEmpty();
        return r.errors().get(0).message();
    }

    private TestingLineRecorder parse(String lp) {
        TestingLineRecorder r = new TestingLineRecorder();
        byte[] b = bytes(lp);
        parser.parse(b, 0, b.length, r);
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Runs a check on every line and fails on any error. */
    private record ExpectLines(java.util.function.Consumer<ParsedLine> check) implements LineSink {
        @Override
        public boolean onLine(ParsedLine line) {
            check.accept(line);
            return true;
        }

        @Override
        public boolean onError(LineError error) {
            throw new AssertionError("unexpected error: " + error);
        }
    }

    /** Runs a check on the one line of a body. */
    private static final class ExpectOneLine implements LineSink {
        private final java.util.function.Consumer<ParsedLine> check;
        private int lines;

        ExpectOneLine(java.util.function.Consumer<ParsedLine> check) {
            this.check = check;
        }

        @Override
        public boolean onLine(ParsedLine line) {
            assertThat(++lines).isEqualTo(1);
            check.accept(line);
            return true;
        }

        @Override
        public boolean onError(LineError error) {
            throw new AssertionError("unexpected error: " + error);
        }
    }
}
