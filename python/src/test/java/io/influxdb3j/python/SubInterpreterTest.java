package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Assumptions;
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
    void aSubInterpreterRunsWhileAnotherHoldsItsGil() throws Exception {
        PythonInterpreter main = runtime.mainInterpreter();
        try (SubInterpreter first = runtime.newSubInterpreter("holder");
                SubInterpreter second = runtime.newSubInterpreter("pinger")) {
            // Main interpreter: while one thread holds the GIL, another waits for all of it.
            assertThat(pingLatencyWhileHeld(main, main)).isGreaterThan(Duration.ofMillis(500));
            // Own GILs: holding one does not stop the other.
            assertThat(pingLatencyWhileHeld(first, second)).isLessThan(Duration.ofMillis(300));
        }
    }

    // Holds holder's GIL for 1 s (a switch interval of 100 s means no other thread gets it), and
    // measures how long a trivial call in pinger takes meanwhile.
    private static Duration pingLatencyWhileHeld(PythonInterpreter holder, PythonInterpreter pinger) throws Exception {
        PyModuleHandle holding = holder.load("holding", """
                import sys, time
                def hold(started, seconds):
                    started()
                    old = sys.getswitchinterval()
                    sys.setswitchinterval(100.0)
                    try:
                        end = time.perf_counter() + seconds
                        while time.perf_counter() < end:
                            pass
                    finally:
                        sys.setswitchinterval(old)
                """, null);
        PyModuleHandle pinging = pinger.load("pinging", "def ping():\n    return 1\n", null);
        CountDownLatch started = new CountDownLatch(1);
        PyObjectHandle signal = holder.createFunction("started", (args, kwargs) -> {
            started.countDown();
            return null;
        });
        CompletableFuture<Double> held = run(() -> {
            holder.call(holding, "hold", signal, 1.0);
            return 0.0;
        });
        started.await();
        Thread.sleep(50); // let it get back into the loop
        long start = System.nanoTime();
        pinger.call(pinging, "ping");
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        held.get();
        return latency;
    }

    @Test
    void cpuBoundLoopsRunInParallelInSubInterpretersButTakeTurnsInTheMainInterpreter() throws Exception {
        int iterations = 3_000_000;
        PythonInterpreter main = runtime.mainInterpreter();
        PyModuleHandle mainLoop = main.load("loop", LOOP, null);
        try (SubInterpreter first = runtime.newSubInterpreter("parallel-1");
                SubInterpreter second = runtime.newSubInterpreter("parallel-2")) {
            PyModuleHandle firstLoop = first.load("loop", LOOP, null);
            PyModuleHandle secondLoop = second.load("loop", LOOP, null);
            // wall time of the pair / sum of the two loops' times alone: 0.5 if they overlap fully,
            // 1.0 if they take turns. Each pair is measured right after its loops ran alone, and the
            // best of three rounds counts, to see through other load on the machine.
            double subRatio = Double.MAX_VALUE;
            double mainRatio = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                double alone = (Double) first.call(firstLoop, "loop", iterations)
                        + (Double) second.call(secondLoop, "loop", iterations);
                double[] pair = inParallel(() -> (Double) first.call(firstLoop, "loop", iterations),
                        () -> (Double) second.call(secondLoop, "loop", iterations));
                subRatio = Math.min(subRatio, pair[0] / alone);
                alone = (Double) main.call(mainLoop, "loop", iterations) * 2;
                pair = inParallel(() -> (Double) main.call(mainLoop, "loop", iterations),
                        () -> (Double) main.call(mainLoop, "loop", iterations));
                mainRatio = Math.min(mainRatio, pair[0] / alone);
                System.out.printf("two CPU-bound loops, round %d: sub-interpreters %.2f of the sum, main interpreter %.2f%n",
                        round, subRatio, mainRatio);
            }
            Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs two cores");
            assertThat(subRatio).isLessThan(0.8);
            assertThat(mainRatio).isGreaterThan(0.85);
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
