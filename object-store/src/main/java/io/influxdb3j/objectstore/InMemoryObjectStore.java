package io.influxdb3j.objectstore;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.TimeProvider;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Objects held in memory ({@code --object-store memory}, and tests). Nothing survives the process.
 * Stored arrays are private copies, so callers may reuse or mutate theirs.
 *
 * <p>{@link #localPath} writes a copy of the object into a private temporary directory the first
 * time it is asked for each version of the object, and {@link #close} removes that directory.
 */
public final class InMemoryObjectStore implements ObjectStore, AutoCloseable {
    private record Entry(byte[] data, long version, long lastModifiedMillis) {
    }

    private record Materialized(long version, Path file) {
    }

    private final ConcurrentSkipListMap<String, Entry> objects = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Materialized> materialized = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final TimeProvider time;
    private final Object tempDirLock = new Object();
    private Path tempDir; // guarded by tempDirLock
    private boolean closed; // guarded by tempDirLock

    public InMemoryObjectStore() {
        this(TimeProvider.SYSTEM);
    }

    public InMemoryObjectStore(TimeProvider time) {
        this.time = time;
    }

    @Override
    public void put(String path, byte[] data) {
        ObjectPaths.checkPath(path);
        objects.put(path, newEntry(data));
    }

    @Override
    public boolean putIfAbsent(String path, byte[] data) {
        ObjectPaths.checkPath(path);
        return objects.putIfAbsent(path, newEntry(data)) == null;
    }

    @Override
    public void putFile(String path, Path localFile) {
        ObjectPaths.checkPath(path);
        try {
            byte[] data = Files.readAllBytes(localFile);
            objects.put(path, new Entry(data, versions.incrementAndGet(), time.nowMillis()));
            Files.delete(localFile);
        } catch (IOException e) {
            throw ObjectStoreException.io("putFile", path, e);
        }
    }

    @Override
    public Optional<byte[]> get(String path) {
        ObjectPaths.checkPath(path);
        Entry e = objects.get(path);
        return e == null ? Optional.empty() : Optional.of(e.data().clone());
    }

    @Override
    public List<ObjectMeta> list(String prefix) {
        ObjectPaths.checkPrefix(prefix);
        List<ObjectMeta> out = new ArrayList<>();
        for (Map.Entry<String, Entry> e : objects.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break; // keys are sorted, so the first non-match ends the range
            }
            out.add(new ObjectMeta(e.getKey(), e.getValue().data().length, e.getValue().lastModifiedMillis()));
        }
        return out;
    }

    @Override
    public void delete(String path) {
        ObjectPaths.checkPath(path);
        objects.remove(path);
    }

    @Override
    public Path localPath(String path) {
        ObjectPaths.checkPath(path);
        Entry entry = objects.get(path);
        if (entry == null) {
            throw new ObjectStoreException(ErrorCode.NOT_FOUND, "object '" + path + "' not found in " + describe());
        }
        Materialized m = materialized.compute(path, (key, old) ->
                old != null && old.version() == entry.version() ? old : materialize(key, entry));
        return m.file();
    }

    /**
     * Each version gets its own file ({@code tmp/{version}/{path}}, keeping the file name and
     * extension), so a reader still holding an older version's path is not disturbed.
     */
    private Materialized materialize(String path, Entry entry) {
        try {
            Path file = tempDir().resolve(Long.toString(entry.version())).resolve(path);
            Files.createDirectories(file.getParent());
            Files.write(file, entry.data());
            return new Materialized(entry.version(), file);
        } catch (IOException e) {
            throw ObjectStoreException.io("localPath", path, e);
        }
    }

    @Override
    public Path localDirectory(String prefix) {
        // only objects asked for by localPath are copied here
        try {
            return tempDir();
        } catch (IOException e) {
            throw ObjectStoreException.io("localDirectory", "", e);
        }
    }

    private Path tempDir() throws IOException {
        synchronized (tempDirLock) {
            if (closed) {
                throw new ObjectStoreException(ErrorCode.INTERNAL, "in-memory object store is closed");
            }
            if (tempDir == null) {
                tempDir = Files.createTempDirectory("influxdb3j-memory-store-");
            }
            return tempDir;
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    /** Removes the files {@link #localPath} materialised. The objects themselves stay readable. */
    @Override
    public void close() {
        Path dir;
        synchronized (tempDirLock) {
            closed = true;
            dir = tempDir;
            tempDir = null;
        }
        materialized.clear();
        if (dir != null) {
            deleteRecursively(dir);
        }
    }

    private Entry newEntry(byte[] data) {
        return new Entry(data.clone(), versions.incrementAndGet(), time.nowMillis());
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ObjectStoreException(ErrorCode.INTERNAL,
                    "cannot remove the in-memory store's temporary directory " + dir + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
