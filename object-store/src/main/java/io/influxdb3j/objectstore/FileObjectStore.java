package io.influxdb3j.objectstore;

import io.influxdb3j.common.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects are files under a root directory ({@code --object-store file --data-dir ...}); the key
 * {@code a/b/c} is the file {@code root/a/b/c}.
 *
 * <p>Durability: every write goes to a temporary file in the target directory, which is fsynced,
 * atomically renamed over the target, and then the directory itself is fsynced, so after a crash
 * or power loss an object is either wholly the old content or wholly the new. Temporary files are
 * named {@code .tmp-*} and never listed; a crash can leave them behind, and they are harmless.
 */
public final class FileObjectStore implements ObjectStore {
    private static final boolean FSYNC_DIRECTORIES =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path root;
    /** Serialises putIfAbsent only on file systems without hard links (see {@link #putIfAbsent}). */
    private final Object putIfAbsentFallbackLock = new Object();

    public FileObjectStore(Path root) {
        try {
            Files.createDirectories(root);
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new ObjectStoreException(ErrorCode.INTERNAL,
                    "cannot open object store directory '" + root + "': " + e
                            + ": check that it exists and is writable, or choose another --data-dir", e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public void put(String path, byte[] data) {
        put(path, List.of(ByteBuffer.wrap(data)));
    }

    @Override
    public void put(String path, List<ByteBuffer> parts) {
        Path target = resolve(path);
        Path tmp = null;
        try {
            createParents(target);
            tmp = writeTemp(target, parts);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            tmp = null;
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            throw ObjectStoreException.io("put", path, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public boolean putIfAbsent(String path, byte[] data) {
        Path target = resolve(path);
        Path tmp = null;
        try {
            createParents(target);
            tmp = writeTemp(target, List.of(ByteBuffer.wrap(data)));
            boolean created;
            try {
                // link(2) fails with EEXIST if the target exists: an atomic create-if-absent that
                // also holds across processes, and the linked file is already complete and synced.
                Files.createLink(target, tmp);
                created = true;
            } catch (FileAlreadyExistsException e) {
                created = false;
            } catch (UnsupportedOperationException | FileSystemException e) {
                created = putIfAbsentWithoutLinks(tmp, target);
                if (created) {
                    tmp = null;
                }
            }
            if (created) {
                fsyncDirectory(target.getParent());
            }
            return created;
        } catch (IOException e) {
            throw ObjectStoreException.io("putIfAbsent", path, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** For file systems without hard links: atomic within this process only. */
    private boolean putIfAbsentWithoutLinks(Path tmp, Path target) throws IOException {
        synchronized (putIfAbsentFallbackLock) {
            if (Files.exists(target)) {
                return false;
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        }
    }

    @Override
    public void putFile(String path, Path localFile) {
        Path target = resolve(path);
        Path tmp = null;
        try {
            createParents(target);
            try (FileChannel ch = FileChannel.open(localFile, StandardOpenOption.READ)) {
                ch.force(true);
            }
            try {
                Files.move(localFile, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Different file system: copy next to the target, sync, then rename into place.
                tmp = tempSibling(target);
                Files.copy(localFile, tmp);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                tmp = null;
                Files.deleteIfExists(localFile);
            }
            fsyncDirectory(target.getParent());
        } catch (IOException e) {
            throw ObjectStoreException.io("putFile", path, e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public Optional<byte[]> get(String path) {
        Path file = resolve(path);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (Files.isDirectory(file)) {
                return Optional.empty();
            }
            throw ObjectStoreException.io("get", path, e);
        }
    }

    @Override
    public List<ObjectMeta> list(String prefix) {
        ObjectPaths.checkPrefix(prefix);
        List<ObjectMeta> out = new ArrayList<>();
        try {
            walk(root, "", prefix, out);
        } catch (IOException e) {
            throw ObjectStoreException.io("list", prefix, e);
        }
        out.sort(Comparator.comparing(ObjectMeta::path));
        return out;
    }

    /** Visits {@code dir} (whose key prefix is {@code relative}), descending only where keys can match. */
    private static void walk(Path dir, String relative, String prefix, List<ObjectMeta> out) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(ObjectPaths.TEMP_PREFIX)) {
                    continue;
                }
                String key = relative + name;
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(entry, BasicFileAttributes.class);
                } catch (NoSuchFileException e) {
                    continue; // deleted while we were listing
                }
                if (attrs.isDirectory()) {
                    String dirKey = key + "/";
                    if (dirKey.startsWith(prefix) || prefix.startsWith(dirKey)) {
                        walk(entry, dirKey, prefix, out);
                    }
                } else if (key.startsWith(prefix)) {
                    out.add(new ObjectMeta(key, attrs.size(), attrs.lastModifiedTime().toMillis()));
                }
            }
        } catch (NoSuchFileException e) {
            // the directory was removed while we were listing: it holds nothing
        }
    }

    @Override
    public void delete(String path) {
        Path file = resolve(path);
        try {
            if (!Files.isDirectory(file)) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw ObjectStoreException.io("delete", path, e);
        }
    }

    @Override
    public Path localDirectory(String prefix) {
        return resolve(prefix);
    }

    @Override
    public Path localPath(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new ObjectStoreException(ErrorCode.NOT_FOUND, "object '" + path + "' not found in " + describe());
        }
        return file;
    }

    @Override
    public String describe() {
        return "file:" + root;
    }

    private Path resolve(String path) {
        ObjectPaths.checkPath(path);
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new ObjectStoreException(ErrorCode.INVALID_ARGUMENT,
                    "invalid object path '" + path + "': it resolves outside the store root " + root);
        }
        return resolved;
    }

    private static Path writeTemp(Path target, List<ByteBuffer> parts) throws IOException {
        Path tmp = tempSibling(target);
        boolean done = false;
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer[] bufs = new ByteBuffer[parts.size()];
            long left = 0;
            for (int i = 0; i < bufs.length; i++) {
                bufs[i] = parts.get(i).duplicate();
                left += bufs[i].remaining();
            }
            // gathering writes: the parts go to the file without being joined first
            while (left > 0) {
                left -= ch.write(bufs);
            }
            ch.force(true);
            done = true;
        } finally {
            if (!done) {
                deleteQuietly(tmp);
            }
        }
        return tmp;
    }

    private static Path tempSibling(Path target) {
        return target.resolveSibling(ObjectPaths.TEMP_PREFIX + UUID.randomUUID() + "-" + target.getFileName());
    }

    /**
     * Creates missing parent directories one at a time, fsyncing each new directory's parent so the
     * new entry survives a crash (createDirectories alone would leave them only in the page cache).
     */
    private void createParents(Path target) throws IOException {
        Path parent = target.getParent();
        if (Files.isDirectory(parent)) {
            return;
        }
        List<Path> missing = new ArrayList<>();
        for (Path p = parent; p != null && p.startsWith(root) && !Files.isDirectory(p); p = p.getParent()) {
            // a regular file here makes createDirectory fail below, with a clear message
            missing.add(p);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            Path dir = missing.get(i);
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(dir)) {
                    // Unlike S3, a file system cannot hold both "a/b" and "a/b/c".
                    throw new ObjectStoreException(ErrorCode.INVALID_ARGUMENT, "cannot store '"
                            + root.relativize(target) + "': the object '" + root.relativize(dir)
                            + "' exists, and a file store cannot keep objects beneath another object", e);
                }
                continue; // another writer created it (and synced its parent)
            }
            fsyncDirectory(dir.getParent());
        }
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        if (!FSYNC_DIRECTORIES) {
            return; // Windows cannot open a directory as a channel; NTFS journals metadata itself
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // a leftover .tmp- file is never listed and is harmless
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
