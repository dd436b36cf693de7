package io.influxdb3j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.FileObjectStore;
import io.influxdb3j.objectstore.ObjectStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTokenTest {
    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));

    @TempDir
    Path dir;

    private Catalog open(ObjectStore store) {
        return Catalog.loadOrCreate(store, "node1", CatalogLimits.DEFAULT, Duration.ofMinutes(10).toNanos(), time);
    }

    private Catalog open() {
        return open(new FileObjectStore(dir));
    }

    @Test
    void operatorTokenHasTheInfluxDbShape() {
        Catalog catalog = open();
        Catalog.NewToken t = catalog.createOperatorToken();
        assertThat(t.secret()).startsWith("apiv3_").hasSize(92).matches("apiv3_[A-Za-z0-9_-]{86}");
        assertThat(t.info().name()).isEqualTo("_admin");
        assertThat(t.info().isOperator()).isTrue();
        assertThat(t.info().id()).isZero();
        assertThat(t.info().expiryMillis()).isNull();
        assertThat(t.info().updatedAtMillis()).isNull();
        assertThat(t.info().createdAtMillis()).isEqualTo(time.nowMillis());
        assertThat(t.info().sha512Hex()).hasSize(128).isEqualTo(Catalog.sha512Hex(t.secret()));
        assertThat(catalog.authenticate(t.secret())).isEqualTo(t.info());
    }

    @Test
    void sha512IsOfTheUtf8TokenText() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-512").digest("apiv3_x".getBytes(StandardCharsets.UTF_8));
        assertThat(Catalog.sha512Hex("apiv3_x")).isEqualTo(HexFormat.of().formatHex(digest));
    }

    @Test
    void secondOperatorTokenIsAlreadyExists() {
        Catalog catalog = open();
        catalog.createOperatorToken();
        assertThatThrownBy(catalog::createOperatorToken)
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessage("token name already exists, _admin");
    }

    @Test
    void namedTokensAreDistinctAndUnique() {
        Catalog catalog = open();
        Catalog.NewToken admin = catalog.createOperatorToken();
        Catalog.NewToken a = catalog.createNamedAdminToken("ci", null);
        Catalog.NewToken b = catalog.createNamedAdminToken("backup", time.nowMillis() + 60_000);
        assertThat(List.of(admin.secret(), a.secret(), b.secret())).doesNotHaveDuplicates();
        assertThat(a.info().id()).isEqualTo(1);
        assertThat(b.info().id()).isEqualTo(2);
        assertThat(a.info().isOperator()).isFalse();
        assertThat(catalog.authenticate(a.secret()).name()).isEqualTo("ci");
        assertThat(catalog.authenticate(b.secret()).name()).isEqualTo("backup");
        assertThatThrownBy(() -> catalog.createNamedAdminToken("ci", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessage("token name already exists, ci");
        assertThatThrownBy(() -> catalog.createNamedAdminToken(" ", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
    }

    @Test
    void expiryIsHonouredByAuthenticate() {
        Catalog catalog = open();
        long expiry = time.nowMillis() + 10_000;
        Catalog.NewToken t = catalog.createNamedAdminToken("short", expiry);
        assertThat(catalog.authenticate(t.secret())).isNotNull();
        time.advanceMillis(9_999);
        assertThat(catalog.authenticate(t.secret())).isNotNull();
        time.advanceMillis(1);
        assertThat(catalog.authenticate(t.secret())).as("expiry_ms > now_ms is required").isNull();
        time.advanceMillis(1_000_000);
        assertThat(catalog.authenticate(t.secret())).isNull();
    }

    @Test
    void unknownOrEmptySecretsDoNotAuthenticate() {
        Catalog catalog = open();
        Catalog.NewToken t = catalog.createOperatorToken();
        assertThat(catalog.authenticate(null)).isNull();
        assertThat(catalog.authenticate("")).isNull();
        assertThat(catalog.authenticate(t.secret() + "x")).isNull();
        assertThat(catalog.authenticate(t.info().sha512Hex())).as("the hash is not a credential").isNull();
    }

    @Test
    void regenerateInvalidatesTheOldSecret() {
        Catalog catalog = open();
        Catalog.NewToken old = catalog.createOperatorToken();
        time.advanceMillis(5_000);
        Catalog.NewToken fresh = catalog.regenerateOperatorToken();
        assertThat(fresh.secret()).isNotEqualTo(old.secret()).matches("apiv3_[A-Za-z0-9_-]{86}");
        assertThat(fresh.info().id()).isEqualTo(old.info().id());
        assertThat(fresh.info().name()).isEqualTo("_admin");
        assertThat(fresh.info().createdAtMillis()).isEqualTo(old.info().createdAtMillis());
        assertThat(fresh.info().updatedAtMillis()).isEqualTo(time.nowMillis());
        assertThat(catalog.authenticate(old.secret())).isNull();
        assertThat(catalog.authenticate(fresh.secret())).isEqualTo(fresh.info());
        assertThat(catalog.snapshot().tokens()).hasSize(1);
    }

    @Test
    void regenerateWithoutOperatorTokenFails() {
        Catalog catalog = open();
        assertThatThrownBy(catalog::regenerateOperatorToken)
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
                .hasMessage("missing admin token, cannot update");
    }

    @Test
    void deleteNamedTokenButNeverTheOperatorToken() {
        Catalog catalog = open();
        Catalog.NewToken admin = catalog.createOperatorToken();
        Catalog.NewToken named = catalog.createNamedAdminToken("temp", null);
        catalog.deleteToken("temp");
        assertThat(catalog.authenticate(named.secret())).isNull();
        assertThatThrownBy(() -> catalog.deleteToken("temp"))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(404))
                .hasMessage("the requested resource was not found: temp");
        assertThatThrownBy(() -> catalog.deleteToken("_admin"))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(405))
                .hasMessage("cannot delete operator token");
        assertThat(catalog.authenticate(admin.secret())).isNotNull();
        // ids are never reused
        assertThat(catalog.createNamedAdminToken("temp", null).info().id()).isEqualTo(2);
    }

    @Test
    void importedTokenAuthenticatesAndExistingNameIsSkipped() {
        Catalog catalog = open();
        String secret = "apiv3_" + "A".repeat(86);
        TokenInfo info = catalog.importToken("_admin", secret, null);
        assertThat(info.isOperator()).isTrue();
        assertThat(catalog.authenticate(secret)).isEqualTo(info);
        assertThat(catalog.importToken("_admin", "apiv3_other", null)).isNull();
        assertThat(catalog.authenticate("apiv3_other")).isNull();
    }

    @Test
    void secretsNeverReachTheDisk() throws IOException {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog catalog = open(store);
        List<String> secrets = new ArrayList<>();
        secrets.add(catalog.createOperatorToken().secret());
        secrets.add(catalog.createNamedAdminToken("a", null).secret());
        secrets.add(catalog.createNamedAdminToken("b", time.nowMillis() + 1).secret());
        secrets.add(catalog.regenerateOperatorToken().secret());
        secrets.add(catalog.importToken("imported", "apiv3_imported-secret-text", null) == null ? null : "apiv3_imported-secret-text");
        Catalog reloaded = open(new FileObjectStore(dir));
        assertThat(reloaded.authenticate(secrets.get(1))).isNotNull();

        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                assertThat(content).as(f + " must not contain a token secret").doesNotContain(secret);
                // nor the random part on its own
                assertThat(content).doesNotContain(secret.substring("apiv3_".length()));
            }
            assertThat(content).doesNotContain("apiv3_");
        }
    }
}
