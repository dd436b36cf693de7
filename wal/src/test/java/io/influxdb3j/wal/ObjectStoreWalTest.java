package io.influxdb3j.wal;

import static io.influxdb3j.wal.WalTestData.assertSameOps;
import static io.influxdb3j.wal.WalTestData.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.FileObjectStore;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import io.influxdb3j.objectstore.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreWalTest {
    private static final String NODE = "node1";
    private static final Duration FAST = Duration.ofMillis(10);
    private static final Duration NEVER = Duration.ofHours(1);

    private final TestingTimeProvider time = new TestingTimeProvider(1_700_000_000_000_000_000L);
    private final TestingNotifier notifier = new TestingNotifier();
    private final List<ObjectStoreWal> opened = new ArrayList<>();

    @TempDir
    Path tempDir;

    private ObjectStoreWal open(ObjectStore store, Duration interval, int maxBufferedOps, WalFileNotifier n, long last) {
        ObjectStoreWal wal = new ObjectStoreWal(store, NODE, interval, maxBufferedOps, n, last, time);
        opened.add(wal);
        return wal;
    }

    @AfterEach
    void closeAll() {
        opened.forEach(ObjectStoreWal::close);
    }

    private static void await(CompletableFuture<Void> f) throws Exception {
        f.get(10, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    private static WalContents readFile(ObjectStore store, long seq) {
        String path = ObjectStoreWal.walPath(NODE, seq);
        return WalFileCodec.decode(store.get(path).orElseThrow(), path);
    }

    @Test
    void walPathsAreElevenDigitSequences() {
        assertThat(ObjectStoreWal.walPath("node1", 42)).isEqualTo("node1/wal/00000000042.wal");
        assertThat(ObjectStoreWal.walPath("node1", 99_999_999_999L)).isEqualTo("node1/wal/99999999999.wal");
    }

    @Test
    void writeDurableCompletesOnlyAfterTheFileIsStoredAndTheNotifierReturned() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        CountDownLatch inNotifier = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean fileExistedWhenNotified = new AtomicBoolean();
        notifier.setHook(contents -> {
            fileExistedWhenNotified.set(store.get(ObjectStoreWal.walPath(NODE, contents.sequence())).isPresent());
            inNotifier.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ObjectStoreWal wal = open(store, FAST, 100, notifier, 0);

        WalOp op = write(1, 10, 20);
        CompletableFuture<Void> durable = wal.writeDurable(op);
        assertThat(inNotifier.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(fileExistedWhenNotified).isTrue();
        Thread.sleep(50);
        assertThat(durable).as("released before the notifier returned").isNotDone();

        release.countDown();
        await(durable);
        assertThat(notifier.files()).hasSize(1);
        assertSameOps(notifier.ops(), List.of(op));
        assertThat(wal.lastSequence()).isEqualTo(1);
        WalContents file = readFile(store, 1);
        assertSameOps(file.ops(), List.of(op));
        assertThat(file.persistTimestampMillis()).isEqualTo(time.nowMillis());
    }

    /**
     * Makes the notifier wait inside file 1 until {@code release} opens, counting {@code inNotifier}
     * down when it gets there, and throw for file {@code failing} (0: none).
     */
    private void holdFileOne(CountDownLatch inNotifier, CountDownLatch release, long failing) {
        notifier.setHook(contents -> {
            if (contents.sequence() == 1) {
                inNotifier.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (contents.sequence() == failing) {
                throw new IllegalStateException("buffer rejected file " + failing);
            }
        });
    }

    @Test
    void filesQueuedWhileOneIsAppliedAreAppliedTogetherAndTheirWritersReleasedTogether() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        CountDownLatch inNotifier = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdFileOne(inNotifier, release, 0);
        ObjectStoreWal wal = open(store, FAST, 100, notifier, 0);
        CompletableFuture<Void> first = wal.writeDurable(write(1, 1));
        assertThat(inNotifier.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Void>> queued = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            queued.add(wal.writeDurable(write(1, i)));
            long expected = i;
            eventually(() -> ObjectStoreWal.walSequences(store, NODE).size() == expected);
        }
        Thread.sleep(30);
        assertThat(queued).allMatch(f -> !f.isDone());

        release.countDown();
        await(first);
        for (CompletableFuture<Void> f : queued) {
            await(f);
        }
        assertThat(notifier.calls()).containsExactly(List.of(1L), List.of(2L, 3L, 4L));
        assertSameOps(notifier.ops(), List.of(write(1, 1), write(1, 2), write(1, 3), write(1, 4)));
        assertThat(wal.lastSequence()).isEqualTo(4);
    }

    @Test
    void aFailingGroupFailsEveryWriterInItAndLaterFlushesStillWork() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        CountDownLatch inNotifier = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        holdFileOne(inNotifier, release, 3);
        ObjectStoreWal wal = open(store, FAST, 100, notifier, 0);
        CompletableFuture<Void> first = wal.writeDurable(write(1, 1));
        assertThat(inNotifier.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> second = wal.writeDurable(write(1, 2));
        eventually(() -> ObjectStoreWal.walSequences(store, NODE).size() == 2);
        CompletableFuture<Void> third = wal.writeDurable(write(1, 3));
        eventually(() -> ObjectStoreWal.walSequences(store, NODE).size() == 3);
        release.countDown();
        await(first);
        for (CompletableFuture<Void> f : List.of(second, third)) {
            assertThatThrownBy(() -> await(f)).cause()
                    .hasMessageContaining("is durable but applying it failed")
                    .hasMessageContaining("buffer rejected file 3");
        }
        await(wal.writeDurable(write(1, 4)));
        assertThat(notifier.calls()).containsExactly(List.of(1L), List.of(2L, 3L), List.of(4L));
    }

    @Test
    void eachFlushWritesOneFileWithTheNextSequenceAndTheTimeRangeOfItsWrites() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal wal = open(store, NEVER, 100, notifier, 41);
        wal.writeNoSync(write(1, 10, 20));
        wal.writeNoSync(new WalOp.Noop());
        wal.writeNoSync(write(2, 5, 15));
        wal.forceFlush();
        time.advanceMillis(1000);
        wal.writeNoSync(new WalOp.Noop());
        wal.forceFlush();
        wal.forceFlush(); // nothing buffered: no file

        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(42L, 43L);
        assertThat(wal.lastSequence()).isEqualTo(43);
        WalContents first = readFile(store, 42);
        assertThat(first.minTimeNanos()).isEqualTo(5);
        assertThat(first.maxTimeNanos()).isEqualTo(20);
        assertThat(first.ops()).hasSize(3);
        WalContents second = readFile(store, 43);
        assertThat(second.minTimeNanos()).isZero();
        assertThat(second.maxTimeNanos()).isZero();
        assertThat(second.persistTimestampMillis()).isEqualTo(first.persistTimestampMillis() + 1000);
        assertThat(notifier.sequences()).containsExactly(42L, 43L);
    }

    @Test
    void concurrentWritersSeeEveryOpExactlyOnceInAcceptanceOrder() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal wal = open(store, Duration.ofMillis(2), 100_000, notifier, 0);
        int writers = 8;
        int opsPerWriter = 400;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier start = new CyclicBarrier(writers);
        List<Future<List<CompletableFuture<Void>>>> results = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            results.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                List<CompletableFuture<Void>> futures = new ArrayList<>();
                for (int i = 0; i < opsPerWriter; i++) {
                    // each writer's ops carry its own counter; durable and no-sync interleave
                    if (i % 3 == 0) {
                        wal.writeNoSync(write(writer, i));
                    } else {
                        futures.add(wal.writeDurable(write(writer, i)));
                    }
                    if (i == opsPerWriter / 2) {
                        // half way, wait for a flush, so the ops cannot all land in one file
                        await(futures.get(futures.size() - 1));
                    }
                }
                return futures;
            }));
        }
        for (Future<List<CompletableFuture<Void>>> r : results) {
            for (CompletableFuture<Void> f : r.get(10, TimeUnit.SECONDS)) {
                await(f);
            }
        }
        pool.shutdown();
        wal.forceFlush();

        assertThat(notifier.files().size()).as("several flushes happened").isGreaterThan(1);
        List<Long> sequences = notifier.sequences();
        for (int i = 0; i < sequences.size(); i++) {
            assertThat(sequences.get(i)).isEqualTo(i + 1L);
        }
        assertEveryWriterInOrder(notifier.ops(), writers, opsPerWriter);

        List<WalOp> fromFiles = new ArrayList<>();
        for (long seq : ObjectStoreWal.walSequences(store, NODE)) {
            fromFiles.addAll(readFile(store, seq).ops());
        }
        assertSameOps(fromFiles, notifier.ops());
    }

    private static void assertEveryWriterInOrder(List<WalOp> ops, int writers, int opsPerWriter) {
        Map<Integer, List<Long>> byWriter = new HashMap<>();
        for (WalOp op : ops) {
            WalOp.Write w = (WalOp.Write) op;
            byWriter.computeIfAbsent(w.dbId(), k -> new ArrayList<>()).add(w.tables().get(0).time()[0]);
        }
        assertThat(byWriter).hasSize(writers);
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < opsPerWriter; i++) {
            expected.add(i);
        }
        byWriter.forEach((writer, seen) -> assertThat(seen).as("ops of writer %d", writer).isEqualTo(expected));
    }

    @Test
    void aFullBufferRejectsWritesUntilItIsFlushed() {
        ObjectStoreWal wal = open(new InMemoryObjectStore(), NEVER, 3, notifier, 0);
        wal.writeNoSync(write(1, 1));
        wal.writeDurable(write(1, 2));
        wal.writeNoSync(write(1, 3));
        assertThatThrownBy(() -> wal.writeDurable(write(1, 4)))
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("wal buffer full with 3 ops")
                .satisfies(e -> assertThat(((InfluxException) e).code()).isEqualTo(ErrorCode.RESOURCES));
        assertThatThrownBy(() -> wal.writeNoSync(write(1, 4))).hasMessageContaining("wal buffer full with 3 ops");

        wal.forceFlush();
        wal.writeNoSync(write(1, 4));
        wal.forceFlush();
        assertThat(notifier.ops()).hasSize(4);
    }

    @Test
    void noSyncOpsBecomeDurableAtTheNextFlush() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal wal = open(store, Duration.ofMillis(300), 100, notifier, 0);
        wal.writeNoSync(write(1, 7));
        assertThat(store.list(NODE + "/wal/")).as("buffered, not yet durable").isEmpty();
        eventually(() -> wal.lastSequence() == 1);
        assertSameOps(readFile(store, 1).ops(), List.of(write(1, 7)));
        // the file is applied on the apply thread, after lastSequence moved
        eventually(() -> !notifier.ops().isEmpty());
        assertSameOps(notifier.ops(), List.of(write(1, 7)));
    }

    @Test
    void closeFlushesWhatIsBufferedAndThenRejectsWrites() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal wal = open(store, NEVER, 100, notifier, 0);
        wal.writeNoSync(write(1, 1));
        CompletableFuture<Void> durable = wal.writeDurable(write(1, 2));
        wal.close();
        assertThat(durable).isCompleted();
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(1L);
        assertThatThrownBy(() -> wal.writeNoSync(write(1, 3)))
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("wal is closed");
        wal.forceFlush();
        wal.close();
    }

    @Test
    void aFailedPutFailsItsWritersAndLaterFlushesStillWork() throws Exception {
        TestingFailingObjectStore store = new TestingFailingObjectStore();
        ObjectStoreWal wal = open(store, FAST, 100, notifier, 0);
        store.failNextPuts(1);
        CompletableFuture<Void> failed = wal.writeDurable(write(1, 1));
        assertThatThrownBy(() -> await(failed))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("writing WAL file node1/wal/00000000001.wal failed")
                .hasMessageContaining("injected failure");
        assertThat(wal.failedFlushCount()).isEqualTo(1);
        assertThat(wal.lastFlushFailure()).isPresent();
        assertThat(wal.lastSequence()).isZero();
        assertThat(notifier.files()).isEmpty();

        await(wal.writeDurable(write(1, 2)));
        assertThat(wal.lastSequence()).as("the failed flush did not use up a sequence").isEqualTo(1);
        assertSameOps(readFile(store, 1).ops(), List.of(write(1, 2)));

        store.failNextPuts(1);
        wal.writeNoSync(write(1, 3));
        assertThatThrownBy(wal::forceFlush).isInstanceOf(InfluxException.class).hasMessageContaining("injected failure");
        assertThat(wal.failedFlushCount()).isEqualTo(2);
    }

    @Test
    void aFailingNotifierFailsItsWritersAndLaterFlushesStillWork() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        AtomicBoolean failNext = new AtomicBoolean(true);
        notifier.setHook(c -> {
            if (failNext.getAndSet(false)) {
                throw new IllegalStateException("buffer rejected the rows");
            }
        });
        ObjectStoreWal wal = open(store, FAST, 100, notifier, 0);
        CompletableFuture<Void> failed = wal.writeDurable(write(1, 1));
        assertThatThrownBy(() -> await(failed))
                .cause()
                .hasMessageContaining("is durable but applying it failed")
                .hasMessageContaining("buffer rejected the rows");

        await(wal.writeDurable(write(1, 2)));
        assertThat(wal.lastSequence()).isEqualTo(2);
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(1L, 2L);
        assertThat(notifier.sequences()).containsExactly(2L);
    }

    @Test
    void forceFlushFromInsideTheNotifierDoesNotDeadlock() throws Exception {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal[] holder = new ObjectStoreWal[1];
        AtomicBoolean once = new AtomicBoolean(true);
        notifier.setHook(c -> {
            if (once.getAndSet(false)) {
                holder[0].forceFlush();
            }
        });
        holder[0] = open(store, FAST, 100, notifier, 0);
        await(holder[0].writeDurable(write(1, 1)));
    }

    @Test
    void replayAfterRestartSeesEveryOpAndNumberingContinues(@TempDir Path dir) throws Exception {
        ObjectStoreWal first = open(new FileObjectStore(dir), FAST, 100, notifier, 0);
        List<WalOp> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WalOp op = write(1, i);
            written.add(op);
            await(first.writeDurable(op));
        }
        for (int i = 5; i < 8; i++) {
            WalOp op = write(2, i);
            written.add(op);
            first.writeNoSync(op);
        }
        written.add(new WalOp.Noop());
        first.writeNoSync(new WalOp.Noop());
        first.close();
        long lastBeforeRestart = first.lastSequence();

        // "restart": a new store object over the same directory
        FileObjectStore reopened = new FileObjectStore(dir);
        TestingNotifier replayed = new TestingNotifier();
        long last = ObjectStoreWal.replay(reopened, NODE, 0, replayed, true);
        assertThat(last).isEqualTo(lastBeforeRestart);
        assertSameOps(replayed.ops(), written);
        assertThat(replayed.sequences()).isSorted().last().isEqualTo(last);

        TestingNotifier afterSnapshot = new TestingNotifier();
        assertThat(ObjectStoreWal.replay(reopened, NODE, 2, afterSnapshot, true)).isEqualTo(last);
        assertThat(afterSnapshot.sequences()).allSatisfy(s -> assertThat(s).isGreaterThan(2));
        assertThat(ObjectStoreWal.replay(reopened, NODE, last, new TestingNotifier(), true)).isEqualTo(last);
        assertThat(ObjectStoreWal.replay(reopened, "other-node", 0, new TestingNotifier(), true)).isZero();

        ObjectStoreWal second = open(reopened, FAST, 100, new TestingNotifier(), last);
        await(second.writeDurable(write(3, 99)));
        assertThat(second.lastSequence()).isEqualTo(last + 1);
        assertThat(ObjectStoreWal.walSequences(reopened, NODE)).last().isEqualTo(last + 1);
    }

    @Test
    void deleteUpToRemovesOnlyOlderFiles() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        ObjectStoreWal wal = open(store, NEVER, 100, notifier, 0);
        for (int i = 0; i < 5; i++) {
            wal.writeNoSync(write(1, i));
            wal.forceFlush();
        }
        store.put(NODE + "/wal/notes.txt", new byte[1]);
        store.put(NODE + "/wal/abc.wal", new byte[1]);
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(1L, 2L, 3L, 4L, 5L);

        wal.deleteUpTo(0);
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(1L, 2L, 3L, 4L, 5L);
        wal.deleteUpTo(3);
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(4L, 5L);
        wal.deleteUpTo(100);
        assertThat(ObjectStoreWal.walSequences(store, NODE)).isEmpty();
        assertThat(store.get(NODE + "/wal/notes.txt")).isPresent();

        wal.writeNoSync(write(1, 9));
        wal.forceFlush();
        assertThat(ObjectStoreWal.walSequences(store, NODE)).containsExactly(6L);
    }

    @Test
    void replaySkipsCorruptFilesUnlessFailOnError(@TempDir Path dir) {
        FileObjectStore store = new FileObjectStore(dir);
        ObjectStoreWal wal = open(store, NEVER, 100, notifier, 0);
        for (int i = 1; i <= 4; i++) {
            wal.writeNoSync(write(1, i));
            wal.forceFlush();
        }
        wal.close();
        // file 2: a flipped payload byte; file 4 (the last): truncated; file 5: file 1's bytes under another name
        byte[] two = store.get(ObjectStoreWal.walPath(NODE, 2)).orElseThrow();
        two[two.length - 3] ^= 0x10;
        store.put(ObjectStoreWal.walPath(NODE, 2), two);
        byte[] four = store.get(ObjectStoreWal.walPath(NODE, 4)).orElseThrow();
        store.put(ObjectStoreWal.walPath(NODE, 4), java.util.Arrays.copyOf(four, four.length / 2));
        store.put(ObjectStoreWal.walPath(NODE, 5), store.get(ObjectStoreWal.walPath(NODE, 1)).orElseThrow());

        TestingNotifier lenient = new TestingNotifier();
        assertThat(ObjectStoreWal.replay(store, NODE, 0, lenient, false)).isEqualTo(5);
        assertThat(lenient.sequences()).containsExactly(1L, 3L);

        TestingNotifier strict = new TestingNotifier();
        assertThatThrownBy(() -> ObjectStoreWal.replay(store, NODE, 0, strict, true))
                .isInstanceOf(WalCorruptException.class)
                .hasMessageContaining("node1/wal/00000000002.wal")
                .hasMessageContaining("CRC32C mismatch");
        assertThat(strict.sequences()).containsExactly(1L);

        assertThatThrownBy(() -> ObjectStoreWal.replay(store, NODE, 3, new TestingNotifier(), true))
                .hasMessageContaining("node1/wal/00000000004.wal")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> ObjectStoreWal.replay(store, NODE, 4, new TestingNotifier(), true))
                .hasMessageContaining("it holds sequence 1 but its name says 5");
    }

    @Test
    void invalidSettingsAreRejected() {
        InMemoryObjectStore store = new InMemoryObjectStore();
        assertThatThrownBy(() -> new ObjectStoreWal(store, NODE, Duration.ZERO, 10, notifier, 0, time))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObjectStoreWal(store, NODE, FAST, 0, notifier, 0, time))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
