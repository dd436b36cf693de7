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
            def timed_loop(n):
                start, cpu = time.perf_counter(), time.thread_time()
                x = 0
                for i in range(n):
                    x += i
                return [time.perf_counter() - start, time.thread_time() - cpu]
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
            assertThat(pingLatencyWhileHeld(first, second)).isLessThan(Duration.ofMillis(400));
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
        CompletableFuture<List<?>> held = run(() -> {
            holder.call(holding, "hold", signal, 1.0);
            return List.of();
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
            // Per pair of loops run at once: wall time / the CPU time the two loops used. One GIL
            // serialises them: about 1.0, the wall time is the sum of their times. Own GILs on two
            // cores: about 0.5. Best of three rounds, to see through other load on the machine.
            double subRatio = Double.MAX_VALUE;
            double mainRatio = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                subRatio = Math.min(subRatio, inParallel(() -> first.call(firstLoop, "timed_loop", iterations),
                        () -> second.call(secondLoop, "timed_loop", iterations)));
                mainRatio = Math.min(mainRatio, inParallel(() -> main.call(mainLoop, "timed_loop", iterations),
                        () -> main.call(mainLoop, "timed_loop", iterations)));
            }
            System.out.printf("two CPU-bound loops at once took %.2f of the sum of their CPU times in two "
                    + "sub-interpreters, %.2f in the main interpreter%n", subRatio, mainRatio);
            // One GIL: the loops take turns (they never get more than one core between them).
            assertThat(mainRatio).isGreaterThan(0.87);
            // Own GILs: they overlap, when the machine has two cores to give them.
            double javaCores = coresForTwoJavaThreads();
            Assumptions.assumeTrue(javaCores > 1.6,
                    "the machine was too busy to show it: two plain Java threads got only " + javaCores + " cores");
            assertThat(subRatio).isLessThan(0.77);
        }
    }

    // How many cores two busy Java threads get over 300 ms: what the machine can give right now.
    private static double coresForTwoJavaThreads() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        Callable<Object> spin = () -> {
            long cpu = threads.getCurrentThreadCpuTime();
            long sink = 0;
            while (System.nanoTime() - start < 300_000_000L) {
                sink += sink * 31 + 1;
            }
            return List.of(sink, threads.getCurrentThreadCpuTime() - cpu);
        };
        CompletableFuture<List<?>> first = run(spin);
        CompletableFuture<List<?>> second = run(spin);
        long cpu = (Long) first.get().get(1) + (Long) second.get().get(1);
        return (double) cpu / (System.nanoTime() - start);
    }

    // Runs two timed loops at once: wall time / the CPU time they used.
    private static double inParallel(Callable<Object> a, Callable<Object> b) throws Exception {
        long start = System.nanoTime();
        CompletableFuture<List<?>> first = run(a);
        CompletableFuture<List<?>> second = run(b);
        List<?> one = first.get();
        List<?> two = second.get();
        double wall = (System.nanoTime() - start) / 1e9;
        return wall / ((Double) one.get(1) + (Double) two.get(1));
    }

    private static CompletableFuture<List<?>> run(Callable<Object> task) {
        CompletableFuture<List<?>> result = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                result.complete((List<?>) task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }
}
