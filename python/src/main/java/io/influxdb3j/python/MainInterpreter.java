package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyGILState_Ensure;
import static org.bytedeco.cpython.global.python.PyGILState_Release;

import org.bytedeco.cpython.PyObject;

/**
 * The main interpreter: one per process, shared by every caller, as in InfluxDB 3 (all plugins
 * share {@code sys.modules}). A thread takes its GIL with {@code PyGILState_Ensure}, which also
 * handles re-entry from a Java function that released it.
 */
final class MainInterpreter extends AbstractInterpreter {
    MainInterpreter() {
        super("main");
    }

    @Override
    <T> T withGil(GilTask<T> task) {
        requirePlatformThread();
        int state = PyGILState_Ensure();
        try {
            return task.run();
        } finally {
            PyGILState_Release(state);
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
            WATCHDOG.execute(() -> releaseReference(object));
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
