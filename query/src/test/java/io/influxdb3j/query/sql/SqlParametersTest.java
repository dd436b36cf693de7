package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlParametersTest {
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE cpu (time TIMESTAMP_NS, host VARCHAR, usage DOUBLE)");
            s.execute("INSERT INTO cpu VALUES (TIMESTAMP_NS '2024-01-01 00:00:00', 'a', 1.0),"
                    + " (TIMESTAMP_NS '2024-01-01 00:00:01', 'b''s', 2.0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void bindsEveryValueType() {
        Map<String, Object> params = new HashMap<>();
        params.put("s", "it's");
        params.put("l", 42L);
        params.put("i", 7);
        params.put("neg", -5L);
        params.put("u", new BigInteger("18446744073709551615"));
        params.put("d", 0.54);
        params.put("b", true);
        params.put("n", null);
        assertThat(SqlParameters.bind("SELECT $s, $l, $i, $neg, $u, $d, $b, $n", params))
                .isEqualTo("SELECT 'it''s', 42, 7, (-5), CAST(18446744073709551615 AS UBIGINT), CAST(0.54 AS DOUBLE),"
                        + " TRUE, NULL");
    }

    @Test
    void boundValuesHaveTheirInfluxTypesInDuckDb() throws SQLException {
        Map<String, Object> params = new HashMap<>();
        params.put("s", "it's");
        params.put("l", 42L);
        params.put("u", new BigInteger("18446744073709551615"));
        params.put("d", 0.5);
        params.put("nan", Double.NaN);
        params.put("inf", Double.NEGATIVE_INFINITY);
        params.put("b", false);
        List<Object> row = queryRow(SqlParameters.bind(
                "SELECT $s, typeof($l), $u, typeof($u), $d, typeof($d), isnan($nan), $inf < 0, $b", params));
        assertThat(row).containsExactly("it's", "INTEGER", new BigInteger("18446744073709551615"), "UBIGINT", 0.5,
                "DOUBLE", true, true, false);
    }

    @Test
    void leavesPlaceholdersInStringsIdentifiersAndCommentsAlone() {
        Map<String, Object> params = Map.of("x", "v");
        String sql = "SELECT '$x', \"$x\", E'\\'$x', $$ $x $$, $t$ $x $t$ -- $x\n /* $x /* $x */ $x */ FROM t WHERE a = $x";
        assertThat(SqlParameters.bind(sql, params)).isEqualTo(
                "SELECT '$x', \"$x\", E'\\'$x', $$ $x $$, $t$ $x $t$ -- $x\n /* $x /* $x */ $x */ FROM t WHERE a = 'v'");
    }

    @Test
    void unknownPlaceholderNamesIt() {
        assertThatThrownBy(() -> SqlParameters.bind("SELECT * FROM cpu WHERE host = $host", Map.of("hots", "a")))
                .isInstanceOfSatisfying(InfluxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("$host");
        assertThatThrownBy(() -> SqlParameters.bind("SELECT $a", null)).hasMessageContaining("$a");
    }

    @Test
    void unusedParametersAndTextWithoutPlaceholdersAreFine() {
        assertThat(SqlParameters.bind("SELECT 1", Map.of("unused", 1L))).isEqualTo("SELECT 1");
        assertThat(SqlParameters.bind("SELECT '$x'", null)).isEqualTo("SELECT '$x'");
    }

    @Test
    void unsupportedValueTypeIsRejected() {
        assertThatThrownBy(() -> SqlParameters.bind("SELECT $x", Map.of("x", List.of(1))))
                .isInstanceOf(InfluxException.class)
                .hasMessageContaining("$x");
    }

    @Test
    void filtersWithBoundParameters() throws SQLException {
        String sql = SqlParameters.bind("SELECT usage FROM cpu WHERE host = $host AND usage > $min",
                Map.of("host", "b's", "min", 1.5));
        assertThat(queryRow(sql)).containsExactly(2.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "' OR '1'='1",
        "a'; DROP TABLE cpu; --",
        "\\'; DROP TABLE cpu; --",
        "*/ DROP TABLE cpu; /*",
        "$$; DROP TABLE cpu; $$",
        "\"; DROP TABLE cpu; --",
        "\n; DROP TABLE cpu;",
    })
    void injectionAttemptsStayStringValues(String attack) throws SQLException {
        // Every context where the literal lands must yield the attack text as one value, never code.
        for (String template : List.of("SELECT $v", "SELECT 1$v", "SELECT \"x\"$v FROM (SELECT 1 AS x)", "SELECT 'a'$v",
                "SELECT 1-$v", "SELECT $v::VARCHAR", "SELECT concat('a',$v)")) {
            String sql = SqlParameters.bind(template, Map.of("v", attack));
            try {
                queryRow(sql);
            } catch (SQLException rejected) {
                // A type error is fine (E 'x' is a cast to a type named E); what matters is the table.
            }
            assertThat(queryRow("SELECT count(*) FROM cpu")).as(sql).containsExactly(2L);
        }
        assertThat(queryRow(SqlParameters.bind("SELECT $v", Map.of("v", attack)))).containsExactly(attack);
    }

    @Test
    void negativeNumbersCannotFormAComment() throws SQLException {
        String sql = SqlParameters.bind("SELECT 1-$v, 2", Map.of("v", -5L));
        assertThat(sql).isEqualTo("SELECT 1-(-5), 2");
        assertThat(queryRow(sql)).containsExactly(6, 2);
    }

    @Test
    void dollarInsideAWordIsPartOfTheIdentifierAsInDataFusionAndDuckDb() {
        assertThat(SqlParameters.bind("SELECT E$v, a$b", Map.of("v", "x", "b", "y"))).isEqualTo("SELECT E$v, a$b");
    }

    @Test
    void literalIsSeparatedFromAdjacentWordsAndQuotes() {
        assertThat(SqlParameters.bind("SELECT 1$v", Map.of("v", "x"))).isEqualTo("SELECT 1 'x'");
        assertThat(SqlParameters.bind("SELECT \"a\"$v", Map.of("v", "x"))).isEqualTo("SELECT \"a\" 'x'");
        assertThat(SqlParameters.bind("SELECT $v'a'", Map.of("v", "x"))).isEqualTo("SELECT 'x' 'a'");
        assertThat(SqlParameters.bind("SELECT ($v)", Map.of("v", "x"))).isEqualTo("SELECT ('x')");
    }

    @Test
    void placeholderNamesAreCaseSensitiveAndMayBeNumeric() {
        assertThat(SqlParameters.bind("SELECT $Host, $1", Map.of("Host", "a", "1", 1L))).isEqualTo("SELECT 'a', 1");
        assertThatThrownBy(() -> SqlParameters.bind("SELECT $host", Map.of("Host", "a")))
                .hasMessageContaining("$host");
    }

    private List<Object> queryRow(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            List<Object> row = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(rs.getObject(i));
            }
            return row;
        }
    }
}
