package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SharedGilSubInterpreterTest {
    private final PythonRuntime runtime = PythonRuntime.get();

    @Test
    void aSharedGilSubInterpreterHasItsOwnModulesButTakesTurnsWithTheMainInterpreter() throws Exception {
        PythonInterpreter main = runtime.mainInterpreter();
        try (SubInterpreter shared = runtime.newSubInterpreter("shared", SubInterpreter.Gil.SHARED);
                SubInterpreter own = runtime.newSubInterpreter("own", SubInterpreter.Gil.OWN)) {
            assertThat(shared.gil()).isEqualTo(SubInterpreter.Gil.SHARED);
            assertThat(own.gil()).isEqualTo(SubInterpreter.Gil.OWN);
            main.load("only_in_main_shared_test", "X = 1\n", null, true);
            PyModuleHandle probe = shared.load("probe", """
                    import sys
                    def has(n):
                        return n in sys.modules
                    def double(x):
                        return 2 * x
                    """, null);
            assertThat(shared.call(probe, "has", "only_in_main_shared_test")).isEqualTo(false);
            assertThat(shared.call(probe, "double", 21)).isEqualTo(42L);
            // While a main-interpreter thread holds the GIL, the shared-GIL sub-interpreter waits
            // for it; the own-GIL one does not.
            assertThat(pingLatencyWhileMainHoldsTheGil(main, shared)).isGreaterThan(Duration.ofMillis(500));
            assertThat(pingLatencyWhileMainHoldsTheGil(main, own)).isLessThan(Duration.ofMillis(400));
        }
    }

    @Test
    void sharedGilSubInterpretersStartAndStopRepeatedly() {
        for (int i = 0; i < 5; i++) {
            try (SubInterpreter shared = runtime.newSubInterpreter("cycle-" + i, SubInterpreter.Gil.SHARED)) {
                PyModuleHandle module = shared.load("m", "def f():\n    return 'ok'\n", null);
                assertThat(shared.call(module, "f")).isEqualTo("ok");
            }
        }
    }

    private static Duration pingLatencyWhileMainHoldsTheGil(PythonInterpreter main, PythonInterpreter pinger)
            throws Exception {
        PyModuleHandle holding = main.load("holding", """
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
        PyObjectHandle signal = main.createFunction("started", (args, kwargs) -> {
            started.countDown();
            return null;
        });
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> main.call(holding, "hold", signal, 1.0),
                command -> Thread.ofPlatform().start(command));
        started.await();
        Thread.sleep(50); // let it get back into the loop
        long start = System.nanoTime();
        pinger.call(pinging, "ping");
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        held.get();
        return latency;
    }
}
