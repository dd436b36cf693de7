package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyEval_RestoreThread;
import static org.bytedeco.cpython.global.python.PyEval_SaveThread;
import static org.bytedeco.cpython.global.python.PyGILState_Ensure;
import static org.bytedeco.cpython.global.python.PyGILState_Release;
import static org.bytedeco.cpython.global.python.PyGILState_UNLOCKED;

import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.PyThreadState;

/**
 * The main interpreter: one per process, shared by every caller, as in InfluxDB 3 (all plugins
 * share {@code sys.modules}). A thread takes its GIL with {@code PyGILState_Ensure}, which also
 * handles re-entry from a Java function that released it.
 *
 * <p>On an ordinary thread {@code PyGILState_Ensure} creates a Python thread state for the call and
 * {@code PyGILState_Release} deletes it again (with its frame stack, which is mapped and unmapped).
 * A thread started through {@link PythonRuntime#keepingThreadState} instead keeps the thread state
 * it makes on its first call until the thread ends, so later calls only take and release the GIL.
 */
final class MainInterpreter extends AbstractInterpreter {
    /** Per thread: whether it may keep a thread state, and the one it keeps (null until its first call). */
    private static final class Kept {
        PyThreadState state;
    }

    private static final ThreadLocal<Kept> KEPT = new ThreadLocal<>();

    MainInterpreter() {
        super("main");
    }

    @Override
    <T> T withGil(GilTask<T> task) {
        requirePlatformThread();
        Kept kept = KEPT.get();
        if (kept != null && kept.state == null) {
            keepThreadState(kept);
        }
        int state = PyGILState_Ensure();
        try {
            return task.run();
        } finally {
            PyGILState_Release(state);
        }
    }

    /**
     * One {@code PyGILState_Ensure} that is never matched until the thread ends, so the thread state
     * outlives every call's own Ensure/Release pair. The GIL is not held on return.
     */
    private static void keepThreadState(Kept kept) {
        PyGILState_Ensure();
        kept.state = PyEval_SaveThread();
    }

    /** Runs {@code body} (a thread's whole work) letting the thread keep its thread state, deleted at the end. */
    static void runKeepingThreadState(Runnable body) {
        if (KEPT.get() != null) {
            body.run();
            return;
        }
        Kept kept = new Kept();
        KEPT.set(kept);
        try {
            body.run();
        } finally {
            KEPT.remove();
            if (kept.state != null) {
                // Balances keepThreadState: the count drops to zero, which clears and deletes the
                // thread state and releases the GIL.
                PyEval_RestoreThread(kept.state);
                PyGILState_Release(PyGILState_UNLOCKED);
            }
        }
    }

    @Override
    void withGilFromHelperThread(Runnable task) {
        int state = PyGILState_Ensure();
        try {
            task.run();
        } finally {
            PyGILState_Release(state);
        }
    }

    @Override
    void releaseReference(PyObject object) {
        // From close() or the Cleaner's thread; the main interpreter is never finalised. A virtual
        // thread hands it to a platform thread, since taking the GIL binds state to the OS thread.
        if (Thread.currentThread().isVirtual()) {
            HELPER.execute(() -> releaseReference(object));
            return;
        }
        withGilFromHelperThread(() -> Refs.decref(object));
    }

    static void requirePlatformThread() {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("Python cannot be called from a virtual thread (" + Thread.currentThread()
                    + "): CPython keeps per-OS-thread state; call it from a platform thread");
        }
    }
}
