package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.query.sql.SqlToken.Kind;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLexerTest {

    @Test
    void tokensCoverTheSourceExactly() {
        // Round trip: any text, however broken, must come back unchanged from its tokens.
        String alphabet = "ab E$_1.9'\"-/*\\\n;:()eé";
        Random random = new Random(42);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String sql = sb.toString();
            List<SqlToken> tokens = SqlLexer.tokenize(sql);
            assertThat(tokens.stream().map(SqlToken::text).collect(Collectors.joining())).isEqualTo(sql);
            int position = 0;
            for (SqlToken t : tokens) {
                assertThat(t.start()).isEqualTo(position);
                assertThat(t.end()).isGreaterThan(t.start());
                position = t.end();
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'it''s'                 | STRING",
        "E'it\\'s'               | STRING",
        "e'\\\\'                 | STRING",
        "\"a\"\"b\"              | QUOTED_IDENTIFIER",
        "-- comment              | COMMENT",
        "/* a /* nested */ b */  | COMMENT",
        "$$it's$$                | STRING",
        "$tag$ x $$ y $tag$      | STRING",
        "$name                   | PLACEHOLDER",
        "$1                      | PLACEHOLDER",
        "abc$def                 | WORD",
        "1.5e-3                  | NUMBER",
        "0xFF                    | NUMBER",
        "1_000                   | NUMBER",
    })
    void classifiesWholeToken(String sql, Kind kind) {
        assertThat(SqlLexer.tokenize(sql)).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo(kind));
    }

    @Test
    void escapeStringAfterANumberButNotAfterAWord() {
        // DuckDB reads 1E'x' as the number 1 followed by the escape string E'x'.
        assertThat(kinds("1E'\\'x'")).containsExactly(Kind.NUMBER, Kind.STRING);
        assertThat(kinds("aE'x'")).containsExactly(Kind.WORD, Kind.STRING);
        assertThat(SqlLexer.tokenize("aE'\\'x'").get(1).text()).isEqualTo("'\\'");
    }

    @Test
    void unterminatedConstructsRunToTheEnd() {
        assertThat(kinds("SELECT 'abc $x")).containsExactly(Kind.WORD, Kind.WHITESPACE, Kind.STRING);
        assertThat(kinds("SELECT /* $x")).containsExactly(Kind.WORD, Kind.WHITESPACE, Kind.COMMENT);
        assertThat(kinds("SELECT $q$ $x")).containsExactly(Kind.WORD, Kind.WHITESPACE, Kind.STRING);
    }

    @Test
    void lineCommentEndsAtNewline() {
        assertThat(kinds("-- $x\n$y")).containsExactly(Kind.COMMENT, Kind.WHITESPACE, Kind.PLACEHOLDER);
    }

    private static List<Kind> kinds(String sql) {
        return SqlLexer.tokenize(sql).stream().map(SqlToken::kind).toList();
    }
}
