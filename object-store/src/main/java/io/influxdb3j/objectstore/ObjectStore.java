package io.influxdb3j.objectstore;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where everything durable lives: catalog files, WAL files, snapshot manifests and Parquet files.
 * Paths are relative, '/'-separated keys such as {@code node1/wal/00000000001.wal}.
 *
 * <p>Contract: when {@link #put} or {@link #putIfAbsent} returns, the object is durable (a file
 * store has fsynced the file and its directory) and visible to {@link #get} and {@link #list} from
 * any thread. Objects are written whole: a reader never sees a partial object. Implementations are
 * thread-safe.
 */
public interface ObjectStore {
    /** Writes (or replaces) an object; durable when it returns. */
    void put(String path, byte[] data);

    /**
     * Writes (or replaces) an object made of {@code parts} in order (their remaining bytes);
     * durable when it returns. A store that can write the parts without joining them overrides this.
     */
    default void put(String path, List<java.nio.ByteBuffer> parts) {
        int size = 0;
        for (java.nio.ByteBuffer b : parts) {
            size = Math.addExact(size, b.remaining());
        }
        byte[] all = new byte[size];
        int pos = 0;
        for (java.nio.ByteBuffer b : parts) {
            int n = b.remaining();
            b.duplicate().get(all, pos, n);
            pos += n;
        }
        put(path, all);
    }

    /** Writes an object only if none exists at that path; returns false if one did. Durable when it returns true. */
    boolean putIfAbsent(String path, byte[] data);

    /** Moves a finished local file into the store under {@code path} (the file is consumed); durable when it returns. */
    void putFile(String path, Path localFile);

    Optional<byte[]> get(String path);

    /** Objects whose path starts with {@code prefix}, sorted by path. */
    List<ObjectMeta> list(String prefix);

    /** Removes an object; no error if it is absent. */
    void delete(String path);

    /**
     * A local file holding the object, for readers that need a file name (DuckDB reads Parquet by
     * path). A file store returns the object's own file; a memory store materialises a copy once.
     */
    Path localPath(String path);

    /**
     * A directory every {@link #localPath} of an object under {@code prefix} lies in: what a reader
     * confined to some directories (DuckDB with external access off) must be allowed to read.
     */
    Path localDirectory(String prefix);

    /** A human description for logs, e.g. {@code file:/home/u/.influxdb3} or {@code memory}. */
    String describe();

    record ObjectMeta(String path, long sizeBytes, long lastModifiedMillis) {
    }
}
