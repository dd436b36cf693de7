package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionTest {
    private static final PythonInterpreter PYTHON = PythonRuntime.get().mainInterpreter();
    private static final PyModuleHandle MODULE = PYTHON.load("conversion_test", """
            import datetime, collections, enum
            def echo(x):
                return x
            def show(x):
                return repr(x)
            def type_of(x):
                return type(x).__name__
            def code_points(s):
                return [ord(c) for c in s]
            def from_code_points(points):
                return "".join(chr(p) for p in points)
            def big(exponent):
                return 2 ** exponent
            def nan():
                return float("nan")
            class Color(enum.IntEnum):
                RED = 1
            class Text(str):
                pass
            def subclasses():
                return [Color.RED, Text("t"), collections.OrderedDict(a=1), collections.namedtuple("P", "x y")(1, 2),
                        bytearray(b"ba"), True]
            def aware():
                tz = datetime.timezone(datetime.timedelta(hours=9, minutes=30))
                return datetime.datetime(2024, 4, 7, 2, 30, 0, 123456, tzinfo=tz)
            def naive():
                return datetime.datetime(2024, 10, 6, 2, 30, 15, 5)
            class Point:
                def __init__(self, x):
                    self.x = x
            def point(x):
                return Point(x)
            def x_of(p):
                return p.x
            def a_set():
                return {1, 2}
            def as_array(kind, raw):
                import array
                return [type(raw).__name__, array.array(kind, raw).tolist()]
            def cycle():
                a = []
                a.append(a)
                return a
            """, null);

    private static Object echo(Object value) {
        return PYTHON.call(MODULE, "echo", value);
    }

    private static String show(Object value) {
        return (String) PYTHON.call(MODULE, "show", value);
    }

    @Test
    void scalarsRoundTrip() {
        assertThat(echo(null)).isNull();
        assertThat(echo(true)).isEqualTo(true);
        assertThat(echo(false)).isEqualTo(false);
        assertThat(echo(42)).isEqualTo(42L);
        assertThat(echo((short) -3)).isEqualTo(-3L);
        assertThat(echo((byte) 7)).isEqualTo(7L);
        assertThat(echo(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(echo(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
        assertThat(echo(1.5)).isEqualTo(1.5);
        assertThat(echo(1.25f)).isEqualTo(1.25);
        assertThat(echo(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat((Double) echo(-0.0)).isEqualTo(-0.0).matches(d -> 1 / d < 0);
        assertThat((Double) echo(Double.NaN)).isNaN();
        assertThat((Double) PYTHON.call(MODULE, "nan")).isNaN();
        assertThat(echo('x')).isEqualTo("x");
    }

    @Test
    void primitiveArraysArriveAsNativeOrderBytesForArrayArray() {
        assertThat(PYTHON.call(MODULE, "as_array", "d", new double[] {1.5, -0.0, Double.MAX_VALUE}))
                .isEqualTo(List.of("bytes", List.of(1.5, -0.0, Double.MAX_VALUE)));
        assertThat(PYTHON.call(MODULE, "as_array", "q", new long[] {Long.MIN_VALUE, 0, 7}))
                .isEqualTo(List.of("bytes", List.of(Long.MIN_VALUE, 0L, 7L)));
        assertThat(PYTHON.call(MODULE, "as_array", "i", new int[] {Integer.MIN_VALUE, -1, 3}))
                .isEqualTo(List.of("bytes", List.of((long) Integer.MIN_VALUE, -1L, 3L)));
        assertThat(PYTHON.call(MODULE, "as_array", "d", new double[0])).isEqualTo(List.of("bytes", List.of()));
    }

    @Test
    void javaValuesArriveAsTheRightPythonTypes() {
        assertThat(show(null)).isEqualTo("None");
        assertThat(show(true)).isEqualTo("True");
        assertThat(show(12)).isEqualTo("12");
        assertThat(show(0.1)).isEqualTo("0.1");
        assertThat(show("a'b")).isEqualTo("\"a'b\"");
        assertThat(show(new byte[] {0, 65, -1})).isEqualTo("b'\\x00A\\xff'");
        assertThat(show(List.of(1, "two", List.of()))).isEqualTo("[1, 'two', []]");
        assertThat(show(new Object[] {1, null})).isEqualTo("(1, None)");
        assertThat(show(new LinkedList<>(List.of(3, 4)))).isEqualTo("[3, 4]");
        assertThat(show(new BigInteger("-123456789012345678901234567890")))
                .isEqualTo("-123456789012345678901234567890");
        assertThat(show(Instant.parse("2024-04-06T16:00:00.123456789Z")))
                .isEqualTo("datetime.datetime(2024, 4, 6, 16, 0, 0, 123456, tzinfo=datetime.timezone.utc)");
        assertThat(show(LocalDateTime.of(2024, 10, 6, 2, 30, 15, 5000)))
                .isEqualTo("datetime.datetime(2024, 10, 6, 2, 30, 15, 5)");
    }

    @Test
    void bigIntegersRoundTripBothWays() {
        for (String text : List.of("9223372036854775808", "-9223372036854775809", "18446744073709551615",
                "340282366920938463463374607431768211456", "-340282366920938463463374607431768211456")) {
            BigInteger value = new BigInteger(text);
            assertThat(echo(value)).isEqualTo(value);
            assertThat(show(value)).isEqualTo(text);
        }
        assertThat(echo(BigInteger.valueOf(-5))).isEqualTo(-5L);
        assertThat(PYTHON.call(MODULE, "big", 63)).isEqualTo(new BigInteger("9223372036854775808"));
        assertThat(PYTHON.call(MODULE, "big", 62)).isEqualTo(1L << 62);
        assertThat(PYTHON.call(MODULE, "big", 200)).isEqualTo(BigInteger.TWO.pow(200));
    }

    @Test
    void stringsRoundTripExactly() {
        List<String> samples = List.of("", "ascii", "café Ünïcödé", "日本語テキスト", "emoji 😀 and 𝄞",
                "mixed ÿ\u0100\uFFFF", "nul\0inside", "\uD800 lone high", "lone low \uDC00", "tab\tnewline\n");
        for (String sample : samples) {
            assertThat(echo(sample)).as(sample).isEqualTo(sample);
        }
        assertThat(PYTHON.call(MODULE, "code_points", "a😀\uD800")).isEqualTo(List.of(97L, 0x1F600L, 0xD800L));
        assertThat(PYTHON.call(MODULE, "from_code_points", List.of(0x1F600, 0xE9))).isEqualTo("😀é");
        assertThat(PYTHON.call(MODULE, "type_of", "x")).isEqualTo("str");
    }

    @Test
    void bytesRoundTrip() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertThat((byte[]) echo(all)).isEqualTo(all);
        assertThat((byte[]) echo(new byte[0])).isEmpty();
        assertThat(PYTHON.call(MODULE, "type_of", (Object) new byte[1])).isEqualTo("bytes");
    }

    @Test
    void nestedContainersRoundTripInOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", null);
        inner.put("m", List.of(1.5, "s", false));
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("rows", List.of(inner, inner));
        outer.put("ünï", Map.of());
        outer.put("bytes", List.of());
        Object back = echo(outer);
        assertThat(back).isInstanceOf(LinkedHashMap.class).isEqualTo(outer);
        assertThat(new ArrayList<Object>(((Map<?, ?>) back).keySet())).containsExactly("rows", "ünï", "bytes");
        @SuppressWarnings("unchecked")
        Map<String, Object> row = (Map<String, Object>) ((List<?>) ((Map<?, ?>) back).get("rows")).get(0);
        assertThat(row.keySet()).containsExactly("z", "a", "m");
        assertThat(show(outer)).startsWith("{'rows': [{'z': 1, 'a': None, 'm': [1.5, 's', False]}");
        assertThat(echo(new Object[] {1, List.of(2)})).isEqualTo(List.of(1L, List.of(2L)));
        Map<Object, Object> otherKeys = new LinkedHashMap<>();
        otherKeys.put(1, "one");
        otherKeys.put(null, "none");
        Map<Object, Object> expected = new LinkedHashMap<>();
        expected.put(1L, "one");
        expected.put(null, "none");
        assertThat(echo(otherKeys)).isEqualTo(expected);
    }

    @Test
    void subclassesConvertAsTheirBase() {
        List<?> values = (List<?>) PYTHON.call(MODULE, "subclasses");
        assertThat(values.get(0)).isEqualTo(1L);
        assertThat(values.get(1)).isEqualTo("t");
        assertThat(values.get(2)).isEqualTo(Map.of("a", 1L));
        assertThat(values.get(3)).isEqualTo(List.of(1L, 2L));
        assertThat((byte[]) values.get(4)).containsExactly('b', 'a');
        assertThat(values.get(5)).isEqualTo(true);
    }

    @Test
    void datetimesBecomeInstantsOrLocalDateTimes() {
        assertThat(PYTHON.call(MODULE, "aware")).isEqualTo(Instant.parse("2024-04-06T17:00:00.123456Z"));
        assertThat(PYTHON.call(MODULE, "naive")).isEqualTo(LocalDateTime.of(2024, 10, 6, 2, 30, 15, 5000));
        Instant instant = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(echo(instant)).isEqualTo(instant);
        assertThat(echo(Instant.parse("2024-04-06T16:00:00.123456789Z")))
                .isEqualTo(Instant.parse("2024-04-06T16:00:00.123456Z"));
        LocalDateTime local = LocalDateTime.of(1, 1, 1, 0, 0);
        assertThat(echo(local)).isEqualTo(local);
    }

    @Test
    void otherObjectsStayInPythonBehindHandles() {
        Object point = PYTHON.call(MODULE, "point", 5);
        assertThat(point).isInstanceOf(PyObjectHandle.class);
        PyObjectHandle handle = (PyObjectHandle) point;
        assertThat(handle.typeName()).isEqualTo("conversion_test.Point");
        assertThat(PYTHON.call(MODULE, "x_of", handle)).isEqualTo(5L);
        assertThat(PYTHON.getAttribute(handle, "x")).isEqualTo(5L);
        assertThat(PYTHON.call(MODULE, "echo", List.of(handle))).isInstanceOf(List.class);
        handle.close();
        assertThat(handle.isClosed()).isTrue();
        assertThatThrownBy(() -> PYTHON.call(MODULE, "x_of", handle)).isInstanceOf(IllegalStateException.class);

        PyObjectHandle set = (PyObjectHandle) PYTHON.call(MODULE, "a_set");
        assertThat(set.typeName()).isEqualTo("set");
        assertThat(PYTHON.call(MODULE, "show", set)).isEqualTo("{1, 2}");
    }

    @Test
    void unsupportedJavaValuesAreRefused() {
        assertThatThrownBy(() -> echo(new Thread()))
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("cannot pass a java.lang.Thread to Python")
                .satisfies(e -> assertThat(((PythonException) e).kind()).isEqualTo(PythonException.Kind.INTERNAL));
    }

    @Test
    void cyclesAndDeepNestingAreRefused() {
        assertThatThrownBy(() -> PYTHON.call(MODULE, "cycle"))
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("nested more than 200 levels")
                .satisfies(e -> assertThat(((PythonException) e).kind()).isEqualTo(PythonException.Kind.CONVERSION));
        List<Object> deep = new ArrayList<>();
        List<Object> current = deep;
        for (int i = 0; i < 300; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        assertThatThrownBy(() -> echo(deep)).hasMessageContaining("nested more than 200 levels");
        // The interpreter is fine afterwards.
        assertThat(echo(Arrays.asList(1, null))).isEqualTo(Arrays.asList(1L, null));
    }

    @Test
    void largeListsConvertBothWays() {
        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            numbers.add(i * 3);
        }
        assertThat(echo(numbers)).isEqualTo(numbers);
    }
}
