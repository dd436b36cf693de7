package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every test of {@link InfluxSqlFunctionsTest}, run on a connection that only called
 * {@link InfluxSqlFunctions#useShared} after another connection of the instance ran
 * {@link InfluxSqlFunctions#installShared}.
 */
class InfluxSqlFunctionsSharedTest extends InfluxSqlFunctionsTest {
    private DuckDBConnection installer;

    @Override
    Connection connect() throws SQLException {
        installer = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        InfluxSqlFunctions.installShared(installer);
        InfluxSqlFunctions.installShared(installer);
        Connection c = installer.duplicate();
        InfluxSqlFunctions.useShared(c);
        return c;
    }

    @AfterAll
    void closeInstaller() throws SQLException {
        installer.close();
    }

    @Test
    void connectionsWithoutThePathDoNotSeeTheFunctions() throws SQLException {
        try (Connection other = installer.duplicate()) {
            try (Statement failing = other.createStatement()) {
                assertThatThrownBy(() -> failing.executeQuery("SELECT date_bin(INTERVAL '1 hour', TIMESTAMP '2024-01-01')"))
                        .isInstanceOf(SQLException.class);
            }
            InfluxSqlFunctions.useShared(other);
            queryOtherConnection(other);
        }
    }

    private static void queryOtherConnection(Connection other) throws SQLException {
        try (Statement s = other.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT typeof(now()), typeof(date_bin('1 hour', now()))")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("TIMESTAMP_NS");
                assertThat(rs.getString(2)).isEqualTo("TIMESTAMP_NS");
            }
            // Unqualified DDL still lands in the user database, temporary objects still come first.
            s.execute("CREATE TABLE made_here (x INTEGER)");
            s.execute("CREATE TEMP VIEW cpu AS SELECT 'temp' AS host");
            try (ResultSet rs = s.executeQuery("SELECT (SELECT database_name FROM duckdb_tables() WHERE table_name = 'made_here'),"
                    + " current_database(), (SELECT host FROM cpu)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(rs.getString(2));
                assertThat(rs.getString(3)).isEqualTo("temp");
            }
            s.execute("DROP TABLE made_here");
        }
    }
}
