package io.influxdb3j.query.sql;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.query.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Gap filling ({@code date_bin_gapfill}, {@code locf}, {@code interpolate}) by rewriting the query
 * into plain DuckDB SQL. The query must have the shape InfluxDB 3 accepts:
 *
 * <pre>
 * SELECT date_bin_gapfill(INTERVAL '10 minutes', time) AS t, host,
 *        avg(usage), locf(max(usage)), interpolate(min(usage))
 * FROM cpu
 * WHERE time &gt;= '2024-01-01T00:00:00Z' AND time &lt; '2024-01-01T01:00:00Z' [AND ...]
 * GROUP BY 1, host [HAVING ...] [ORDER BY ...] [LIMIT ...]
 * </pre>
 *
 * and becomes
 *
 * <pre>
 * WITH _gapfill_input  AS (the query itself, with date_bin for date_bin_gapfill, locf/interpolate
 *                          unwrapped, every column aliased and GROUP BY by ordinal),
 *      _gapfill_series AS (SELECT DISTINCT host FROM _gapfill_input),
 *      _gapfill_bins   AS (every bin start from date_bin(stride, lower bound) below the upper bound)
 * SELECT * FROM (
 *   SELECT bins.t, series.host, input.avg, last_value(input.max IGNORE NULLS) OVER _gapfill_past, ...
 *   FROM _gapfill_series CROSS JOIN _gapfill_bins LEFT JOIN _gapfill_input ON (host, t)
 *   WINDOW _gapfill_past AS (PARTITION BY host ORDER BY t ...), _gapfill_future AS (...)
 * ) ORDER BY (the query's ORDER BY, else the group columns then time) LIMIT ...
 * </pre>
 *
 * So every series present in the result gets a row for every bin in the time range; aggregates are
 * null in the new rows unless wrapped in {@code locf} (the last non-null value of the series carried
 * forward) or {@code interpolate} (linear in time between the surrounding non-null values; null
 * before the first and after the last). Both also fill nulls in rows that had data. The time bounds
 * come from top-level {@code AND}ed comparisons of the binned column in {@code WHERE} ({@code >=},
 * {@code >}, {@code <}, {@code <=}, {@code BETWEEN}); without both the query is rejected, as in
 * InfluxDB. The rewritten query calls {@code date_bin}, so {@link InfluxSqlFunctions} must be
 * installed on the connection that runs it. Bind parameters ({@link SqlParameters}) first.
 *
 * <p>Not supported (rejected with a message): {@code date_bin_gapfill} in a subquery, set operations,
 * {@code SELECT DISTINCT}, grouping by a column that is not selected.
 */
public final class GapFill {
    private static final String INPUT = "_gapfill_input";
    private static final String SERIES = "_gapfill_series";
    private static final String BINS = "_gapfill_bins";
    private static final Set<String> NOT_ALIASES = Set.of("END", "NULL", "TRUE", "FALSE", "AND", "OR", "NOT", "IS");

    private enum Fill { NONE, LOCF, INTERPOLATE }

    /** One item of the SELECT list: its expression tokens, output name and role. */
    private record Item(List<SqlToken> expression, String name, boolean bin, Fill fill, List<SqlToken> value) {
    }

    /** A bound on the binned time column taken from WHERE. */
    private record Bound(String expression, boolean inclusive) {
    }

    private final String sql;
    private final List<SqlToken> tokens;

    private GapFill(String sql, List<SqlToken> tokens) {
        this.sql = sql;
        this.tokens = tokens;
    }

    /**
     * Returns {@code sql} unchanged when it does not call {@code date_bin_gapfill}, else the
     * equivalent DuckDB query.
     *
     * @throws InfluxException {@link ErrorCode#QUERY} when the query cannot be gap-filled
     */
    public static String rewrite(String sql) {
        List<SqlToken> all = SqlLexer.tokenize(sql);
        List<SqlToken> code = new ArrayList<>();
        for (SqlToken t : all) {
            if (!t.isTrivia()) {
                code.add(t);
            }
        }
        if (code.stream().noneMatch(t -> t.isWord("date_bin_gapfill"))) {
            return sql;
        }
        while (!code.isEmpty() && code.getLast().isSymbol(';')) {
            code.removeLast();
        }
        return new GapFill(sql, code).rewrite();
    }

    private String rewrite() {
        int[] depth = depths();
        int select = -1;
        int from = -1;
        int where = -1;
        int groupBy = -1;
        int afterGroup = -1;
        int orderBy = -1;
        int limit = -1;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (depth[i] != 0) {
                continue;
            }
            if (t.isSymbol(';')) {
                throw error("gap filling needs a single statement");
            }
            if (t.isWord("UNION") || t.isWord("INTERSECT") || t.isWord("EXCEPT")) {
                throw error("gap filling is not supported with " + t.text().toUpperCase(Locale.ROOT));
            }
            if (select < 0) {
                if (t.isWord("SELECT")) {
                    select = i;
                }
            } else if (from < 0 && t.isWord("FROM")) {
                from = i;
            } else if (from >= 0 && where < 0 && groupBy < 0 && t.isWord("WHERE")) {
                where = i;
            } else if (groupBy < 0 && isPair(i, "GROUP", "BY")) {
                groupBy = i;
            } else if (groupBy >= 0 && afterGroup < 0 && orderBy < 0
                    && (t.isWord("HAVING") || t.isWord("WINDOW") || t.isWord("QUALIFY"))) {
                afterGroup = i;
            } else if (orderBy < 0 && isPair(i, "ORDER", "BY")) {
                orderBy = i;
            } else if (limit < 0 && (t.isWord("LIMIT") || t.isWord("OFFSET"))) {
                limit = i;
            }
        }
        if (select < 0 || from < 0) {
            throw error("gap filling needs a SELECT ... FROM ... query");
        }
        int end = tokens.size();
        int orderEnd = limit >= 0 ? limit : end;
        int groupEnd = afterGroup >= 0 ? afterGroup : orderBy >= 0 ? orderBy : orderEnd;
        int whereEnd = groupBy >= 0 ? groupBy : groupEnd;
        for (int i = 0; i < tokens.size(); i++) {
            boolean allowed = (depth[i] == 0 && i > select && i < from)
                    || (groupBy >= 0 && i > groupBy && i < groupEnd)
                    || (orderBy >= 0 && i > orderBy && i < orderEnd);
            if (tokens.get(i).isWord("date_bin_gapfill") && !allowed) {
                throw error("date_bin_gapfill is only supported in the SELECT list, GROUP BY and ORDER BY"
                        + " of the outermost query");
            }
        }
        if (groupBy < 0) {
            throw error("date_bin_gapfill must be used in a query with GROUP BY");
        }
        if (tokens.get(select + 1).isWord("DISTINCT")) {
            throw error("gap filling is not supported with SELECT DISTINCT");
        }

        List<Item> items = new ArrayList<>();
        for (List<SqlToken> part : split(select + 1, from)) {
            items.add(item(part));
        }
        List<Integer> binItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).bin()) {
                binItems.add(i);
            }
        }
        if (binItems.size() != 1) {
            throw error("a gap-filling query needs exactly one date_bin_gapfill(...) in its SELECT list, found "
                    + binItems.size());
        }
        Item bin = items.get(binItems.getFirst());
        List<List<SqlToken>> binArgs = arguments(bin.expression());
        if (binArgs.size() < 2 || binArgs.size() > 3) {
            throw error("date_bin_gapfill takes (interval, time[, origin]), got " + binArgs.size() + " arguments");
        }

        List<Integer> groupItems = new ArrayList<>();
        for (List<SqlToken> part : split(groupBy + 2, groupEnd)) {
            groupItems.add(resolve(part, items, "GROUP BY"));
        }
        if (!groupItems.contains(binItems.getFirst())) {
            throw error("date_bin_gapfill(...) must be one of the GROUP BY expressions");
        }
        List<Integer> keys = new ArrayList<>();
        for (int g : groupItems) {
            if (g != binItems.getFirst() && !keys.contains(g)) {
                keys.add(g);
            }
        }

        List<Bound> lower = new ArrayList<>();
        List<Bound> upper = new ArrayList<>();
        if (where >= 0) {
            bounds(where + 1, whereEnd, binArgs.get(1), lower, upper);
        }
        if (lower.isEmpty() && upper.isEmpty()) {
            throw error("gap-filling query is missing both upper and lower time bounds: add"
                    + " WHERE time >= <start> AND time < <end>");
        }
        if (lower.isEmpty()) {
            throw error("gap-filling query is missing lower time bound: add WHERE time >= <start>");
        }
        if (upper.isEmpty()) {
            throw error("gap-filling query is missing upper time bound: add WHERE time < <end>");
        }

        String stride = text(binArgs.get(0));
        String origin = binArgs.size() == 3 ? ", " + text(binArgs.get(2)) : "";
        String prefix = text(tokens.subList(0, select));
        StringBuilder out = new StringBuilder();
        if (prefix.isEmpty()) {
            out.append("WITH ");
        } else if (tokens.getFirst().isWord("WITH")) {
            out.append(prefix).append(",\n");
        } else {
            throw error("gap filling is not supported after " + prefix);
        }

        // The query itself, aggregating into bins.
        out.append(INPUT).append(" AS (\nSELECT ");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            out.append(i == 0 ? "" : ", ").append(replaceGapfill(item.value())).append(" AS ").append(quote(item.name()));
        }
        out.append('\n').append(replaceGapfill(tokens.subList(from, whereEnd))).append("\nGROUP BY ");
        for (int i = 0; i < groupItems.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(groupItems.get(i) + 1);
        }
        if (groupEnd > afterGroup && afterGroup >= 0) {
            out.append('\n').append(replaceGapfill(tokens.subList(afterGroup, groupEnd)));
        }
        out.append("\n),\n");

        // Every series that has data, and every bin of the time range.
        out.append(SERIES).append(" AS (SELECT DISTINCT ");
        if (keys.isEmpty()) {
            out.append("1 AS _gapfill_any");
        } else {
            for (int i = 0; i < keys.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(quote(items.get(keys.get(i)).name()));
            }
        }
        out.append(" FROM ").append(INPUT).append("),\n");
        String binName = quote(bin.name());
        out.append(BINS).append(" AS (SELECT CAST(generate_series AS TIMESTAMP_NS) AS ").append(binName)
                .append(" FROM generate_series(CAST(date_bin(").append(stride).append(", ").append(combine("greatest", lower))
                .append(origin).append(") AS TIMESTAMP), CAST(").append(combine("least", upper))
                .append(" AS TIMESTAMP), CAST(").append(stride).append(" AS INTERVAL)) WHERE true");
        for (Bound b : upper) {
            out.append(" AND CAST(generate_series AS TIMESTAMP_NS) ").append(b.inclusive() ? "<= " : "< ")
                    .append("CAST(").append(b.expression()).append(" AS TIMESTAMP_NS)");
        }
        out.append(")\n");

        // One row per series and bin, with the data where there is some, filled as asked.
        String time = BINS + "." + binName;
        StringBuilder partition = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            partition.append(i == 0 ? "PARTITION BY " : ", ").append(SERIES).append('.').append(quote(items.get(keys.get(i)).name()));
        }
        String window = partition + (keys.isEmpty() ? "" : " ") + "ORDER BY " + time;
        out.append("SELECT * FROM (SELECT ");
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String name = quote(item.name());
            String column;
            if (item.bin()) {
                column = time;
            } else if (keys.contains(i)) {
                column = SERIES + "." + name;
            } else {
                column = fill(item.fill(), INPUT + "." + name, time);
            }
            out.append(i == 0 ? "" : ", ").append(column).append(" AS ").append(name);
        }
        out.append("\nFROM ").append(SERIES).append(" CROSS JOIN ").append(BINS).append(" LEFT JOIN ").append(INPUT)
                .append(" ON ").append(INPUT).append('.').append(binName).append(" = ").append(time);
        for (int k : keys) {
            String name = quote(items.get(k).name());
            out.append(" AND ").append(INPUT).append('.').append(name).append(" IS NOT DISTINCT FROM ")
                    .append(SERIES).append('.').append(name);
        }
        out.append("\nWINDOW _gapfill_past AS (").append(window).append(" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),")
                .append("\n_gapfill_future AS (").append(window).append(" ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)");
        out.append("\n) AS _gapfill\nORDER BY ");
        if (orderBy >= 0) {
            List<List<SqlToken>> parts = split(orderBy + 2, orderEnd);
            for (int i = 0; i < parts.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(orderItem(parts.get(i), items));
            }
        } else {
            for (int k : keys) {
                out.append(quote(items.get(k).name())).append(", ");
            }
            out.append(binName);
        }
        if (limit >= 0) {
            out.append('\n').append(text(tokens.subList(limit, end)));
        }
        return out.toString();
    }

    /** The expression of one output column, filled as its wrapper asked. */
    private static String fill(Fill fill, String v, String time) {
        String past = "_gapfill_past";
        String future = "_gapfill_future";
        return switch (fill) {
            case NONE -> v;
            case LOCF -> "last_value(" + v + " IGNORE NULLS) OVER " + past;
            case INTERPOLATE -> {
                String t = "epoch_ns(" + time + ")";
                String observed = "CASE WHEN " + v + " IS NOT NULL THEN " + t + " END";
                String prevValue = "last_value(" + v + " IGNORE NULLS) OVER " + past;
                String prevTime = "last_value(" + observed + " IGNORE NULLS) OVER " + past;
                String nextValue = "first_value(" + v + " IGNORE NULLS) OVER " + future;
                String nextTime = "first_value(" + observed + " IGNORE NULLS) OVER " + future;
                // cast_to_type keeps integer columns integers (rounded), as the value type of the series.
                // The time fraction is computed first (integer / is a double division in DuckDB) so
                // value * nanoseconds cannot overflow for integer columns.
                yield "CASE WHEN " + v + " IS NOT NULL THEN " + v + " ELSE cast_to_type(" + prevValue + " + ("
                        + nextValue + " - " + prevValue + ") * ((" + t + " - " + prevTime + ") / ("
                        + nextTime + " - " + prevTime + ")), " + v + ") END";
            }
        };
    }

    /** Parses one SELECT item: {@code expr [[AS] alias]}, noting date_bin_gapfill and fill wrappers. */
    private Item item(List<SqlToken> part) {
        if (part.isEmpty()) {
            throw error("empty item in the SELECT list");
        }
        List<SqlToken> expression = part;
        String alias = null;
        int n = part.size();
        if (n >= 3 && part.get(n - 2).isWord("AS") && isName(part.get(n - 1))) {
            alias = name(part.get(n - 1));
            expression = part.subList(0, n - 2);
        } else if (n >= 2 && isName(part.get(n - 1)) && !NOT_ALIASES.contains(part.get(n - 1).text().toUpperCase(Locale.ROOT))
                && (part.get(n - 2).isSymbol(')') || isName(part.get(n - 2)))
                && !part.get(n - 2).isWord("AS")) {
            alias = name(part.get(n - 1));
            expression = part.subList(0, n - 1);
        }
        if (expression.size() == 1 && expression.getFirst().isSymbol('*')) {
            throw error("SELECT * cannot be gap-filled: list the columns");
        }
        boolean bin = isCall(expression, "date_bin_gapfill");
        Fill fill = isCall(expression, "locf") ? Fill.LOCF : isCall(expression, "interpolate") ? Fill.INTERPOLATE : Fill.NONE;
        List<SqlToken> value = fill == Fill.NONE ? expression : expression.subList(2, expression.size() - 1);
        String name = alias != null ? alias : columnName(expression);
        return new Item(expression, name, bin, fill, value);
    }

    /** The name DuckDB would give an unaliased column: a column reference's own name, else the text. */
    private String columnName(List<SqlToken> expression) {
        boolean reference = expression.size() % 2 == 1;
        for (int i = 0; i < expression.size() && reference; i++) {
            reference = i % 2 == 0 ? isName(expression.get(i)) : expression.get(i).isSymbol('.');
        }
        return reference ? name(expression.getLast()) : text(expression);
    }

    /** Index of the SELECT item a GROUP BY or ORDER BY expression refers to: ordinal, name or same text. */
    private int resolve(List<SqlToken> part, List<Item> items, String clause) {
        int found = find(part, items);
        if (found < 0) {
            throw error("gap filling needs every " + clause + " expression in the SELECT list: " + text(part));
        }
        return found;
    }

    private int find(List<SqlToken> part, List<Item> items) {
        if (part.size() == 1 && part.getFirst().is(Kind.NUMBER)) {
            try {
                int ordinal = Integer.parseInt(part.getFirst().text());
                if (ordinal >= 1 && ordinal <= items.size()) {
                    return ordinal - 1;
                }
            } catch (NumberFormatException e) {
                return -1;
            }
            return -1;
        }
        String normalised = normalise(part);
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (normalise(item.expression()).equals(normalised)
                    || (part.size() == 1 && isName(part.getFirst()) && name(part.getFirst()).equalsIgnoreCase(item.name()))) {
                return i;
            }
        }
        return -1;
    }

    /** An ORDER BY item, pointed at the output column it names where it names one. */
    private String orderItem(List<SqlToken> part, List<Item> items) {
        int modifiers = part.size();
        while (modifiers > 0) {
            SqlToken t = part.get(modifiers - 1);
            if (t.isWord("ASC") || t.isWord("DESC") || t.isWord("FIRST") || t.isWord("LAST") || t.isWord("NULLS")) {
                modifiers--;
            } else {
                break;
            }
        }
        List<SqlToken> expression = part.subList(0, modifiers);
        int found = find(expression, items);
        String head = found >= 0 ? quote(items.get(found).name()) : text(expression);
        String tail = text(part.subList(modifiers, part.size()));
        return tail.isEmpty() ? head : head + " " + tail;
    }

    /**
     * Collects bounds on {@code column} from the top-level conjuncts of a WHERE clause. With a
     * top-level OR no conjunct is certain to hold, so none is used.
     */
    private void bounds(int start, int end, List<SqlToken> column, List<Bound> lower, List<Bound> upper) {
        List<SqlToken> clause = tokens.subList(start, end);
        while (clause.size() >= 2 && clause.getFirst().isSymbol('(') && matching(clause, 0) == clause.size() - 1) {
            clause = clause.subList(1, clause.size() - 1);
        }
        int[] depth = depths(clause);
        List<List<SqlToken>> conjuncts = new ArrayList<>();
        int from = 0;
        boolean inBetween = false;
        for (int i = 0; i < clause.size(); i++) {
            SqlToken t = clause.get(i);
            if (depth[i] != 0) {
                continue;
            }
            if (t.isWord("OR")) {
                return;
            }
            if (t.isWord("BETWEEN")) {
                inBetween = true;
            } else if (t.isWord("AND")) {
                if (inBetween) {
                    inBetween = false;
                } else {
                    conjuncts.add(clause.subList(from, i));
                    from = i + 1;
                }
            }
        }
        conjuncts.add(clause.subList(from, clause.size()));
        for (List<SqlToken> c : conjuncts) {
            bound(c, column, lower, upper);
        }
    }

    private void bound(List<SqlToken> conjunct, List<SqlToken> column, List<Bound> lower, List<Bound> upper) {
        List<SqlToken> c = conjunct;
        while (c.size() >= 2 && c.getFirst().isSymbol('(') && matching(c, 0) == c.size() - 1) {
            c = c.subList(1, c.size() - 1);
        }
        int[] depth = depths(c);
        for (int i = 0; i < c.size(); i++) {
            if (depth[i] != 0) {
                continue;
            }
            SqlToken t = c.get(i);
            if (t.isWord("BETWEEN") && sameColumn(c.subList(0, i), column)) {
                for (int j = i + 1; j < c.size(); j++) {
                    if (depth[j] == 0 && c.get(j).isWord("AND")) {
                        lower.add(new Bound(text(c.subList(i + 1, j)), true));
                        upper.add(new Bound(text(c.subList(j + 1, c.size())), true));
                        return;
                    }
                }
                return;
            }
            if (t.isSymbol('<') || t.isSymbol('>')) {
                boolean orEqual = i + 1 < c.size() && c.get(i + 1).isSymbol('=') && c.get(i + 1).start() == t.end();
                if (i + 1 < c.size() && c.get(i + 1).isSymbol('>') && t.isSymbol('<')) {
                    return; // <> is not a bound
                }
                List<SqlToken> left = c.subList(0, i);
                List<SqlToken> right = c.subList(orEqual ? i + 2 : i + 1, c.size());
                boolean greater = t.isSymbol('>');
                if (sameColumn(left, column) && !right.isEmpty()) {
                    (greater ? lower : upper).add(new Bound(text(right), orEqual));
                } else if (sameColumn(right, column) && !left.isEmpty()) {
                    (greater ? upper : lower).add(new Bound(text(left), orEqual));
                }
                return;
            }
        }
    }

    /** Whether tokens are a (possibly qualified) reference to the same column as {@code column}. */
    private static boolean sameColumn(List<SqlToken> candidate, List<SqlToken> column) {
        if (candidate.isEmpty() || column.isEmpty() || !isName(candidate.getLast()) || !isName(column.getLast())) {
            return false;
        }
        for (int i = 0; i < candidate.size(); i++) {
            boolean ok = (candidate.size() - 1 - i) % 2 == 0 ? isName(candidate.get(i)) : candidate.get(i).isSymbol('.');
            if (!ok) {
                return false;
            }
        }
        return name(candidate.getLast()).equalsIgnoreCase(name(column.getLast()));
    }

    private static String combine(String function, List<Bound> bounds) {
        if (bounds.size() == 1) {
            return bounds.getFirst().expression();
        }
        StringBuilder sb = new StringBuilder(function).append('(');
        for (int i = 0; i < bounds.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append("CAST(").append(bounds.get(i).expression()).append(" AS TIMESTAMP_NS)");
        }
        return sb.append(')').toString();
    }

    private static boolean isCall(List<SqlToken> expression, String function) {
        return expression.size() >= 3 && expression.getFirst().isWord(function) && expression.get(1).isSymbol('(')
                && matching(expression, 1) == expression.size() - 1;
    }

    /** Arguments of a call expression {@code f(a, b)}, split at its top-level commas. */
    private static List<List<SqlToken>> arguments(List<SqlToken> call) {
        List<SqlToken> inside = call.subList(2, call.size() - 1);
        int[] depth = depths(inside);
        List<List<SqlToken>> args = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < inside.size(); i++) {
            if (depth[i] == 0 && inside.get(i).isSymbol(',')) {
                args.add(inside.subList(from, i));
                from = i + 1;
            }
        }
        args.add(inside.subList(from, inside.size()));
        return args;
    }

    /** Tokens {@code [start, end)} split at commas outside brackets. */
    private List<List<SqlToken>> split(int start, int end) {
        List<SqlToken> range = tokens.subList(start, end);
        int[] depth = depths(range);
        List<List<SqlToken>> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < range.size(); i++) {
            if (depth[i] == 0 && range.get(i).isSymbol(',')) {
                parts.add(range.subList(from, i));
                from = i + 1;
            }
        }
        parts.add(range.subList(from, range.size()));
        return parts;
    }

    private int[] depths() {
        return depths(tokens);
    }

    /** Bracket depth of each token; a closing bracket has the depth of its opening one. */
    private static int[] depths(List<SqlToken> list) {
        int[] depth = new int[list.size()];
        int d = 0;
        for (int i = 0; i < list.size(); i++) {
            SqlToken t = list.get(i);
            if (t.isSymbol(')') || t.isSymbol(']')) {
                d = Math.max(0, d - 1);
            }
            depth[i] = d;
            if (t.isSymbol('(') || t.isSymbol('[')) {
                d++;
            }
        }
        return depth;
    }

    private static int matching(List<SqlToken> list, int open) {
        int d = 0;
        for (int i = open; i < list.size(); i++) {
            if (list.get(i).isSymbol('(') || list.get(i).isSymbol('[')) {
                d++;
            } else if (list.get(i).isSymbol(')') || list.get(i).isSymbol(']')) {
                d--;
                if (d == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private boolean isPair(int i, String first, String second) {
        return tokens.get(i).isWord(first) && i + 1 < tokens.size() && tokens.get(i + 1).isWord(second);
    }

    /** Source text from the first to the last token, comments and spacing in between kept. */
    private String text(List<SqlToken> range) {
        if (range.isEmpty()) {
            return "";
        }
        return sql.substring(range.getFirst().start(), range.getLast().end());
    }

    /** Like {@link #text} with every {@code date_bin_gapfill} call turned into {@code date_bin}. */
    private String replaceGapfill(List<SqlToken> range) {
        if (range.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        int position = range.getFirst().start();
        for (SqlToken t : range) {
            if (t.isWord("date_bin_gapfill")) {
                sb.append(sql, position, t.start()).append("date_bin");
                position = t.end();
            }
        }
        return sb.append(sql, position, range.getLast().end()).toString();
    }

    private static String normalise(List<SqlToken> expression) {
        StringBuilder sb = new StringBuilder();
        for (SqlToken t : expression) {
            sb.append(t.is(Kind.WORD) ? t.text().toLowerCase(Locale.ROOT) : t.text()).append(' ');
        }
        return sb.toString();
    }

    private static boolean isName(SqlToken t) {
        return t.is(Kind.WORD) || t.is(Kind.QUOTED_IDENTIFIER);
    }

    /** The identifier a name token stands for: quotes removed, or the word as written. */
    private static String name(SqlToken t) {
        if (t.is(Kind.QUOTED_IDENTIFIER)) {
            String inner = t.text().substring(1, Math.max(1, t.text().length() - 1));
            return inner.replace("\"\"", "\"");
        }
        return t.text();
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static InfluxException error(String message) {
        return new InfluxException(ErrorCode.QUERY, "Error during planning: " + message);
    }
}
