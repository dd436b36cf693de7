package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.python.PyModuleHandle;
import io.influxdb3j.python.PythonInterpreter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LineBuilderTest {
    private static PythonInterpreter python;
    private static PyModuleHandle module;

    @BeforeAll
    static void load() {
        python = EngineRuntime.get().python();
        // No import: LineBuilder comes from builtins.
        module = python.load("line_builder_test", """
                def run(code):
                    scope = {}
                    try:
                        exec(code, scope)
                        return scope["result"]
                    except Exception as e:
                        return type(e).__name__ + ": " + str(e)
                """, null);
    }

    private static Object run(String code) {
        return python.call(module, "run", code);
    }

    @Test
    void escapesLikeInfluxDb3() {
        assertThat(run("""
                result = (LineBuilder("complex,measurement")
                    .tag("location", "New York, USA")
                    .tag("details", "floor=5, room=3")
                    .string_field("note", 'say "hi" \\\\ bye')
                    .float64_field("f", 1.5)
                    .time_ns(123)
                    .build())
                """)).isEqualTo("complex\\,measurement,location=New\\ York\\,\\ USA,details=floor\\=5\\,\\ room\\=3 "
                        + "note=\"say \\\"hi\\\" \\\\ bye\",f=1.5 123");
        assertThat(run("result = LineBuilder('paths').tag('windows_path', 'C:\\\\Program Files\\\\App')"
                + ".bool_field('ok', True).build()"))
                .isEqualTo("paths,windows_path=C:\\\\Program\\ Files\\\\App ok=t");
        // Measurement: backslash and = are not escaped; field keys are escaped like tag values.
        assertThat(run("result = LineBuilder('a\\\\b=c').int64_field('k', 1).build()")).isEqualTo("a\\b=c k=1i");
    }

    @Test
    void formatsEveryFieldType() {
        assertThat(run("""
                result = (LineBuilder("m").int64_field("i", -3).uint64_field("u", 7).float64_field("f1", 2.0)
                    .float64_field("f2", 86.5).float64_field("f3", 1e20).bool_field("b", 0)
                    .string_field("s", "x").build())
                """)).isEqualTo("m i=-3i,u=7u,f1=2.0,f2=86.5,f3=100000000000000000000.0,b=f,s=\"x\"");
    }

    @Test
    void reAddingAKeyKeepsItsPosition() {
        assertThat(run("result = LineBuilder('m').tag('a', 1).tag('b', 2).tag('a', 3).int64_field('x', 1)"
                + ".int64_field('y', 2).int64_field('x', 5).build()")).isEqualTo("m,a=3,b=2 x=5i,y=2i");
    }

    @Test
    void raisesTheDocumentedExceptions() {
        assertThat(run("LineBuilder('has space')")).isEqualTo("InvalidMeasurementError: Measurement name cannot contain spaces");
        assertThat(run("LineBuilder('m').tag('', 'v')")).isEqualTo("InvalidKeyError: tag key cannot be empty");
        assertThat(run("LineBuilder('m').tag('a b', 'v')")).isEqualTo("InvalidKeyError: tag key 'a b' cannot contain spaces");
        assertThat(run("LineBuilder('m').int64_field('a,b', 1)"))
                .isEqualTo("InvalidKeyError: field key 'a,b' cannot contain commas");
        assertThat(run("LineBuilder('m').bool_field('a=b', 1)"))
                .isEqualTo("InvalidKeyError: field key 'a=b' cannot contain equals signs");
        // Spaces are checked before commas.
        assertThat(run("LineBuilder('m').tag('a ,', 'v')")).isEqualTo("InvalidKeyError: tag key 'a ,' cannot contain spaces");
        assertThat(run("LineBuilder('m').uint64_field('u', -1)")).isEqualTo("ValueError: uint64 field 'u' cannot be negative");
        assertThat(run("LineBuilder('my,m').tag('t', 'a b').build()"))
                .isEqualTo("InvalidLineError: At least one field is required: my\\,m,t=a\\ b");
    }

    @Test
    void exceptionClassesLiveInMainOnly() {
        assertThat(run("""
                import builtins, __main__
                result = [hasattr(builtins, "InvalidLineError"), issubclass(__main__.InvalidLineError, __main__.InfluxDBError),
                          issubclass(__main__.InvalidKeyError, Exception), builtins.LineBuilder is __main__.LineBuilder]
                """)).isEqualTo(java.util.List.of(false, true, true, true));
    }
}
