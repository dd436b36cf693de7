package io.influxdb3j.catalog;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameRulesTest {
    private static final String BAD_CHAR = "invalid character in database or rp name: must be ASCII, containing only letters, numbers, underscores, or hyphens";
    private static final String BAD_RP = "db name with invalid retention policy, if providing a retention policy name, must be of form '<db_name>/<rp_name>'";
    private static final String BAD_START = "db name did not start with a number or letter";

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "mydb", "my_db", "my-db", "9lives", "db/rp", "a_-_b/c-d_e", "A1b2C3"})
    void acceptsValidNames(String name) {
        assertThatCode(() -> NameRules.validateDatabaseName(name)).doesNotThrowAnyException();
    }

    @Test
    void emptyOrNullName() {
        assertInvalid("", "db name cannot be empty");
        assertInvalid(null, "db name cannot be empty");
    }

    @Test
    void lengthLimitIs511Bytes() {
        assertThatCode(() -> NameRules.validateDatabaseName("a".repeat(511))).doesNotThrowAnyException();
        assertInvalid("a".repeat(512), "db name too long: max 511");
    }

    @ParameterizedTest
    @ValueSource(strings = {"_internal", "-db", "_", ".db", " db", "ädb", "/rp", "😀"})
    void mustStartWithAsciiLetterOrDigit(String name) {
        assertInvalid(name, BAD_START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my db", "my.db", "my:db", "dbä", "db😀", "db\u0000", "db$", "a\tb", "db*"})
    void restMustBeAsciiAlphanumericUnderscoreOrHyphen(String name) {
        assertInvalid(name, BAD_CHAR);
    }

    @ParameterizedTest
    @ValueSource(strings = {"db/", "db/rp/", "db/rp/x", "db//rp", "a/b/c"})
    void atMostOneSlashAndNotLast(String name) {
        assertInvalid(name, BAD_RP);
    }

    @Test
    void v1NamespaceAllows1To64Characters() {
        assertThatCode(() -> NameRules.validateV1Namespace("a".repeat(64))).doesNotThrowAnyException();
        assertThatCode(() -> NameRules.validateV1Namespace("db/rp")).doesNotThrowAnyException();
        assertThatCode(() -> NameRules.validateV1Namespace("a_b-c")).doesNotThrowAnyException();
        String tooLong = "a".repeat(65);
        assertInvalidV1(tooLong, "namespace name " + tooLong + " length must be between 1 and 64 characters");
        assertInvalidV1("", "namespace name  length must be between 1 and 64 characters");
    }

    @Test
    void v1NamespaceLengthCountsUtf8BytesLikeInfluxDb() {
        // The Rust server measures the name with str::len(), i.e. in UTF-8 bytes.
        String name = "ä".repeat(33);
        assertInvalidV1(name, "namespace name " + name + " length must be between 1 and 64 characters");
    }

    @Test
    void v1NamespaceReportsTheOffsetOfTheFirstBadCharacter() {
        assertInvalidV1("my db", "namespace name 'my db' contains invalid character, character number 2 is not allowed");
        assertInvalidV1(".db", "namespace name '.db' contains invalid character, character number 0 is not allowed");
        assertInvalidV1("db.x.y", "namespace name 'db.x.y' contains invalid character, character number 2 is not allowed");
    }

    @Test
    void v1NamespaceCountsCharactersNotUtf16Units() {
        // Rust counts chars (code points): the '!' after two emoji is character number 2, not 4.
        assertInvalidV1("😀😀!", "namespace name '😀😀!' contains invalid character, character number 0 is not allowed");
        assertInvalidV1("ab😀", "namespace name 'ab😀' contains invalid character, character number 2 is not allowed");
        assertInvalidV1("𝟘𝟙.", "namespace name '𝟘𝟙.' contains invalid character, character number 2 is not allowed");
    }

    @Test
    void v1NamespaceUsesUnicodeAlphanumericsLikeRust() {
        // char::is_alphanumeric accepts letters and every numeric category; the v3 rules run after.
        assertThatCode(() -> NameRules.validateV1Namespace("données")).doesNotThrowAnyException();
        assertThatCode(() -> NameRules.validateV1Namespace("x²Ⅻ٣")).doesNotThrowAnyException();
        assertThatCode(() -> NameRules.validateV1Namespace("𝟘𝟙")).doesNotThrowAnyException();
    }

    private static void assertInvalid(String name, String message) {
        assertThatThrownBy(() -> NameRules.validateDatabaseName(name))
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    org.assertj.core.api.Assertions.assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessage(message);
    }

    private static void assertInvalidV1(String name, String message) {
        assertThatThrownBy(() -> NameRules.validateV1Namespace(name))
                .isInstanceOfSatisfying(InfluxException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage(message);
    }
}
