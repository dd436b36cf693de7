package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyEval_RestoreThread;
import static org.bytedeco.cpython.global.python.PyEval_SaveThread;
import static org.bytedeco.cpython.global.python.PyInterpreterConfig_OWN_GIL;
import static org.bytedeco.cpython.global.python.PyInterpreterConfig_SHARED_GIL;
import static org.bytedeco.cpython.global.python.PyInterpreterState_Main;
import static org.bytedeco.cpython.global.python.PyStatus_Exception;
import static org.bytedeco.cpython.global.python.PyThreadState_Clear;
import static org.bytedeco.cpython.global.python.PyThreadState_DeleteCurrent;
import static org.bytedeco.cpython.global.python.PyThreadState_GetInterpreter;
import static org.bytedeco.cpython.global.python.PyThreadState_New;
import static org.bytedeco.cpython.global.python.Py_EndInterpreter;
import static org.bytedeco.cpython.global.python.Py_NewInterpreterFromConfig;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.bytedeco.cpython.PyInterpreterConfig;
import org.bytedeco.cpython.PyInterpreterState;
import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.PyStatus;
import org.bytedeco.cpython.PyThreadState;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A sub-interpreter with its own GIL ({@code PyInterpreterConfig.gil = OWN}), so Python code in it
 * runs in parallel with the main interpreter and with other sub-interpreters; or, made with
 * {@link Gil#SHARED}, one that shares the main GIL and allocator (isolated namespaces, no parallelism).
 *
 * <p>It is bound to one platform thread it owns: every call from another thread (virtual threads
 * included) is queued to that thread and waits for it; calls made on it from inside a
 * {@link JavaFunction} run directly. While the thread is inside a Java function, calls from other
 * threads wait until it returns. It has its own {@code sys.modules}, builtins and objects; handles
 * cannot cross interpreters. Extension modules that do not support sub-interpreters (numpy, for
 * one) refuse to import. Fork and exec are not allowed; threads are, daemon threads are not.
 *
 * <p>A thread started by Python code in a sub-interpreter may call {@link JavaFunction}s, but a
 * Java function running there that calls back into this sub-interpreter waits for the owning
 * thread, so it must not be waiting for that Python thread at the time (joining it, say).
 *
 * <p>{@link #close()} ends the interpreter and its thread; its handles become inert.
 */
public final class SubInterpreter extends AbstractInterpreter implements AutoCloseable {
    private static final Runnable STOP = () -> {};

    /** Whose GIL and allocator a sub-interpreter uses. */
    public enum Gil {
        /**
         * Its own GIL and object allocator ({@code PyInterpreterConfig_OWN_GIL}, {@code use_main_obmalloc=0}):
         * runs in parallel with every other interpreter; single-phase-init extensions refuse to import.
         */
        OWN,
        /**
         * The main interpreter's GIL and allocator ({@code PyInterpreterConfig_SHARED_GIL},
         * {@code use_main_obmalloc=1}, {@code check_multi_interp_extensions=0}): its own modules and
         * {@code __main__}, but Python code takes turns with the main interpreter and other shared-GIL
         * sub-interpreters; legacy extensions may import.
         */
        SHARED
    }

    private final Gil gil;

    private final Thread thread;
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    // Guards ending the interpreter against the watchdog entering it with a thread state of its own.
    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private volatile boolean ended;

    // Touched only by the owning thread.
    private PyThreadState threadState;
    private PyThreadState mainThreadState;
    private PyInterpreterState interpreterState;
    private boolean holdsGil;

    private SubInterpreter(String name, Gil gil) {
        super(name);
        this.gil = gil;
        this.thread = Thread.ofPlatform().name("python-sub-" + name).daemon(true).unstarted(this::run);
    }

    static SubInterpreter start(String name) {
        return start(name, Gil.OWN);
    }

    static SubInterpreter start(String name, Gil gil) {
        SubInterpreter sub = new SubInterpreter(name, gil);
        sub.thread.start();
        try {
            sub.started.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while starting sub-interpreter " + name, e);
        }
        return sub;
    }

    private void run() {
        try {
            create();
            started.complete(null);
        } catch (Throwable t) {
            started.completeExceptionally(t);
            return;
        }
        while (true) {
            Runnable task;
            try {
                task = tasks.take();
            } catch (InterruptedException e) {
                continue; // only close() ends the loop
            }
            if (task == STOP) {
                break;
            }
            task.run();
        }
        destroy();
    }

    private void create() {
        // A main-interpreter thread state for this thread: creating a sub-interpreter needs the main
        // GIL, and releases it once the new interpreter (with a GIL of its own) is current. With a
        // shared GIL the new interpreter's thread state simply takes over the held main GIL.
        mainThreadState = PyThreadState_New(PyInterpreterState_Main());
        PyEval_RestoreThread(mainThreadState);
        PyInterpreterConfig config = new PyInterpreterConfig();
        boolean own = gil == Gil.OWN;
        config.use_main_obmalloc(own ? 0 : 1)
                .allow_fork(0)
                .allow_exec(0)
                .allow_threads(1)
                .allow_daemon_threads(0)
                .check_multi_interp_extensions(own ? 1 : 0)
                .gil(own ? PyInterpreterConfig_OWN_GIL : PyInterpreterConfig_SHARED_GIL);
        PointerPointer<PyThreadState> created = new PointerPointer<>(1);
        PyStatus status = Py_NewInterpreterFromConfig(created, config);
        if (PyStatus_Exception(status) != 0) {
            String message = status.err_msg() == null ? "unknown error" : status.err_msg().getString();
            PyThreadState_Clear(mainThreadState);
            PyThreadState_DeleteCurrent();
            throw new InfluxException(ErrorCode.INTERNAL, "could not create sub-interpreter '" + name() + "': " + message);
        }
        threadState = created.get(PyThreadState.class, 0);
        interpreterState = PyThreadState_GetInterpreter(threadState);
        holdsGil = true;
        try {
            bootstrapLocked();
        } catch (RuntimeException | Error e) {
            holdsGil = false;
            PyEval_SaveThread();
            destroy();
            throw e;
        }
        holdsGil = false;
        PyEval_SaveThread();
    }

    private void destroy() {
        synchronized (lifecycle) {
            ended = true;
            PyEval_RestoreThread(threadState);
            Py_EndInterpreter(threadState); // leaves no current thread state
            PyEval_RestoreThread(mainThreadState);
            PyThreadState_Clear(mainThreadState);
            PyThreadState_DeleteCurrent();
        }
    }

    @Override
    <T> T withGil(GilTask<T> task) {
        if (Thread.currentThread() == thread) {
            if (holdsGil) {
                return task.run();
            }
            PyEval_RestoreThread(threadState);
            holdsGil = true;
            try {
                return task.run();
            } finally {
                holdsGil = false;
                PyEval_SaveThread();
            }
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(withGil(task));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while waiting for sub-interpreter '" + name()
                    + "'; the call goes on", e);
        }
    }

    private synchronized void submit(Runnable task) {
        // Synchronised with close(), so no call is queued behind STOP and left waiting forever.
        if (closing) {
            throw new IllegalStateException("sub-interpreter '" + name() + "' is closed");
        }
        tasks.add(task);
    }

    // A Java function may also be called from a thread Python code started; holdsGil is only
    // about the owning thread.
    @Override
    PyThreadState releaseGilForJava() {
        if (Thread.currentThread() == thread) {
            holdsGil = false;
        }
        return PyEval_SaveThread();
    }

    @Override
    void reacquireGilAfterJava(PyThreadState saved) {
        PyEval_RestoreThread(saved);
        if (Thread.currentThread() == thread) {
            holdsGil = true;
        }
    }

    @Override
    void withGilFromHelperThread(Runnable task) {
        synchronized (lifecycle) {
            if (ended) {
                return;
            }
            // A short-lived thread state of the watchdog's own in this interpreter.
            PyThreadState visitor = PyThreadState_New(interpreterState);
            PyEval_RestoreThread(visitor);
            try {
                task.run();
            } finally {
                PyThreadState_Clear(visitor);
                PyThreadState_DeleteCurrent();
            }
        }
    }

    @Override
    void releaseReference(PyObject object) {
        if (ended) {
            return; // the interpreter's memory is gone with it
        }
        if (Thread.currentThread() == thread && holdsGil) {
            Refs.decref(object);
            return;
        }
        if (!closing) {
            tasks.add(() -> {
                if (!ended) {
                    withGil(() -> {
                        Refs.decref(object);
                        return null;
                    });
                }
            });
        }
    }

    /** Ends the interpreter after the calls already queued; waits unless called from its own thread. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            tasks.add(STOP);
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether it has its own GIL or shares the main one. */
    public Gil gil() {
        return gil;
    }

    /** The thread all of this interpreter's Python code runs on. */
    public Thread thread() {
        return thread;
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        } else if (cause instanceof Error error) {
            throw error;
        }
        return new InfluxException(ErrorCode.INTERNAL, "sub-interpreter call failed: " + cause, cause);
    }
}
