package io.influxdb3j.pipeline.bloblang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.Message;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappingTest {
    private static String map(String mapping, String input) {
        Message out = Mapping.parse(mapping).apply(Message.ofString(input), 0, 1, false);
        return out == null ? null : out.contentAsString();
    }

    private static String generate(String mapping) {
        Mapping m = Mapping.parse(mapping);
        return new String(Values.toBytes(m.run(null, false).root()), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void seedGenerateMappingBuildsSortedCompactJson() {
        Mapping m = Mapping.parse("""
                root.title = "this is a test"
                root.uuid = uuid_v4()
                root.i = counter()
                """);
        String first = new String(Values.toBytes(m.run(null, false).root()));
        String second = new String(Values.toBytes(m.run(null, false).root()));
        assertThat(first).matches("\\{\"i\":1,\"title\":\"this is a test\",\"uuid\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"}");
        assertThat(second).startsWith("{\"i\":2,");
    }

    @Test
    void stringRootIsTheRawPayload() {
        assertThat(generate("root = \"hello world\"")).isEqualTo("hello world");
        assertThat(generate("\"bare expression\"")).isEqualTo("bare expression");
    }

    @Test
    void nestedPathsCreateObjectsAndThisReadsTheInput() {
        assertThat(map("root.a.b.c = this.x + 1\nroot.name = this.who.uppercase()", "{\"x\":41,\"who\":\"dave\"}"))
                .isEqualTo("{\"a\":{\"b\":{\"c\":42}},\"name\":\"DAVE\"}");
        assertThat(map("root.text = this.text.reverse()", "{\"text\":\"abc\"}")).isEqualTo("{\"text\":\"cba\"}");
        assertThat(map("root = this.missing", "{}")).isEqualTo("null");
    }

    @Test
    void literalsArithmeticAndConcatenation() {
        assertThat(generate("root = {\"s\": \"a\" + \"b\", \"i\": 7 / 2, \"m\": 7 % 4, \"f\": 1.5 * 2, \"neg\": -3, \"b\": !false, \"n\": null, \"l\": [1, \"x\", true]}"))
                .isEqualTo("{\"b\":true,\"f\":3,\"i\":3.5,\"l\":[1,\"x\",true],\"m\":3,\"n\":null,\"neg\":-3,\"s\":\"ab\"}");
        assertThat(generate("root = \"\"\"raw \\n \"quoted\" text\"\"\"")).isEqualTo("raw \\n \"quoted\" text");
        assertThat(generate("root = \"tab\\there \\u00e9\"")).isEqualTo("tab\there é");
        assertThat(generate("root = 1 + 2 * 3 == 7 && 2 > 1")).isEqualTo("true");
    }

    @Test
    void addingStringAndNumberIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> generate("root.a = 1\nroot.b = \"x\" + 1"))
                .isInstanceOf(BloblangException.class)
                .hasMessage("failed assignment (line 2): cannot add types string (\"x\") and number (1)");
    }

    @Test
    void metadataAssignmentsAndReads() {
        Message in = new Message("{}".getBytes(), Map.of("path", "a.txt", "n", 5L));
        Message out = Mapping.parse("""
                meta foo = "bar"
                meta n = deleted()
                @baz = 3
                root.path = meta("path")
                root.all = metadata()
                root.missing = meta("nope")
                """).apply(in, 0, 1, false);
        assertThat(out.metadata()).containsExactly(Map.entry("path", "a.txt"), Map.entry("foo", "bar"), Map.entry("baz", 3L));
        assertThat(out.contentAsString()).isEqualTo("{\"all\":{\"n\":5,\"path\":\"a.txt\"},\"missing\":null,\"path\":\"a.txt\"}");
    }

    @Test
    void deletedDropsAndUnassignedRootKeepsContent() {
        assertThat(map("root = deleted()", "x")).isNull();
        assertThat(map("meta a = \"b\"", "not json")).isEqualTo("not json");
        assertThat(map("root = if this.keep { this } else { deleted() }", "{\"keep\":false}")).isNull();
        assertThat(map("root = content().string().uppercase()", "abc")).isEqualTo("ABC");
    }

    @Test
    void mutationEditsTheInputInPlace() {
        Message out = Mapping.parse("root.b = 2\nroot.a = deleted()").apply(Message.ofString("{\"a\":1,\"c\":3}"), 0, 1, true);
        assertThat(out.contentAsString()).isEqualTo("{\"b\":2,\"c\":3}");
    }

    @Test
    void counterCountsPerOccurrenceAndWraps() {
        Mapping m = Mapping.parse("root.a = counter(min: 5, max: 6)\nroot.b = counter()");
        assertThat(generateWith(m)).isEqualTo("{\"a\":5,\"b\":1}");
        assertThat(generateWith(m)).isEqualTo("{\"a\":6,\"b\":2}");
        assertThat(generateWith(m)).isEqualTo("{\"a\":5,\"b\":3}");
    }

    private static String generateWith(Mapping m) {
        return new String(Values.toBytes(m.run(null, false).root()));
    }

    @Test
    void timeFunctions() {
        long before = System.currentTimeMillis() / 1000;
        Object unix = Mapping.parse("root = timestamp_unix()").query(null);
        assertThat((Long) unix).isBetween(before, before + 5);
        Object nanos = Mapping.parse("root = timestamp_unix_nano()").query(null);
        assertThat((Long) nanos / 1_000_000_000L).isBetween(before, before + 5);
        assertThat((String) Mapping.parse("root = now()").query(null))
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?([+-]\\d\\d:\\d\\d|Z)");
        Set<Object> ids = new HashSet<>();
        Mapping uuid = Mapping.parse("root = uuid_v4()");
        for (int i = 0; i < 100; i++) {
            ids.add(uuid.query(null));
        }
        assertThat(ids).hasSize(100);
    }

    @Test
    void methodsFormatAndConversions() {
        assertThat(map("root = \"%s is %d years, %.1f%%\".format(this.name, this.age, 12.345)", "{\"name\":\"Moxie\",\"age\":3}"))
                .isEqualTo("Moxie is 3 years, 12.3%");
        assertThat(map("root = this.v.string() + \"|\" + this.f.string()", "{\"v\":5,\"f\":0.5}")).isEqualTo("5|0.5");
        assertThat(map("root = this.s.number() + 1", "{\"s\":\"41\"}")).isEqualTo("42");
        assertThat(map("root = this.s.split(\",\").join(\"-\")", "{\"s\":\"a,b,c\"}")).isEqualTo("a-b-c");
        assertThat(map("root = this.a.or(\"dflt\")", "{}")).isEqualTo("dflt");
        assertThat(map("root = this.a.uppercase().catch(\"failed\")", "{\"a\":1}")).isEqualTo("failed");
        assertThat(map("root = this.a | \"alt\"", "{}")).isEqualTo("alt");
        assertThat(map("root = content().hash(\"sha256\").encode(\"hex\")", "abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(map("root = this.format_json(indent: \"\")", "{\"b\":1,\"a\":[1,2]}")).isEqualTo("{\"a\":[1,2],\"b\":1}");
        assertThat(map("root = this.keys()", "{\"b\":1,\"a\":2}")).isEqualTo("[\"a\",\"b\"]");
        assertThat(map("root = this.x.length()", "{\"x\":\"héllo\"}")).isEqualTo("6");
    }

    @Test
    void floatsRenderLikeGo() {
        assertThat(Values.formatFloat(3.0)).isEqualTo("3");
        assertThat(Values.formatFloat(0.1)).isEqualTo("0.1");
        assertThat(Values.formatFloat(1e-7)).isEqualTo("1e-7");
        assertThat(Values.formatFloat(1.5e21)).isEqualTo("1.5e+21");
        assertThat(Values.formatFloat(123456789.125)).isEqualTo("123456789.125");
    }

    @Test
    void variablesAndIfStatements() {
        assertThat(map("""
                let n = this.n * 2
                if $n > 5 {
                  root.big = true
                } else {
                  root.big = false
                }
                root.n = $n
                """, "{\"n\":3}")).isEqualTo("{\"big\":true,\"n\":6}");
    }

    @Test
    void parseErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> Mapping.parse("root.a = 1\nroot.b = nope_fn()"))
                .isInstanceOf(BloblangException.class)
                .hasMessage("unrecognised function 'nope_fn'")
                .satisfies(e -> {
                    assertThat(((BloblangException) e).line()).isEqualTo(2);
                    assertThat(((BloblangException) e).column()).isEqualTo(10);
                });
        assertThatThrownBy(() -> Mapping.parse("root = this.x.frobnicate()")).hasMessage("unrecognised method 'frobnicate'");
        assertThatThrownBy(() -> Mapping.parse("root = match this { _ => 1 }")).hasMessage("'match' expressions are not supported");
        assertThatThrownBy(() -> Mapping.parse("root = \"open")).hasMessage("unterminated string literal");
        assertThatThrownBy(() -> Mapping.parse("root.a = 1\n\"bare\"")).hasMessageContaining("bare expression")
                .satisfies(e -> assertThat(((BloblangException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> Mapping.parse("root = counter(nope: 1)")).hasMessageContaining("has no parameter 'nope'");
    }

    @Test
    void thisOnNonJsonIsARuntimeError() {
        assertThatThrownBy(() -> map("root = this.a", "plain text"))
                .hasMessageStartingWith("failed assignment (line 1): unable to reference message as structured (with 'this'):");
    }

    @Test
    void interpolatedStrings() {
        Message m = new Message("{\"id\":7}".getBytes(), Map.of("kafka_topic", "t1"));
        assertThat(InterpolatedString.parse("/tmp/${! meta(\"kafka_topic\") }-${!this.id}.txt").render(m)).isEqualTo("/tmp/t1-7.txt");
        assertThat(InterpolatedString.parse("plain ${{! kept }}").render(m)).isEqualTo("plain ${! kept }");
        assertThat(InterpolatedString.parse("plain").isStatic()).isTrue();
        assertThatThrownBy(() -> InterpolatedString.parse("x ${! nope( }")).isInstanceOf(BloblangException.class);
    }
}
