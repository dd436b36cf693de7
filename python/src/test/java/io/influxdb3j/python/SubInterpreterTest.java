package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SubInterpreterTest {
    private static final String LOOP = """
            import time
            def loop(n):
                start = time.perf_counter()
                x = 0
                for i in range(n):
                    x += i
                return time.perf_counter() - start
            """;

    private final PythonRuntime runtime = PythonRuntime.get();

    @Test
    void loadsAndCallsLikeTheMainInterpreter() {
        try (SubInterpreter sub = runtime.newSubInterpreter("basic")) {
            PyModuleHandle module = sub.load("m", "import json\ndef f(x, y=1):\n    return json.dumps({'v': x + y})\n", null);
            assertThat(sub.callWithKeywords(module, "f", List.of(1), Map.of("y", 2))).isEqualTo("{\"v\": 3}");
            assertThat(sub.name()).isEqualTo("basic");
            assertThatThrownBy(() -> sub.load("bad", "def (:\n", null))
                    .isInstanceOf(PythonException.class)
                    .satisfies(e -> assertThat(((PythonException) e).kind()).isEqualTo(PythonException.Kind.SYNTAX));
        }
    }

    @Test
    void hasItsOwnModulesAndObjects() {
        PythonInterpreter main = runtime.mainInterpreter();
        try (SubInterpreter sub = runtime.newSubInterpreter("separate")) {
            main.load("only_in_main", "X = 1\n", null, true);
            PyModuleHandle probe = sub.load("probe", "import sys\ndef has(n):\n    return n in sys.modules\n", null);
            assertThat(sub.call(probe, "has", "only_in_main")).isEqualTo(false);
            PyModuleHandle mainModule = main.load("main_mod", "def f(x):\n    return x\n", null);
            assertThatThrownBy(() -> sub.call(mainModule, "f", 1))
                    .isInstanceOf(PythonException.class)
                    .hasMessageContaining("cannot be used in 'separate'");
        }
    }

    @Test
    void javaFunctionsAndTimeoutsWorkInASubInterpreter() {
        try (SubInterpreter sub = runtime.newSubInterpreter("callbacks")) {
            PyObjectHandle twice = sub.createFunction("twice", (args, kwargs) -> 2 * (Long) args.get(0));
            PyModuleHandle module = sub.load("m", """
                    def use(f):
                        return f(21)
                    def spin():
                        while True:
                            pass
                    """, null);
            assertThat(sub.call(module, "use", twice)).isEqualTo(42L);
            assertThatThrownBy(() -> sub.callWithTimeout(Duration.ofMillis(200), module, "spin", List.of(), Map.of()))
                    .isInstanceOf(PythonException.class)
                    .hasMessage("plugin exceeded its time limit of 200ms");
            assertThat(sub.call(module, "use", twice)).isEqualTo(42L);
        }
    }

    @Test
    void closedSubInterpretersRefuseCalls() {
        SubInterpreter sub = runtime.newSubInterpreter("closing");
        PyModuleHandle module = sub.load("m", "def f():\n    return 1\n", null);
        sub.close();
        sub.close();
        assertThatThrownBy(() -> sub.call(module, "f")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        module.close(); // inert
        assertThat(sub.thread().isAlive()).isFalse();
    }

    @Test
    void subInterpretersRunInParallelWhileTheMainInterpreterTakesTurns() throws Exception {
        int iterations = 3_000_000;
        PythonInterpreter main = runtime.mainInterpreter();
        PyModuleHandle mainLoop = main.load("loop", LOOP, null);
        try (SubInterpreter first = runtime.newSubInterpreter("parallel-1");
                SubInterpreter second = runtime.newSubInterpreter("parallel-2")) {
            PyModuleHandle firstLoop = first.load("loop", LOOP, null);
            PyModuleHandle secondLoop = second.load("loop", LOOP, null);
            first.call(firstLoop, "loop", 1000);
            second.call(secondLoop, "loop", 1000);

            double[] subs = inParallel(() -> (Double) first.call(firstLoop, "loop", iterations),
                    () -> (Double) second.call(secondLoop, "loop", iterations));
            double[] mains = inParallel(() -> (Double) main.call(mainLoop, "loop", iterations),
                    () -> (Double) main.call(mainLoop, "loop", iterations));
            System.out.printf("parallel loops: sub-interpreters wall %.3fs (each %.3fs, %.3fs); main wall %.3fs (each %.3fs, %.3fs)%n",
                    subs[0], subs[1], subs[2], mains[0], mains[1], mains[2]);
            // Own GILs: the two loops overlap, so the wall time is well below the sum of their times.
            // One GIL: each loop's time stretches to cover the other's, so the wall time is near the sum.
            assertThat(subs[0]).isLessThan(0.8 * (subs[1] + subs[2]));
            assertThat(subs[0]).isLessThan(0.8 * mains[0]);
        }
    }

    // Returns {wall seconds, first call's own seconds, second's}.
    private static double[] inParallel(Callable<Double> a, Callable<Double> b) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Double> first = run(a);
        CompletableFuture<Double> second = run(b);
        double firstSeconds = first.get();
        double secondSeconds = second.get();
        return new double[] {(System.nanoTime() - start) / 1e9, firstSeconds, secondSeconds};
    }

    private static CompletableFuture<Double> run(Callable<Double> task) {
        CompletableFuture<Double> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
