package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prints what the border costs; the bounds only catch order-of-magnitude regressions. */
class PythonCostsTest {
    @Test
    void measuresStartCallAndConversionCosts() {
        PythonRuntime runtime = PythonRuntime.get();
        PythonInterpreter python = runtime.mainInterpreter();
        PyModuleHandle module = python.load("costs", """
                def noop():
                    return None
                def echo(x):
                    return x
                def numbers(n):
                    return list(range(n))
                def rows(n):
                    return [{"host": "h%d" % (i % 10), "usage": i * 0.5, "time": 1_700_000_000_000_000_000 + i}
                            for i in range(n)]
                """, null);
        for (int i = 0; i < 20_000; i++) {
            python.call(module, "noop");
        }
        int calls = 50_000;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            python.call(module, "noop");
        }
        double callMicros = (System.nanoTime() - start) / 1e3 / calls;

        List<Long> numbers = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            numbers.add(i);
        }
        for (int i = 0; i < 5; i++) {
            python.call(module, "echo", numbers);
        }
        start = System.nanoTime();
        Object back = python.call(module, "echo", numbers);
        double echoMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        python.call(module, "numbers", 100_000);
        double fromPythonMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        List<?> rows = (List<?>) python.call(module, "rows", 10_000);
        double rowsMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        python.call(module, "echo", rows);
        double rowsEchoMillis = (System.nanoTime() - start) / 1e6;

        System.out.printf("python costs: start %d ms, trivial call %.2f us, 100k-int list Java->Python->Java %.1f ms, "
                        + "100k-int list Python->Java %.1f ms, 10k 3-column rows Python->Java %.1f ms, and round trip %.1f ms%n",
                runtime.startupTime().toMillis(), callMicros, echoMillis, fromPythonMillis, rowsMillis, rowsEchoMillis);
        assertThat(back).isEqualTo(numbers);
        assertThat(((Map<?, ?>) rows.get(3)).get("host")).isEqualTo("h3");
        assertThat(callMicros).isLessThan(1000);
        assertThat(echoMillis).isLessThan(5000);
    }
}
