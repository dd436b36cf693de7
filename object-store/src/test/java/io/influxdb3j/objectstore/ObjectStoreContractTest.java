package io.influxdb3j.objectstore;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@link ObjectStore} contract; each implementation runs it through a subclass. */
abstract class ObjectStoreContractTest {
    @TempDir
    Path tempDir;

    ObjectStore store;

    abstract ObjectStore createStore(Path tempDir) throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = createStore(tempDir.resolve("store"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    static List<String> paths(List<ObjectStore.ObjectMeta> metas) {
        return metas.stream().map(ObjectStore.ObjectMeta::path).toList();
    }

    @Test
    void putThenGetReturnsTheBytes() {
        store.put("node1/wal/00000000001.wal", bytes("hello"));
        assertThat(store.get("node1/wal/00000000001.wal")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("hello")));
    }

    @Test
    void putReplacesAnExistingObject() {
        store.put("a/b", bytes("one"));
        store.put("a/b", bytes("two, longer"));
        assertThat(store.get("a/b")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("two, longer")));
        assertThat(store.list("a/")).singleElement().satisfies(m -> assertThat(m.sizeBytes()).isEqualTo(11));
    }

    @Test
    void emptyObjectsAreObjects() {
        store.put("empty", new byte[0]);
        assertThat(store.get("empty")).hasValueSatisfying(b -> assertThat(b).isEmpty());
        assertThat(paths(store.list(""))).containsExactly("empty");
    }

    @Test
    void getOfAbsentObjectIsEmpty() {
        assertThat(store.get("nope")).isEmpty();
        store.put("dir/file", bytes("x"));
        assertThat(store.get("dir")).isEmpty();
        assertThat(store.get("dir/other")).isEmpty();
    }

