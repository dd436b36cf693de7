package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.PipelineException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one OS thread on which every global-mode python component of the process runs its Python
 * code, one task at a time (rp-connect-python's "main routine"). Native libraries such as pandas
 * and pyarrow keep thread-local state and can deadlock when several threads take turns on the main
 * interpreter; funnelling all global-mode work onto one thread avoids that, and it also makes the
 * per-interpreter "current message" of {@code __bloblang__} safe without locks.
 *
 * <p>The main interpreter takes its GIL per call, so code that other parts of the process run in
 * the main interpreter (processing-engine plugins) interleaves with this thread as Python threads do.
 */
final class GlobalPythonThread {
    private static volatile Thread thread;
    private static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor(task -> {
        Thread created = Thread.ofPlatform().name("python-global").daemon(true).unstarted(task);
        thread = created;
        return created;
    });

    private GlobalPythonThread() {}

    /** Runs {@code task} on the global thread and waits for it; runs it directly when already there. */
    static <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            return callDirectly(task);
        }
        Future<T> result = EXECUTOR.submit(task);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("interrupted while waiting for global-mode Python; the call goes on", e);
        }
    }

    /** Queues {@code task} on the global thread without waiting (releasing references, say). */
    static void execute(Runnable task) {
        EXECUTOR.execute(task);
    }

    static boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    private static <T> T callDirectly(Callable<T> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        } else if (cause instanceof Error error) {
            throw error;
        }
        return new PipelineException(String.valueOf(cause.getMessage()), cause);
    }
}
