package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.InfluxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementCheckTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "SELECT * FROM cpu",
        "select 1;",
        "  (SELECT 1) UNION ALL (SELECT 2)",
        "WITH t AS (SELECT 1 AS a) SELECT * FROM t",
        "WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t",
        "WITH a AS MATERIALIZED (SELECT 1), b AS (SELECT 2) SELECT * FROM a, b",
        "FROM cpu LIMIT 1",
        "EXPLAIN SELECT 1",
        "EXPLAIN ANALYZE SELECT count(*) FROM cpu",
        "EXPLAIN (FORMAT json) SELECT 1",
        "EXPLAIN (ANALYZE, FORMAT json) SELECT 1",
        "EXPLAIN (SELECT 1)",
        "DESCRIBE cpu",
        "PIVOT (SELECT host, usage FROM cpu) ON host USING sum(usage)",
        "SELECT 'a; DROP TABLE x' AS s -- ; COPY",
        "SELECT \"set\", \"update\" FROM cpu /* ; CREATE TABLE x */",
        "VALUES (1), (2)",
        "SELEC host FROM cpu", // not a statement DuckDB knows: its parser reports the syntax error
    })
    void queriesPass(String sql) {
        assertThatCode(() -> StatementCheck.requireSingleQuery(sql)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "COPY (SELECT 1) TO '/tmp/x.csv'",
        "CREATE TABLE x AS SELECT 1",
        "SET threads = 1",
        "ATTACH '/tmp/x.db'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "PRAGMA version",
        "CALL pragma_version()",
        "DROP VIEW cpu",
        "INSERT INTO t VALUES (1)",
        "WITH t AS (SELECT 1) INSERT INTO x SELECT * FROM t",
        "WITH t(a) AS (SELECT 1) DELETE FROM x",
        "EXPLAIN ANALYZE CREATE TABLE x AS SELECT 1",
        "EXPLAIN ANALYZE COPY (SELECT 1) TO 'x'",
        "FORCE INSTALL httpfs",
        "EXPLAIN (FORMAT json, ANALYZE) COPY (SELECT 1) TO 'x.parquet'",
        "EXPLAIN (ANALYZE) CREATE TABLE x AS SELECT 1",
        "BEGIN TRANSACTION",
        "ANALYZE",
        "UPDATE EXTENSIONS",
    })
    void otherStatementsAreRefused(String sql) {
        assertThatThrownBy(() -> StatementCheck.requireSingleQuery(sql)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("only queries can run here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "-- only a comment"})
    void emptyIsRefused(String sql) {
        assertThatThrownBy(() -> StatementCheck.requireSingleQuery(sql)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("the query is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT 1; SELECT 2", "SELECT * FROM cpu; DROP VIEW cpu", "SET threads=1; SELECT 1"})
    void oneStatementAtATime(String sql) {
        assertThatThrownBy(() -> StatementCheck.requireSingleQuery(sql)).isInstanceOf(InfluxException.class)
                .hasMessageContaining("only supports a single SQL statement");
    }
}
