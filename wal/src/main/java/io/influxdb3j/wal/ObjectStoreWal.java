package io.influxdb3j.wal;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.objectstore.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAL on an {@link ObjectStore}: ops are buffered in acceptance order and one flush thread
 * writes them, every flush interval, as a single file {@code {node}/wal/{seq:011d}.wal}, then tells
 * the notifier, then releases the writers waiting on that file.
 *
 * <p>Failure handling: if the put or the notifier throws, every {@link #writeDurable} future of
 * that flush completes exceptionally with the cause, the failure is logged and counted
 * ({@link #failedFlushCount}, {@link #lastFlushFailure}), and the thread carries on with the next
 * flush. A failed put does not consume the sequence number (the next flush writes that number,
 * replacing anything partial); a notifier failure does, because the file is already durable.
 */
public final class ObjectStoreWal implements Wal {
    private static final Logger log = LoggerFactory.getLogger(ObjectStoreWal.class);
    private static final String WAL_DIR = "wal/";
    private static final String SUFFIX = ".wal";

    /**
     * An accepted op, already encoded by the caller's thread (so the one flush thread only gathers
     * them into a file); {@code durable} is null for writeNoSync.
     */
    private record Pending(WalOp op, WalFileCodec.EncodedOp encoded, CompletableFuture<Void> durable) {
    }

    private final ObjectStore store;
    private final String nodePrefix;
    private final long flushIntervalNanos;
    private final int maxBufferedOps;
    /** Flush before the interval ends once this many rows wait (group commit); Long.MAX_VALUE = never. */
    private final long earlyFlushRows;
    private final WalFileNotifier notifier;
    private final TimeProvider time;
    private final Thread flushThread;
    /**
     * Applies durable files (calls the notifier, then releases their writers) in sequence order,
     * so that writing and fsyncing file N+1 overlaps applying file N.
     */
    private final Thread applyThread;
    private final java.util.concurrent.LinkedBlockingQueue<ApplyTask> applyQueue = new java.util.concurrent.LinkedBlockingQueue<>();
    /** Held while a file's sequence is chosen, it is written and queued for applying: files are queued in order. */
    private final ReentrantLock fileLock = new ReentrantLock();
    private volatile CompletableFuture<Void> lastQueued = CompletableFuture.completedFuture(null);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    // guarded by lock
    private List<Pending> buffer = new ArrayList<>();
    private long bufferedRows;
    private List<CompletableFuture<Void>> flushRequests = new ArrayList<>();
    private boolean closed;

    private volatile long lastSequence;
    private volatile long failedFlushes;
    private volatile Throwable lastFlushFailure;

    public ObjectStoreWal(ObjectStore store, String nodePrefix, Duration flushInterval, int maxBufferedOps,
                          WalFileNotifier notifier, long lastSequence, TimeProvider time) {
        this(store, nodePrefix, flushInterval, maxBufferedOps, Long.MAX_VALUE, notifier, lastSequence, time);
    }

    /**
     * As above, and writers waiting on a flush are released sooner under load: as soon as
     * {@code earlyFlushRows} rows are buffered the flush thread writes them without waiting for the
     * interval to end (back-to-back flushes are naturally paced by how long one flush takes).
     */
    public ObjectStoreWal(ObjectStore store, String nodePrefix, Duration flushInterval, int maxBufferedOps,
                          long earlyFlushRows, WalFileNotifier notifier, long lastSequence, TimeProvider time) {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("WAL flush interval must be positive, got " + flushInterval);
        }
        if (maxBufferedOps <= 0) {
            throw new IllegalArgumentException("WAL buffer size must be positive, got " + maxBufferedOps);
        }
        if (lastSequence < 0) {
            throw new IllegalArgumentException("last WAL sequence must not be negative, got " + lastSequence);
        }
        this.store = store;
        this.nodePrefix = nodePrefix;
        this.flushIntervalNanos = flushInterval.toNanos();
        this.maxBufferedOps = maxBufferedOps;
        this.earlyFlushRows = earlyFlushRows <= 0 ? Long.MAX_VALUE : earlyFlushRows;
        this.notifier = notifier;
        this.lastSequence = lastSequence;
        this.time = time;
        this.flushThread = new Thread(this::runFlushLoop, "wal-flush-" + nodePrefix);
        this.flushThread.setDaemon(true);
        this.applyThread = new Thread(this::runApplyLoop, "wal-apply-" + nodePrefix);
        this.applyThread.setDaemon(true);
        this.applyThread.start();
        this.flushThread.start();
    }

    // ------------------------------------------------------------------------------------------
    // paths

    /** The object path of WAL file {@code sequence}: {@code {node}/wal/{seq:011d}.wal}. */
    public static String walPath(String nodePrefix, long sequence) {
        return walDir(nodePrefix) + String.format("%011d", sequence) + SUFFIX;
    }

    /** The sequence numbers of the WAL files present under {@code {node}/wal/}, ascending. */
    public static List<Long> walSequences(ObjectStore store, String nodePrefix) {
        String dir = walDir(nodePrefix);
        List<Long> sequences = new ArrayList<>();
        for (ObjectStore.ObjectMeta meta : store.list(dir)) {
            parseSequence(meta.path().substring(dir.length())).ifPresent(sequences::add);
        }
        // numeric order even if a sequence ever outgrows its 11 digits
        Collections.sort(sequences);
        return sequences;
    }

    private static String walDir(String nodePrefix) {
        if (nodePrefix.isEmpty()) {
            return WAL_DIR;
        }
        return nodePrefix.endsWith("/") ? nodePrefix + WAL_DIR : nodePrefix + "/" + WAL_DIR;
    }

    /** {@code 00000000042.wal} → 42; anything else (a stray file, a sub directory) is not a WAL file. */
    private static Optional<Long> parseSequence(String name) {
        if (!name.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String digits = name.substring(0, name.length() - SUFFIX.length());
        if (digits.isEmpty() || digits.length() > 18) {
            return Optional.empty();
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return Optional.empty();
            }
        }
        return Optional.of(Long.parseLong(digits));
    }

    // ------------------------------------------------------------------------------------------
    // writers

    @Override
    public CompletableFuture<Void> writeDurable(WalOp op) {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        accept(new Pending(op, encode(op), durable));
        return durable;
    }

    @Override
    public void writeNoSync(WalOp op) {
        accept(new Pending(op, encode(op), null));
    }

    private static WalFileCodec.EncodedOp encode(WalOp op) {
        return op == null ? null : WalFileCodec.encodeOpInPlace(op);
    }

    private void accept(Pending pending) {
        if (pending.op() == null) {
            throw new NullPointerException("op");
        }
        lock.lock();
        try {
            if (closed) {
                throw new InfluxException(ErrorCode.RESOURCES, "wal is closed: the server is shutting down");
            }
            if (buffer.size() >= maxBufferedOps) {
                throw new InfluxException(ErrorCode.RESOURCES, "wal buffer full with " + buffer.size()
                        + " ops: retry later, or raise --wal-max-write-buffer-size (now " + maxBufferedOps + ")");
            }
            // the buffer's order is the acceptance order, and files are written in buffer order
            buffer.add(pending);
            if (pending.op() instanceof WalOp.Write w) {
                bufferedRows += w.rowCount();
                if (bufferedRows >= earlyFlushRows) {
                    wakeUp.signal();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void forceFlush() {
        if (Thread.currentThread() == applyThread) {
            // Called from a notifier: waiting would wait on ourselves. Under the file lock (no new
            // files), apply what is queued, then write and apply the buffer, all inline and in order.
            fileLock.lock();
            try {
                ApplyTask queued;
                while ((queued = applyQueue.poll()) != null) {
                    queued.run();
                }
                CompletableFuture<Void> applied = flush(takeBuffer());
                ApplyTask own;
                while ((own = applyQueue.poll()) != null) {
                    own.run();
                }
                if (applied.isCompletedExceptionally()) {
                    await(applied);
                }
            } finally {
                fileLock.unlock();
            }
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return; // close() already flushed, and nothing can have been accepted since
            }
            flushRequests.add(done);
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
        await(done);
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxException(ErrorCode.INTERNAL, "interrupted while waiting for a WAL flush", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InfluxException ie) {
                throw ie;
            }
            throw new InfluxException(ErrorCode.INTERNAL, "WAL flush failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    /** Flushes that failed (put or notifier threw) since start. */
    public long failedFlushCount() {
        return failedFlushes;
    }

    /** The cause of the most recent failed flush, if any. */
    public Optional<Throwable> lastFlushFailure() {
        return Optional.ofNullable(lastFlushFailure);
    }

    @Override
    public void deleteUpTo(long sequence) {
        for (long seq : walSequences(store, nodePrefix)) {
            if (seq > sequence) {
                break;
            }
            store.delete(walPath(nodePrefix, seq));
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
        try {
            flushThread.join();
            // the final flush is queued; let the apply thread finish it, then stop
            applyQueue.add(ApplyTask.STOP);
            if (Thread.currentThread() != applyThread) {
                applyThread.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("interrupted while waiting for the final WAL flush of {}", nodePrefix);
        }
    }

    // ------------------------------------------------------------------------------------------
    // flush thread

    private void runFlushLoop() {
        long nextFlush = System.nanoTime() + flushIntervalNanos;
        while (true) {
            List<Pending> batch;
            List<CompletableFuture<Void>> requests;
            boolean stop;
            lock.lock();
            try {
                while (!closed && flushRequests.isEmpty() && bufferedRows < earlyFlushRows) {
                    long wait = nextFlush - System.nanoTime();
                    if (wait <= 0) {
                        break;
                    }
                    wakeUp.awaitNanos(wait);
                }
                stop = closed;
                requests = flushRequests;
                flushRequests = new ArrayList<>();
                batch = takeBufferLocked();
            } catch (InterruptedException e) {
                // nobody but close() should stop us; keep going so buffered writes are not lost
                continue;
            } finally {
                lock.unlock();
            }
            long now = System.nanoTime();
            if (now - nextFlush >= 0) {
                // fixed cadence; after a slow flush, start again from now rather than flush back to back
                nextFlush += flushIntervalNanos;
                if (now - nextFlush >= 0) {
                    nextFlush = now + flushIntervalNanos;
                }
            }
            CompletableFuture<Void> applied = flush(batch);
            if (!requests.isEmpty()) {
                applied.whenComplete((v, failure) -> {
                    for (CompletableFuture<Void> request : requests) {
                        if (failure == null) {
                            request.complete(null);
                        } else {
                            request.completeExceptionally(failure);
                        }
                    }
                });
            }
            if (stop) {
                return;
            }
        }
    }

    private List<Pending> takeBuffer() {
        lock.lock();
        try {
            return takeBufferLocked();
        } finally {
            lock.unlock();
        }
    }

    private List<Pending> takeBufferLocked() {
        if (buffer.isEmpty()) {
            return List.of();
        }
        List<Pending> taken = buffer;
        buffer = new ArrayList<>();
        bufferedRows = 0;
        return taken;
    }

    /** Writes one file holding {@code batch}, notifies, releases writers; returns the failure, if any. */
    /**
     * Writes the batch as the next WAL file and queues it for applying. Returns a future that
     * completes once it is applied (or at once, exceptionally, if writing failed); for an empty
     * batch, once everything queued so far is applied.
     */
    private CompletableFuture<Void> flush(List<Pending> batch) {
        if (batch.isEmpty()) {
            return lastQueued.handle((v, t) -> null);
        }
        fileLock.lock();
        try {
            long sequence = lastSequence + 1;
            String path = walPath(nodePrefix, sequence);
            List<WalOp> ops = new ArrayList<>(batch.size());
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (Pending p : batch) {
                ops.add(p.op());
                if (p.op() instanceof WalOp.Write write) {
                    min = Math.min(min, write.minTimeNanos());
                    max = Math.max(max, write.maxTimeNanos());
                }
            }
            if (min > max) {
                // only Noop ops: no time range
                min = 0;
                max = 0;
            }
            WalContents contents = new WalContents(sequence, time.nowMillis(), min, max, Collections.unmodifiableList(ops));
            try {
                List<WalFileCodec.EncodedOp> encoded = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    encoded.add(p.encoded());
                }
                store.put(path, WalFileCodec.fileParts(sequence, contents.persistTimestampMillis(), min, max, encoded));
            } catch (Throwable t) {
                InfluxException failure = new InfluxException(ErrorCode.INTERNAL, "writing WAL file " + path + " failed: " + t, t);
                recordFailure(failure, batch.size(), path, t);
                completeAll(batch, failure);
                return CompletableFuture.failedFuture(failure);
            }
            lastSequence = sequence;
            ApplyTask task = new ApplyTask(this, contents, path, batch, new CompletableFuture<>(), rowCount(ops));
            lastQueued = task.applied();
            applyQueue.add(task);
            return task.applied();
        } finally {
            fileLock.unlock();
        }
    }

    private void recordFailure(InfluxException failure, int ops, String path, Throwable cause) {
        failedFlushes++;
        lastFlushFailure = failure;
        // catching Throwable (even OutOfMemoryError from encoding a huge batch) keeps the threads
        // alive: if one died, every later writer would wait forever
        log.error("WAL flush of {} ops to {} failed; their writers get an error", ops, path, cause);
    }

    /** A durable file waiting to be applied; {@link #STOP} ends the apply thread. */
    private record ApplyTask(ObjectStoreWal wal, WalContents contents, String path, List<Pending> batch,
                             CompletableFuture<Void> applied, long rows) {
        static final ApplyTask STOP = new ApplyTask(null, null, null, List.of(), new CompletableFuture<>(), 0);

        void run() {
            if (wal == null) {
                return;
            }
            runGroup(List.of(this));
        }

        /** Applies consecutive files together; their writers are released (or failed) together. */
        static void runGroup(List<ApplyTask> group) {
            ObjectStoreWal wal = group.get(0).wal();
            try {
                if (group.size() == 1) {
                    wal.notifier.onWalFile(group.get(0).contents());
                } else {
                    List<WalContents> files = new ArrayList<>(group.size());
                    for (ApplyTask t : group) {
                        files.add(t.contents());
                    }
                    wal.notifier.onWalFiles(files);
                }
                for (ApplyTask t : group) {
                    completeAll(t.batch(), null);
                    t.applied().complete(null);
                }
            } catch (Throwable e) {
                String paths = group.size() == 1 ? group.get(0).path()
                        : group.get(0).path() + " .. " + group.get(group.size() - 1).path();
                InfluxException failure = new InfluxException(ErrorCode.INTERNAL,
                        "WAL file " + paths + " is durable but applying it failed: " + e, e);
                for (ApplyTask t : group) {
                    wal.recordFailure(failure, t.batch().size(), t.path(), e);
                    completeAll(t.batch(), failure);
                    t.applied().completeExceptionally(failure);
                }
            }
        }
    }

    /** Rows applied together at most: files queued behind the one taken join it up to this many rows. */
    static final long APPLY_GROUP_ROWS = 100_000;

    private static long rowCount(List<WalOp> ops) {
        long n = 0;
        for (WalOp op : ops) {
            if (op instanceof WalOp.Write w) {
                n += w.rowCount();
            }
        }
        return n;
    }

    private void runApplyLoop() {
        while (true) {
            ApplyTask task;
            try {
                task = applyQueue.take();
            } catch (InterruptedException e) {
                continue; // only close() ends this loop, after the final flush is applied
            }
            if (task == ApplyTask.STOP) {
                return;
            }
            // Files that queued up meanwhile are applied with this one: one flush per table for the
            // group (each flush commits the appender's last, partial chunk, about a millisecond of
            // DuckDB's commit whatever its size), and their writers released together. The group
            // ends before STOP, which the next take() sees.
            List<ApplyTask> group = new ArrayList<>();
            group.add(task);
            long rows = task.rows();
            ApplyTask next;
            while (rows < APPLY_GROUP_ROWS && (next = applyQueue.peek()) != null && next != ApplyTask.STOP) {
                applyQueue.poll();
                group.add(next);
                rows += next.rows();
            }
            ApplyTask.runGroup(group);
        }
    }

    private static void completeAll(List<Pending> batch, Throwable failure) {
        for (Pending p : batch) {
            if (p.durable() != null) {
                if (failure == null) {
                    p.durable().complete(null);
                } else {
                    p.durable().completeExceptionally(failure);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // replay

    /**
     * Start-up recovery: decodes every WAL file with sequence above {@code afterSequence} in
     * order and hands each to {@code notifier}. A corrupt file is logged and skipped, or thrown as
     * {@link WalCorruptException} if {@code failOnError} ({@code --wal-replay-fail-on-error}).
     *
     * @return the highest sequence seen (skipped corrupt files included, so new files never reuse
     *         their numbers), or {@code afterSequence} if there were none
     */
    public static long replay(ObjectStore store, String nodePrefix, long afterSequence, WalFileNotifier notifier,
                              boolean failOnError) {
        long last = afterSequence;
        for (long seq : walSequences(store, nodePrefix)) {
            if (seq <= afterSequence) {
                continue;
            }
            String path = walPath(nodePrefix, seq);
            Optional<byte[]> bytes = store.get(path);
            if (bytes.isEmpty()) {
                log.warn("WAL file {} disappeared during replay; skipping it", path);
                continue;
            }
            last = seq;
            WalContents contents;
            try {
                contents = WalFileCodec.decode(bytes.get(), path);
                if (contents.sequence() != seq) {
                    throw new WalCorruptException(path, "it holds sequence " + contents.sequence()
                            + " but its name says " + seq);
                }
            } catch (WalCorruptException e) {
                if (failOnError) {
                    throw e;
                }
                log.warn("skipping WAL file during replay: {} (start with --wal-replay-fail-on-error to stop instead)",
                        e.getMessage());
                continue;
            }
            notifier.onWalFile(contents);
        }
        return last;
    }

    @Override
    public String toString() {
        return "ObjectStoreWal{" + walDir(nodePrefix) + " on " + store.describe() + ", last " + lastSequence + "}";
    }
}
