package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.python.PyModuleHandle;
import io.influxdb3j.python.PythonException;
import io.influxdb3j.python.PythonInterpreter;
import io.influxdb3j.python.PythonRuntime;
import io.influxdb3j.python.SubInterpreter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Function;

/**
 * The interpreters one python component runs on, and the ticket-style dispatch over them
 * (rp-connect-python §2.5): a task takes whichever interpreter is free, runs a whole batch on it,
 * and gives it back.
 *
 * <ul>
 *   <li>{@link PythonMode#GLOBAL}: one slot, the main interpreter; every task runs on the
 *       {@link GlobalPythonThread}, so tasks of all global-mode components queue there.
 *   <li>{@link PythonMode#ISOLATED}: {@code size} sub-interpreters with their own GIL; up to
 *       {@code size} tasks run Python in parallel.
 *   <li>{@link PythonMode#ISOLATED_LEGACY}: {@code size} sub-interpreters sharing the main GIL.
 * </ul>
 *
 * Each interpreter has the {@code __bloblang__} support module loaded once and the configured
 * {@code modules} imported; sub-interpreters also take the main interpreter's {@code sys.path}.
 */
final class InterpreterPool implements AutoCloseable {
    static final String SUPPORT_MODULE = "__bloblang__";
    private static final String SUPPORT_SOURCE = readSupportSource();
    // The main interpreter's support module, loaded once on the global thread: global-mode
    // components share it (and __main__), as in rp-connect-python.
    private static PyModuleHandle mainSupport;

    /** One interpreter of the pool; {@code index} numbers a component's per-interpreter state. */
    record Slot(int index, PythonInterpreter interpreter, PyModuleHandle support) {}

    private final PythonMode mode;
    private final List<Slot> slots;
    private final BlockingQueue<Slot> free;
    private final List<SubInterpreter> subInterpreters;

    private InterpreterPool(PythonMode mode, List<Slot> slots, List<SubInterpreter> subInterpreters) {
        this.mode = mode;
        this.slots = List.copyOf(slots);
        this.free = new ArrayBlockingQueue<>(slots.size(), false, slots);
        this.subInterpreters = subInterpreters;
    }

    /**
     * Starts the interpreters ({@code size} is ignored in global mode) and prepares each.
     *
     * @param name for thread names and messages
     * @throws PipelineException if a module cannot be imported or an interpreter cannot start
     */
    static InterpreterPool open(PythonMode mode, int size, String name, List<String> modules) {
        PythonRuntime runtime = PythonRuntime.get();
        if (mode == PythonMode.GLOBAL) {
            Slot slot = GlobalPythonThread.call(() -> {
                PythonInterpreter main = runtime.mainInterpreter();
                PyModuleHandle support = mainSupport(main);
                importModules(main, support, modules, mode);
                return new Slot(0, main, support);
            });
            return new InterpreterPool(mode, List.of(slot), List.of());
        }
        SubInterpreter.Gil gil = mode == PythonMode.ISOLATED ? SubInterpreter.Gil.OWN : SubInterpreter.Gil.SHARED;
        // A sub-interpreter's sys.path comes from the start-up config; the main interpreter's may have
        // grown since (bundled packages, an activated venv), and scripts should find the same modules.
        Object mainPath = GlobalPythonThread.call(() -> {
            PythonInterpreter main = runtime.mainInterpreter();
            return main.call(mainSupport(main), "sys_path");
        });
        List<SubInterpreter> subs = new ArrayList<>();
        List<Slot> slots = new ArrayList<>();
        try {
            for (int i = 0; i < Math.max(1, size); i++) {
                SubInterpreter sub = runtime.newSubInterpreter(name + "-" + i, gil);
                subs.add(sub);
                PyModuleHandle support = sub.load(SUPPORT_MODULE, SUPPORT_SOURCE, null, true);
                sub.call(support, "adopt_sys_path", mainPath);
                importModules(sub, support, modules, mode);
                slots.add(new Slot(i, sub, support));
            }
        } catch (RuntimeException e) {
            subs.forEach(SubInterpreter::close);
            throw e;
        }
        return new InterpreterPool(mode, slots, subs);
    }

    private static synchronized PyModuleHandle mainSupport(PythonInterpreter main) {
        if (mainSupport == null) {
            mainSupport = main.load(SUPPORT_MODULE, SUPPORT_SOURCE, null, true);
        }
        return mainSupport;
    }

    private static void importModules(PythonInterpreter interpreter, PyModuleHandle support, List<String> modules,
            PythonMode mode) {
        if (modules.isEmpty()) {
            return;
        }
        try {
            interpreter.call(support, "import_modules", modules);
        } catch (PythonException e) {
            String hint = mode == PythonMode.ISOLATED && e.pythonMessage().replace("-", "").contains("subinterpreter")
                    ? ": the module does not support isolated sub-interpreters; use mode isolated_legacy or global"
                    : "";
            throw new PipelineException("modules: could not import " + modules + " in mode " + mode.configName()
                    + ": " + e.summary() + hint, e);
        }
    }

    PythonMode mode() {
        return mode;
    }

    List<Slot> slots() {
        return slots;
    }

    /** Runs {@code task} with a free interpreter, on the thread that interpreter's calls need. */
    <T> T run(Function<Slot, T> task) {
        if (mode == PythonMode.GLOBAL) {
            Slot slot = slots.get(0);
            return GlobalPythonThread.call(() -> task.apply(slot));
        }
        Slot slot;
        try {
            slot = free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while waiting for a free Python interpreter", e);
        }
        try {
            return task.apply(slot);
        } finally {
            free.add(slot);
        }
    }

    /** Runs {@code task} once on every interpreter (setup), in order. */
    <T> List<T> runOnEach(Function<Slot, T> task) {
        List<T> results = new ArrayList<>();
        for (Slot slot : slots) {
            results.add(mode == PythonMode.GLOBAL ? GlobalPythonThread.call(() -> task.apply(slot)) : task.apply(slot));
        }
        return results;
    }

    /** Ends the sub-interpreters (the main interpreter lives on). */
    @Override
    public void close() {
        subInterpreters.forEach(SubInterpreter::close);
    }

    /**
     * Checks that {@code script} compiles, in the main interpreter; empty when it does, else a line
     * naming the error and its line.
     */
    static Optional<String> syntaxError(String script, String fileName) {
        return GlobalPythonThread.call(() -> {
            PythonInterpreter main = PythonRuntime.get().mainInterpreter();
            Object error = main.call(mainSupport(main), "check_syntax", script, fileName);
            return Optional.ofNullable((String) error);
        });
    }

    private static String readSupportSource() {
        try (InputStream in = InterpreterPool.class.getResourceAsStream("pipeline_support.py")) {
            if (in == null) {
                throw new IllegalStateException("pipeline_support.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
