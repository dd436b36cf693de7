package io.influxdb3j.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConcurrencyAndTimeoutTest {
    private final PythonInterpreter python = PythonRuntime.get().mainInterpreter();

    @Test
    void manyThreadsCallPythonConcurrently() throws Exception {
        PyModuleHandle module = python.load("concurrent", """
                import threading
                def work(thread, i):
                    total = sum(range(i))
                    return {"thread": thread, "i": i, "total": total, "ident": threading.get_ident()}
                """, null);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Object>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Object> results = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        results.add(python.call(module, "work", thread, i));
                    }
                    return results;
                }));
            }
            for (int t = 0; t < 8; t++) {
                List<Object> results = futures.get(t).get();
                for (int i = 0; i < 300; i++) {
                    Map<?, ?> result = (Map<?, ?>) results.get(i);
                    assertThat(result.get("thread")).isEqualTo((long) t);
                    assertThat(result.get("total")).isEqualTo((long) i * (i - 1) / 2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThreadKeepingItsThreadStateKeepsThreadLocalDataBetweenCalls() throws Exception {
        PyModuleHandle module = python.load("kept_state", """
                import threading
                _local = threading.local()
                def bump():
                    _local.n = getattr(_local, "n", 0) + 1
                    return _local.n
                """, null);
        List<Object> kept = new ArrayList<>();
        Thread keeping = Thread.ofPlatform().start(PythonRuntime.keepingThreadState(() -> {
            for (int i = 0; i < 3; i++) {
                kept.add(python.call(module, "bump"));
            }
        }));
        keeping.join();
        assertThat(kept).containsExactly(1L, 2L, 3L);

        // An ordinary thread gets a fresh thread state per call.
        List<Object> plain = new ArrayList<>();
        Thread ordinary = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 3; i++) {
                plain.add(python.call(module, "bump"));
            }
        });
        ordinary.join();
        assertThat(plain).containsExactly(1L, 1L, 1L);

        // Timed calls and nesting work on a keeping thread, and it ends cleanly.
        List<Object> timed = new ArrayList<>();
        Thread nested = Thread.ofPlatform().start(PythonRuntime.keepingThreadState(PythonRuntime.keepingThreadState(() -> {
            timed.add(python.callWithTimeout(Duration.ofSeconds(5), module, "bump", List.of(), Map.of()));
            timed.add(python.callWithTimeout(Duration.ofSeconds(5), module, "bump", List.of(), Map.of()));
        })));
        nested.join();
        assertThat(timed).containsExactly(1L, 2L);
    }

    @Test
    void aRunawayLoopIsStoppedAndTheInterpreterStaysUsable() {
        PyModuleHandle module = python.load("runaway", """
                def spin():
                    while True:
                        pass
                def stubborn():
                    try:
                        while True:
                            pass
                    except BaseException:
                        pass
                    while True:
                        pass
                def quick(x):
                    return x + 1
                """, java.nio.file.Path.of("/plugins/runaway.py"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> python.callWithTimeout(Duration.ofMillis(300), module, "spin", List.of(), Map.of()))
                .isInstanceOf(PythonException.class)
                .hasMessage("plugin exceeded its time limit of 300ms")
                .satisfies(e -> {
                    PythonException error = (PythonException) e;
                    assertThat(error.kind()).isEqualTo(PythonException.Kind.TIMEOUT);
                    assertThat(error.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(error.traceback()).contains("line 3, in spin").contains("PluginTimeout");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        assertThatThrownBy(() -> python.callWithTimeout(Duration.ofSeconds(1), module, "stubborn", List.of(), Map.of()))
                .hasMessage("plugin exceeded its time limit of 1s");

        assertThat(python.call(module, "quick", 1)).isEqualTo(2L);
        for (int i = 0; i < 50; i++) {
            assertThat(python.callWithTimeout(Duration.ofMillis(500), module, "quick", List.of(i), Map.of()))
                    .isEqualTo(i + 1L);
        }
    }

    @Test
    void otherThreadsKeepRunningWhileOneSpins() throws Exception {
        PyModuleHandle module = python.load("spin_and_work", """
                def spin():
                    while True:
                        pass
                def add(a, b):
                    return a + b
                """, null);
        Thread spinner = Thread.ofPlatform().start(() -> {
            try {
                python.callWithTimeout(Duration.ofSeconds(2), module, "spin", List.of(), Map.of());
            } catch (PythonException expected) {
                // the time limit
            }
        });
        for (int i = 0; i < 20; i++) {
            assertThat(python.call(module, "add", i, 1)).isEqualTo(i + 1L);
        }
        spinner.join();
    }
}
