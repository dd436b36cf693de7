package io.influxdb3j.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FileObjectStoreTest extends ObjectStoreContractTest {
    private Path root;

    @Override
    ObjectStore createStore(Path dir) {
        root = dir;
        return new FileObjectStore(dir);
    }

    @Test
    void objectsAreFilesUnderTheRoot() throws Exception {
        store.put("node1/wal/00000000001.wal", bytes("w"));
        assertThat(root.resolve("node1/wal/00000000001.wal")).hasContent("w");
        assertThat(store.localPath("node1/wal/00000000001.wal"))
                .isEqualTo(root.toRealPath().resolve("node1/wal/00000000001.wal"));
        assertThat(store.describe()).isEqualTo("file:" + root.toRealPath());
    }

    @Test
    void objectsSurviveANewStoreOverTheSameRoot() {
        store.put("n/catalog/v3/snapshot", bytes("snap"));
        assertThat(store.putIfAbsent("n/catalog/v3/logs/1", bytes("log"))).isTrue();
        ObjectStore reopened = new FileObjectStore(root);
        assertThat(paths(reopened.list("n/"))).containsExactly("n/catalog/v3/logs/1", "n/catalog/v3/snapshot");
        assertThat(reopened.putIfAbsent("n/catalog/v3/logs/1", bytes("other"))).isFalse();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        store.put("t/a", bytes("1"));
        store.put("t/a", bytes("2"));
        store.putIfAbsent("t/b", bytes("3"));
        store.putIfAbsent("t/b", bytes("4"));
        try (var files = Files.list(root.resolve("t"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void leftoverTemporaryFilesAreNotListed() throws Exception {
        store.put("w/00000000001.wal", bytes("1"));
        Files.write(root.resolve("w/.tmp-5f1c-00000000002.wal"), bytes("torn"));
        assertThat(paths(store.list("w/"))).containsExactly("w/00000000001.wal");
        assertThat(paths(store.list(""))).containsExactly("w/00000000001.wal");
    }

    @Test
    void deleteLeavesEmptyDirectoriesAlone() {
        store.put("x/y/z", bytes("1"));
        store.delete("x/y/z");
        assertThat(root.resolve("x/y")).isDirectory();
        assertThat(store.list("x/")).isEmpty();
    }

    @Test
    void anObjectCannotHaveObjectsBeneathIt() {
        store.put("a/b", bytes("1"));
        assertThatThrownBy(() -> store.put("a/b/c", bytes("2")))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("the object 'a/b' exists");
        assertThat(paths(store.list(""))).containsExactly("a/b");
    }

    @Test
    void directoriesAreNotObjects() {
        store.put("dir/file", bytes("1"));
        store.delete("dir");
        assertThat(store.get("dir")).isEmpty();
        assertThat(store.get("dir/file")).isPresent();
    }
}
