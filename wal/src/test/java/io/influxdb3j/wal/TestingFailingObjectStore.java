package io.influxdb3j.wal;

import io.influxdb3j.objectstore.InMemoryObjectStore;
import io.influxdb3j.objectstore.ObjectStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store whose next puts can be made to fail, as a full disk or a network error would. */
final class TestingFailingObjectStore implements ObjectStore {
    private final InMemoryObjectStore delegate = new InMemoryObjectStore();
    private final AtomicInteger putsToFail = new AtomicInteger();

    void failNextPuts(int n) {
        putsToFail.set(n);
    }

    private void maybeFail(String path) {
        if (putsToFail.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new UncheckedIOException(new java.io.IOException("injected failure writing " + path));
        }
    }

    @Override
    public void put(String path, byte[] data) {
        maybeFail(path);
        delegate.put(path, data);
    }

    @Override
    public boolean putIfAbsent(String path, byte[] data) {
        maybeFail(path);
        return delegate.putIfAbsent(path, data);
    }

    @Override
    public void putFile(String path, Path localFile) {
        maybeFail(path);
        delegate.putFile(path, localFile);
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
        return "failing " + delegate.describe();
    }
}
