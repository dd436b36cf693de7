package io.influxdb3j.query.sql;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Binds the {@code params} of a query request into its SQL. DataFusion, and so InfluxDB 3, refers to
 * them as {@code $name}; DuckDB receives the query with each placeholder replaced by a SQL literal.
 * Placeholders inside string literals, quoted identifiers and comments are left alone (see
 * {@link SqlLexer}), as is a {@code $} inside a word ({@code a$b} is one identifier in DataFusion and
 * DuckDB alike). Every literal is self-contained, so a value can never change the shape of
 * the query: strings are quoted with quotes doubled, negative numbers parenthesised ({@code 1-$p}
 * must not become the comment {@code 1--5}), and a space is put between the literal and an adjacent
 * quote or number ({@code 'a'$p} must not merge into the single string {@code 'a''v'}).
 */
public final class SqlParameters {
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private SqlParameters() {
    }

    /**
     * Returns {@code sql} with every {@code $name} replaced by the literal for {@code params.get(name)}.
     *
     * @param params name (without {@code $}) to value: {@code null}, {@link Boolean}, {@link Long},
     *               {@link Integer}, {@link BigInteger} (uint64), {@link Double} or {@link String};
     *               {@code null} map means no parameters; unused entries are ignored
     * @throws InfluxException {@link ErrorCode#INVALID_ARGUMENT} for a placeholder without a value or
     *                         a value of another type
     */
    public static String bind(String sql, Map<String, ?> params) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql);
        if (tokens.stream().noneMatch(t -> t.is(SqlToken.Kind.PLACEHOLDER))) {
            return sql;
        }
        StringBuilder out = new StringBuilder(sql.length() + 64);
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (!token.is(SqlToken.Kind.PLACEHOLDER)) {
                out.append(token.text());
                continue;
            }
            String name = token.text().substring(1);
            if (params == null || !params.containsKey(name)) {
                throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                        "Error during planning: No value found for placeholder with name $" + name
                                + ": add \"" + name + "\" to the query's params");
            }
            String literal = literal(name, params.get(name));
            if (!out.isEmpty() && needsSeparation(out.charAt(out.length() - 1))) {
                out.append(' ');
            }
            out.append(literal);
            if (i + 1 < tokens.size() && needsSeparation(tokens.get(i + 1).text().charAt(0))) {
                out.append(' ');
            }
        }
        return out.toString();
    }

    /** The SQL literal for one parameter value. */
    static String literal(String name, Object value) {
        return switch (value) {
            case null -> "NULL";
            case Boolean b -> b ? "TRUE" : "FALSE";
            case Long l -> signed(l.toString());
            case Integer i -> signed(i.toString());
            case Short s -> signed(s.toString());
            case Byte b -> signed(b.toString());
            case BigInteger i -> {
                if (i.signum() >= 0 && i.compareTo(LONG_MAX) > 0 && i.compareTo(UINT64_LIMIT) < 0) {
                    yield "CAST(" + i + " AS UBIGINT)";
                }
                yield signed(i.toString());
            }
            case Double d -> floating(Double.isFinite(d) ? d.toString() : null, d);
            case Float f -> floating(Float.isFinite(f) ? f.toString() : null, f);
            case BigDecimal d -> signed(d.toPlainString());
            case String s -> "'" + s.replace("'", "''") + "'";
            default -> throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "parameter $" + name + " has a value of type " + value.getClass().getSimpleName()
                            + ": parameter values must be null, a boolean, a number or a string");
        };
    }

    private static String signed(String digits) {
        // "-5" right after a "-" would start a comment: x-$p must not become x--5.
        return digits.startsWith("-") ? "(" + digits + ")" : digits;
    }

    private static String floating(String finiteText, double value) {
        if (finiteText == null) {
            String special = Double.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
            return "CAST('" + special + "' AS DOUBLE)";
        }
        // A bare 0.5 would be a DECIMAL in DuckDB; InfluxDB parameters of this kind are float64.
        return "CAST(" + finiteText + " AS DOUBLE)";
    }

    private static boolean needsSeparation(char c) {
        return SqlLexer.isWordPart(c) || c == '\'' || c == '"';
    }
}