    @Test
    void callerMutatingItsArrayDoesNotChangeTheObject() {
        byte[] data = bytes("abc");
        store.put("k", data);
        data[0] = 'z';
        byte[] read = store.get("k").orElseThrow();
        read[1] = 'z';
        assertThat(store.get("k")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("abc")));
    }

    @Test
    void listIsSortedByPathWhateverTheInsertionOrder() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keys.add(String.format("n/wal/%011d.wal", i * 7919L % 1000));
        }
        keys.add("n/catalog/v3/logs/00000000000000000001.catalog");
        keys.add("n/dbs/1/2/2024-01-01/00-00/0000000001.parquet");
        keys.add("n/a.b");
        keys.add("n/a/b");
        List<String> shuffled = new ArrayList<>(keys);
        Collections.shuffle(shuffled, new Random(42));
        for (String k : shuffled) {
            store.put(k, bytes(k));
        }
        List<String> sorted = new ArrayList<>(keys.stream().distinct().toList());
        Collections.sort(sorted);
        assertThat(paths(store.list(""))).containsExactlyElementsOf(sorted);
        assertThat(paths(store.list("n/"))).containsExactlyElementsOf(sorted);
    }

    @Test
    void listIsRecursiveAndMatchesStringPrefixes() {
        store.put("a/b/c/d", bytes("1"));
        store.put("a/b/e", bytes("2"));
        store.put("a/bc", bytes("3"));
        store.put("a/bcd/x", bytes("4"));
        store.put("ab", bytes("5"));
        store.put("b/a", bytes("6"));

        assertThat(paths(store.list("a/b/"))).containsExactly("a/b/c/d", "a/b/e");
        assertThat(paths(store.list("a/b"))).containsExactly("a/b/c/d", "a/b/e", "a/bc", "a/bcd/x");
        assertThat(paths(store.list("a"))).containsExactly("a/b/c/d", "a/b/e", "a/bc", "a/bcd/x", "ab");
        assertThat(paths(store.list("a/bc"))).containsExactly("a/bc", "a/bcd/x");
        assertThat(paths(store.list("a/bcd/"))).containsExactly("a/bcd/x");
        assertThat(paths(store.list("a/b/c/d"))).containsExactly("a/b/c/d");
        assertThat(paths(store.list("zzz"))).isEmpty();
        assertThat(paths(store.list("a/q/"))).isEmpty();
    }

    @Test
    void listReportsSizes() {
        store.put("x/one", new byte[1]);
        store.put("x/ten", new byte[10]);
        assertThat(store.list("x/")).extracting(ObjectStore.ObjectMeta::sizeBytes).containsExactly(1L, 10L);
        assertThat(store.list("x/")).allSatisfy(m -> assertThat(m.lastModifiedMillis()).isPositive());
    }

    @Test
    void deleteRemovesOnlyThatObject() {
        store.put("d/1", bytes("1"));
        store.put("d/2", bytes("2"));
        store.put("d/sub/3", bytes("3"));
        store.delete("d/1");
        store.delete("d/1");
        store.delete("d/never-existed");
        assertThat(store.get("d/1")).isEmpty();
        assertThat(paths(store.list("d/"))).containsExactly("d/2", "d/sub/3");
        store.delete("d/sub/3");
        assertThat(paths(store.list("d/"))).containsExactly("d/2");
        store.put("d/sub/4", bytes("4"));
        assertThat(paths(store.list("d/"))).containsExactly("d/2", "d/sub/4");
    }

    @Test
    void putIfAbsentWritesOnlyTheFirstTime() {
        assertThat(store.putIfAbsent("cat/1", bytes("first"))).isTrue();
        assertThat(store.putIfAbsent("cat/1", bytes("second"))).isFalse();
        assertThat(store.get("cat/1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("first")));
        assertThat(paths(store.list("cat/"))).containsExactly("cat/1");
        store.delete("cat/1");
        assertThat(store.putIfAbsent("cat/1", bytes("third"))).isTrue();
        assertThat(store.get("cat/1")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("third")));
    }

    @Test
    void putIfAbsentRaceHasExactlyOneWinner() throws Exception {
        int threads = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 20; round++) {
                String key = "race/" + round + "/00000000000000000001.catalog";
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    byte[] payload = bytes("writer-" + t);
                    results.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return store.putIfAbsent(key, payload);
                    }));
                }
                int winner = -1;
                int wins = 0;
                for (int t = 0; t < threads; t++) {
                    if (results.get(t).get(10, TimeUnit.SECONDS)) {
                        wins++;
                        winner = t;
                    }
                }
                assertThat(wins).as("winners in round %d", round).isEqualTo(1);
                assertThat(new String(store.get(key).orElseThrow(), UTF_8)).isEqualTo("writer-" + winner);
                assertThat(paths(store.list("race/" + round + "/"))).containsExactly(key);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentPutsToDistinctPathsAllLand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int writer = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        store.put("c/" + writer + "/" + i, bytes(writer + ":" + i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.list("c/")).hasSize(200);
        assertThat(new String(store.get("c/3/17").orElseThrow(), UTF_8)).isEqualTo("3:17");
    }

    @Test
    void putFileConsumesTheLocalFile() throws Exception {
        Path local = tempDir.resolve("staging.parquet");
        Files.write(local, bytes("parquet bytes"));
        store.putFile("n/dbs/1/2/2024-01-01/00-00/0000000001.parquet", local);
        assertThat(local).doesNotExist();
        assertThat(store.get("n/dbs/1/2/2024-01-01/00-00/0000000001.parquet"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("parquet bytes")));
        assertThat(paths(store.list("n/dbs/"))).containsExactly("n/dbs/1/2/2024-01-01/00-00/0000000001.parquet");
    }

    @Test
    void putFileReplacesAnExistingObject() throws Exception {
        store.put("p", bytes("old"));
        Path local = tempDir.resolve("new");
        Files.write(local, bytes("new"));
        store.putFile("p", local);
        assertThat(store.get("p")).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("new")));
    }

    @Test
    void localPathIsAReadableFileWithTheContents() throws Exception {
        store.put("n/dbs/f.parquet", bytes("contents"));
        Path file = store.localPath("n/dbs/f.parquet");
        assertThat(file).isRegularFile().hasFileName("f.parquet");
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes("contents"));
    }

    @Test
    void localPathReflectsAReplacedObject() throws Exception {
        store.put("f", bytes("v1"));
        assertThat(Files.readAllBytes(store.localPath("f"))).isEqualTo(bytes("v1"));
        store.put("f", bytes("v2"));
        assertThat(Files.readAllBytes(store.localPath("f"))).isEqualTo(bytes("v2"));
    }

    @Test
    void localPathOfAbsentObjectIsNotFound() {
        assertThatThrownBy(() -> store.localPath("missing"))
                .isInstanceOf(ObjectStoreException.class)
                .satisfies(e -> assertThat(((ObjectStoreException) e).code()).isEqualTo(ErrorCode.NOT_FOUND))
                .hasMessageContaining("missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/etc/passwd", "../escape", "a/../../escape", "a/../b", "a/./b", ".", "..",
            "a//b", "a/", "/", "a\\..\\b", "a/.tmp-123-x"})
    void pathsThatEscapeOrAreMalformedAreRejected(String path) {
        assertThatThrownBy(() -> store.put(path, bytes("x")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("invalid object path")
                .satisfies(e -> assertThat(((ObjectStoreException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> store.putIfAbsent(path, bytes("x"))).isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.get(path)).isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.delete(path)).isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.localPath(path)).isInstanceOf(ObjectStoreException.class);
        assertThat(tempDir.resolve("escape")).doesNotExist();
    }

    @Test
    void listPrefixesThatEscapeAreRejected() {
        assertThatThrownBy(() -> store.list("../")).isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.list("/abs")).isInstanceOf(ObjectStoreException.class);
        assertThatThrownBy(() -> store.list("a/../..")).isInstanceOf(ObjectStoreException.class);
    }

    @Test
    void describeIsNotBlank() {
        assertThat(store.describe()).isNotBlank();
    }
}
