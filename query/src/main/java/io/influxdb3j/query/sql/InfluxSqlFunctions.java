package io.influxdb3j.query.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The InfluxDB 3 (DataFusion) SQL functions DuckDB lacks, or has with other semantics, defined as
 * DuckDB macros.
 *
 * <p><b>Installation</b>, two ways, both idempotent ({@code CREATE OR REPLACE}):
 * <ul>
 *   <li>{@link #install}: {@code TEMP} macros in the connection's temporary schema, which DuckDB
 *       searches before everything else, built-in functions included. Self-contained and visible to
 *       that connection only, but each install is some thirty catalog writes (tens of
 *       milliseconds), paid again by every new connection.</li>
 *   <li>{@link #installShared} once per DuckDB instance, then {@link #useShared} per connection: the
 *       macros live in a separate in-memory database attached to the instance (never in the user
 *       database or its file, so no catalog write conflicts with concurrent transactions and nothing
 *       persists), and each connection only puts that database on its {@code search_path}.</li>
 * </ul>
 *
 * <p><b>Functions.</b> Timestamps are {@code TIMESTAMP_NS} holding UTC wall-clock time, like
 * InfluxDB's {@code time} column.
 * <ul>
 *   <li>{@code now()} — replaces DuckDB's {@code TIMESTAMPTZ} version with a {@code TIMESTAMP_NS} in
 *       UTC, so {@code time > now() - INTERVAL '1 hour'} type-checks (DuckDB refuses to compare
 *       {@code TIMESTAMP_NS} with {@code TIMESTAMPTZ}), is independent of the session time zone, and
 *       is folded to a constant that filters push down into scans.</li>
 *   <li>{@code date_bin(stride, time[, origin])} — DataFusion's binning: bins of {@code stride}
 *       (an {@code INTERVAL} or text such as {@code '10 minutes'}) aligned on {@code origin}, by default
 *       {@code 1970-01-01T00:00:00} (DuckDB's {@code time_bucket} aligns on 2000-01-03 instead). Exact
 *       to the nanosecond; month strides bin by calendar month; a stride mixing months with days or
 *       time, or not positive, is an error.</li>
 *   <li>{@code selector_first(value, time)}, {@code selector_last}, {@code selector_min},
 *       {@code selector_max} — aggregates returning {@code STRUCT(value, time)} for the row with the
 *       earliest or latest time, or the smallest or largest value (earliest time on ties), ignoring
 *       rows whose value is null. Use {@code selector_last(usage, time)['value']}.</li>
 *   <li>{@code tz(time[, zone])} — the wall-clock time in an IANA zone (default UTC) as
 *       {@code TIMESTAMP_NS}. DuckDB timestamps carry no per-value zone, so unlike InfluxDB the
 *       output shows the local time without its {@code +11:00} offset.</li>
 *   <li>{@code to_timestamp(x)} — seconds (integer or float), text (RFC 3339, offsets applied) or a
 *       timestamp, to {@code TIMESTAMP_NS}; {@code to_timestamp_seconds}, {@code _millis},
 *       {@code _micros}, {@code _nanos} — integers in that unit, or text, to a timestamp of that
 *       precision.</li>
 *   <li>{@code arrow_typeof(x)} — Arrow's name for the DuckDB type of {@code x}
 *       ({@code Float64}, {@code Timestamp(Nanosecond, None)}, ...).</li>
 *   <li>{@code influx_regex_match(s, pattern)}, {@code influx_regex_not_match(s, pattern)} —
 *       unanchored regular-expression (RE2) match, as InfluxQL's {@code =~} and {@code !~}.</li>
 * </ul>
 * Helpers whose names start with {@code _influx_} are internal.
 *
 * <p>Not provided here: {@code date_bin_gapfill}, {@code locf}, {@code interpolate} (see
 * {@link GapFill}), {@code date_bin_wallclock}, and the window functions {@code derivative},
 * {@code difference} and their {@code non_negative_} forms.
 */
public final class InfluxSqlFunctions {
    private static final String EPOCH = "TIMESTAMP '1970-01-01 00:00:00'";

    /** Parses text as DuckDB does, then applies any UTC offset in it (a plain cast ignores it). */
    private static final String PARSE_NS = "make_timestamp_ns(epoch_ns(CAST(x AS TIMESTAMP_NS))"
            + " - 1000 * (epoch_us(CAST(x AS TIMESTAMP)) - epoch_us(CAST(x AS TIMESTAMPTZ))))";

    private static final String TIMESTAMP_OVERLOADS = ", (x TIMESTAMP_NS) AS x"
            + ", (x TIMESTAMP) AS CAST(x AS TIMESTAMP_NS)"
            + ", (x TIMESTAMPTZ) AS CAST(timezone('UTC', x) AS TIMESTAMP_NS)"
            + ", (x DATE) AS CAST(x AS TIMESTAMP_NS)";

    static final List<Macro> MACROS = List.of(
            macro("now", "() AS CAST(timezone('UTC', get_current_timestamp()) AS TIMESTAMP_NS)"),

            // Floor division and modulo: DuckDB's // and % truncate towards zero. NULLIF because DuckDB
            // folds constants in every CASE branch, including those a zero stride does not take.
            macro("_influx_floor_mod", "(a, b) AS ((a % NULLIF(b, 0)) + b) % NULLIF(b, 0)"),
            macro("_influx_floor_div", "(a, b) AS (a - _influx_floor_mod(a, b)) // NULLIF(b, 0)"),
            macro("_influx_ns", "(t) AS epoch_ns(CAST(t AS TIMESTAMP_NS))"),
            macro("_influx_floor_us", "(t) AS make_timestamp(_influx_floor_div(_influx_ns(t), 1000))"),
            macro("_influx_months", "(i) AS"
                    + " datepart('year', CAST(i AS INTERVAL)) * 12 + datepart('month', CAST(i AS INTERVAL))"),
            // Length of the day-and-time part of an interval; days count as 24 hours, as in DataFusion.
            macro("_influx_fixed_ns", "(i) AS 1000 * epoch_us(" + EPOCH
                    + " + (CAST(i AS INTERVAL) - to_months(_influx_months(i))))"),
            macro("_influx_bin_ns", "(t, s, o) AS t - _influx_floor_mod(t - o, s)"),
            // Calendar-month bins: count whole months from the origin's month, round down to a multiple
            // of the stride, and step back one stride when the origin's day or time puts that bin
            // start after t (DuckDB's time_bucket ignores the origin's day of month).
            macro("_influx_month_floor", "(m, t, o) AS m * _influx_floor_div("
                    + "(year(t) - year(o)) * 12 + month(t) - month(o), m)"),
            macro("_influx_month_bin", "(m, t, o) AS CAST(CASE"
                    + " WHEN o + to_months(_influx_month_floor(m, t, o)) > t"
                    + " THEN o + to_months(_influx_month_floor(m, t, o) - m)"
                    + " ELSE o + to_months(_influx_month_floor(m, t, o)) END AS TIMESTAMP_NS)"),
            macro("_influx_date_bin", "(stride, t, origin) AS CASE"
                    + " WHEN _influx_months(stride) <> 0 AND _influx_fixed_ns(stride) <> 0"
                    + " THEN error('DATE_BIN stride does not support combination of month, day and nanosecond intervals')"
                    + " WHEN _influx_months(stride) < 0 OR _influx_fixed_ns(stride) < 0"
                    + " OR (_influx_months(stride) = 0 AND _influx_fixed_ns(stride) = 0)"
                    + " THEN error('DATE_BIN stride must be non-zero and positive: ' || CAST(stride AS VARCHAR))"
                    + " WHEN _influx_months(stride) <> 0"
                    + " THEN _influx_month_bin(_influx_months(stride), CAST(t AS TIMESTAMP_NS), CAST(origin AS TIMESTAMP_NS))"
                    + " ELSE make_timestamp_ns(_influx_bin_ns(_influx_ns(t), _influx_fixed_ns(stride), _influx_ns(origin)))"
                    + " END"),
            macro("date_bin", "(stride, t) AS _influx_date_bin(stride, t, " + EPOCH + "),"
                    + " (stride, t, origin) AS _influx_date_bin(stride, t, origin)"),

            macro("_influx_selected", "(v, t) AS"
                    + " CASE WHEN v IS NOT NULL THEN struct_pack(value := v, time := CAST(t AS TIMESTAMP_NS)) END"),
            macro("selector_first", "(v, t) AS arg_min(_influx_selected(v, t), _influx_ns(t))"),
            macro("selector_last", "(v, t) AS arg_max(_influx_selected(v, t), _influx_ns(t))"),
            macro("selector_min", "(v, t) AS"
                    + " arg_min(_influx_selected(v, t), struct_pack(v := v, t := _influx_ns(t)))"),
            macro("selector_max", "(v, t) AS"
                    + " arg_max(_influx_selected(v, t), struct_pack(v := v, t := -_influx_ns(t)))"),

            macro("tz", "(t) AS CAST(t AS TIMESTAMP_NS),"
                    + " (t, zone) AS make_timestamp_ns(_influx_ns(t) + 1000 * (epoch_us(timezone(zone,"
                    + " timezone('UTC', CAST(t AS TIMESTAMP)))) - epoch_us(CAST(t AS TIMESTAMP))))"),

            macro("to_timestamp", "(x BIGINT) AS make_timestamp_ns(x * 1000000000),"
                    + " (x DOUBLE) AS make_timestamp_ns(CAST(round(x * 1e9) AS BIGINT)),"
                    + " (x VARCHAR) AS " + PARSE_NS + TIMESTAMP_OVERLOADS),
            macro("to_timestamp_nanos", "(x BIGINT) AS make_timestamp_ns(x),"
                    + " (x VARCHAR) AS " + PARSE_NS + TIMESTAMP_OVERLOADS),
            macro("to_timestamp_micros", "(x BIGINT) AS make_timestamp(x),"
                    + " (x VARCHAR) AS _influx_floor_us(" + PARSE_NS + "),"
                    + " (x TIMESTAMP) AS _influx_floor_us(x)"),
            macro("to_timestamp_millis", "(x BIGINT) AS CAST(make_timestamp(x * 1000) AS TIMESTAMP_MS),"
                    + " (x VARCHAR) AS CAST(make_timestamp(1000 * _influx_floor_div(_influx_ns(" + PARSE_NS + "), 1000000))"
                    + " AS TIMESTAMP_MS),"
                    + " (x TIMESTAMP) AS CAST(make_timestamp(1000 * _influx_floor_div(_influx_ns(x), 1000000)) AS TIMESTAMP_MS)"),
            macro("to_timestamp_seconds", "(x BIGINT) AS CAST(make_timestamp(x * 1000000) AS TIMESTAMP_S),"
                    + " (x VARCHAR) AS CAST(make_timestamp(1000000 * _influx_floor_div(_influx_ns(" + PARSE_NS + "), 1000000000))"
                    + " AS TIMESTAMP_S),"
                    + " (x TIMESTAMP) AS CAST(make_timestamp(1000000 * _influx_floor_div(_influx_ns(x), 1000000000)) AS TIMESTAMP_S)"),

            macro("arrow_typeof", "(x) AS CASE typeof(x)"
                    + " WHEN 'BOOLEAN' THEN 'Boolean'"
                    + " WHEN 'TINYINT' THEN 'Int8' WHEN 'SMALLINT' THEN 'Int16'"
                    + " WHEN 'INTEGER' THEN 'Int32' WHEN 'BIGINT' THEN 'Int64'"
                    + " WHEN 'UTINYINT' THEN 'UInt8' WHEN 'USMALLINT' THEN 'UInt16'"
                    + " WHEN 'UINTEGER' THEN 'UInt32' WHEN 'UBIGINT' THEN 'UInt64'"
                    + " WHEN 'FLOAT' THEN 'Float32' WHEN 'DOUBLE' THEN 'Float64'"
                    + " WHEN 'VARCHAR' THEN 'Utf8' WHEN 'BLOB' THEN 'Binary' WHEN 'DATE' THEN 'Date32'"
                    + " WHEN 'TIMESTAMP_NS' THEN 'Timestamp(Nanosecond, None)'"
                    + " WHEN 'TIMESTAMP' THEN 'Timestamp(Microsecond, None)'"
                    + " WHEN 'TIMESTAMP_MS' THEN 'Timestamp(Millisecond, None)'"
                    + " WHEN 'TIMESTAMP_S' THEN 'Timestamp(Second, None)'"
                    + " WHEN 'TIMESTAMP WITH TIME ZONE' THEN 'Timestamp(Microsecond, Some(\"UTC\"))'"
                    + " WHEN 'INTERVAL' THEN 'Interval(MonthDayNano)'"
                    + " WHEN 'NULL' THEN 'Null'"
                    + " ELSE typeof(x) END"),

            macro("influx_regex_match", "(s, pattern) AS regexp_matches(s, pattern)"),
            macro("influx_regex_not_match", "(s, pattern) AS NOT regexp_matches(s, pattern)"));

    /** The in-memory database {@link #installShared} keeps the macros in, attached to the DuckDB instance. */
    public static final String SHARED_CATALOG = "influx_functions";

    /** One macro: its name and DuckDB definition, {@code (params) AS body[, (params) AS body ...]}. */
    record Macro(String name, String definition) {
    }

    private static Macro macro(String name, String definition) {
        return new Macro(name, definition);
    }

    private InfluxSqlFunctions() {
    }

    /**
     * Creates (or re-creates) the functions as temporary macros of {@code connection} only. Costs a
     * few dozen catalog operations (tens of milliseconds); for a connection per query prefer
     * {@link #installShared} once and {@link #useShared} per connection. Not thread-safe with queries
     * on the same connection.
     */
    public static void install(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Macro m : MACROS) {
                statement.execute("CREATE OR REPLACE TEMP MACRO " + m.name() + m.definition());
            }
        }
    }

    /**
     * Creates (or re-creates) the functions once for the whole DuckDB instance {@code connection}
     * belongs to: in an attached in-memory database, {@value #SHARED_CATALOG}, so nothing is written
     * to a persistent database file. Then makes them visible on {@code connection} as
     * {@link #useShared} does. Call at startup, before other connections query.
     */
    public static void installShared(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ATTACH IF NOT EXISTS ':memory:' AS " + SHARED_CATALOG);
            // Macros that call other macros are resolved when created, so the path must be set first.
            useShared(connection);
            for (Macro m : MACROS) {
                statement.execute("CREATE OR REPLACE MACRO " + SHARED_CATALOG + ".main." + m.name() + m.definition());
            }
        }
    }

    /**
     * Makes the shared functions visible on {@code connection} (sub-millisecond): sets its
     * {@code search_path} to its current database and schema, then {@value #SHARED_CATALOG}. The
     * temporary schema is still searched first, and the path takes precedence over DuckDB's built-in
     * functions, which is what lets {@code now()} and {@code to_timestamp} be replaced. Requires
     * {@link #installShared} to have run on the same DuckDB instance.
     */
    public static void useShared(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT current_database(), current_schema()")) {
            rs.next();
            String path = quote(rs.getString(1)) + "." + quote(rs.getString(2)) + "," + SHARED_CATALOG + ".main";
            try (Statement set = connection.createStatement()) {
                set.execute("SET search_path = '" + path.replace("'", "''") + "'");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
