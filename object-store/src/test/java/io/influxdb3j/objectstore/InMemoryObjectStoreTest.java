package io.influxdb3j.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InMemoryObjectStoreTest extends ObjectStoreContractTest {
    @Override
    ObjectStore createStore(Path dir) {
        return new InMemoryObjectStore();
    }

    @Test
    void localPathMaterialisesOncePerVersion() throws Exception {
        store.put("n/f.parquet", bytes("v1"));
        Path first = store.localPath("n/f.parquet");
        assertThat(store.localPath("n/f.parquet")).isEqualTo(first);
        // a reader still holding the old path keeps seeing the old bytes
        store.put("n/f.parquet", bytes("v2"));
        Path second = store.localPath("n/f.parquet");
        assertThat(second).isNotEqualTo(first);
        assertThat(Files.readAllBytes(first)).isEqualTo(bytes("v1"));
        assertThat(Files.readAllBytes(second)).isEqualTo(bytes("v2"));
        assertThat(store.localPath("n/f.parquet")).isEqualTo(second);
    }

    @Test
    void closeRemovesMaterialisedFilesButKeepsObjects() throws Exception {
        store.put("a/b", bytes("x"));
        Path file = store.localPath("a/b");
        ((InMemoryObjectStore) store).close();
        assertThat(file).doesNotExist();
        assertThat(store.get("a/b")).isPresent();
        ((InMemoryObjectStore) store).close();
    }

    @Test
    void describesItself() {
        assertThat(store.describe()).isEqualTo("memory");
    }
}
