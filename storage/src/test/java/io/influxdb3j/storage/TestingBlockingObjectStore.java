package io.influxdb3j.storage;

import io.influxdb3j.objectstore.ObjectStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An object store that holds the first {@code put} or {@code putFile} of a matching path until {@link #release()}, so
 * a test can act while a background task is stuck in the middle of writing. The wait ignores
 * interrupts, as a slow disk or network would.
 */
final class TestingBlockingObjectStore implements ObjectStore {
    private final ObjectStore delegate;
    private final Predicate<String> blockPaths;
    private final CountDownLatch blocked = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    TestingBlockingObjectStore(ObjectStore delegate, Predicate<String> blockPaths) {
        this.delegate = delegate;
        this.blockPaths = blockPaths;
    }

    boolean awaitBlocked(long seconds) throws InterruptedException {
        return blocked.await(seconds, TimeUnit.SECONDS);
    }

    void release() {
        released.countDown();
    }

    /** Waits until the held put has returned or thrown. */
    boolean awaitFinished(long seconds) throws InterruptedException {
        return finished.await(seconds, TimeUnit.SECONDS);
    }

    private void maybeBlock(String path) {
        if (!blockPaths.test(path) || blocked.getCount() == 0) {
            return;
        }
        blocked.countDown();
        boolean interrupted = false;
        while (true) {
            try {
                released.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void put(String path, byte[] data) {
        boolean watched = blockPaths.test(path) && blocked.getCount() > 0;
        try {
            maybeBlock(path);
            delegate.put(path, data);
        } finally {
            if (watched) {
                finished.countDown();
            }
        }
    }

    @Override
    public boolean putIfAbsent(String path, byte[] data) {
        return delegate.putIfAbsent(path, data);
    }

    @Override
    public void putFile(String path, Path localFile) {
        boolean watched = blockPaths.test(path) && blocked.getCount() > 0;
        try {
            maybeBlock(path);
            delegate.putFile(path, localFile);
        } finally {
            if (watched) {
                finished.countDown();
            }
        }
    }

    @Override
    public Optional<byte[]> get(String path) {
        return delegate.get(path);
    }

    @Override
    public List<ObjectMeta> list(String prefix) {
        return delegate.list(prefix);
    }

    @Override
    public void delete(String path) {
        delegate.delete(path);
    }

    @Override
    public Path localPath(String path) {
        return delegate.localPath(path);
    }

    @Override
    public Path localDirectory(String prefix) {
        return delegate.localDirectory(prefix);
    }

    @Override
    public String describe() {
        return "blocking " + delegate.describe();
    }
}
