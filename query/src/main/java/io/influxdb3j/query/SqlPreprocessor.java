package io.influxdb3j.query;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adapts DataFusion-flavoured SQL to the names the DuckDB session has: {@code SHOW TABLES} and
 * {@code SHOW COLUMNS} become information_schema queries; {@code information_schema.X} and
 * {@code system.X} become per-query temporary tables; the {@code public.iox.} / {@code iox.}
 * qualifiers of user tables are dropped. Text inside string literals and quoted identifiers is
 * never touched.
 */
final class SqlPreprocessor {
    static final String SYSTEM_PREFIX = "__iox_system_";
    static final String INFO_PREFIX = "__iox_information_schema_";
    private static final Pattern SHOW_TABLES = Pattern.compile("(?is)^\\s*show\\s+tables\\s*;?\\s*$");
    private static final Pattern SHOW_COLUMNS = Pattern.compile("(?is)^\\s*show\\s+(?:all\\s+)?columns\\s+(?:from|in)\\s+(\"[^\"]+\"|[\\w.]+)\\s*;?\\s*$");
    private static final Pattern QUALIFIED = Pattern.compile("(?i)\\b(?:public\\s*\\.\\s*)?(information_schema|system|iox)\\s*\\.\\s*(\"[^\"]+\"|\\w+)");
    private static final Pattern IDENT = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([A-Za-z_][A-Za-z0-9_]*)");

    private SqlPreprocessor() {
    }

    static String rewrite(String sql) {
        Matcher m = SHOW_TABLES.matcher(sql);
        if (m.matches()) {
            sql = "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables";
        }
        m = SHOW_COLUMNS.matcher(sql);
        if (m.matches()) {
            String table = m.group(1);
            if (table.startsWith("\"")) {
                table = table.substring(1, table.length() - 1);
            } else {
                int dot = table.lastIndexOf('.');
                table = table.substring(dot + 1);
            }
            sql = "SELECT table_catalog, table_schema, table_name, column_name, data_type, is_nullable "
                    + "FROM information_schema.columns WHERE table_name = '" + table.replace("'", "''")
                    + "' ORDER BY ordinal_position";
        }
        return mapOutsideLiterals(sql);
    }

    /** Applies the qualifier rewrite to the parts of the SQL outside '...' literals and comments. */
    private static String mapOutsideLiterals(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int i = 0;
        int segmentStart = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*')) {
                out.append(rewriteQualifiers(sql.substring(segmentStart, i)));
                int end = skipLiteral(sql, i);
                out.append(sql, i, end);
                i = end;
                segmentStart = end;
            } else {
                i++;
            }
        }
        out.append(rewriteQualifiers(sql.substring(segmentStart)));
        return out.toString();
    }

    private static int skipLiteral(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'') {
            int j = i + 1;
            while (j < sql.length()) {
                if (sql.charAt(j) == '\'') {
                    if (j + 1 < sql.length() && sql.charAt(j + 1) == '\'') {
                        j += 2;
                        continue;
                    }
                    return j + 1;
                }
                j++;
            }
            return sql.length();
        }
        if (c == '-') {
            int j = sql.indexOf('\n', i);
            return j < 0 ? sql.length() : j + 1;
        }
        int j = sql.indexOf("*/", i + 2);
        return j < 0 ? sql.length() : j + 2;
    }

    private static String rewriteQualifiers(String part) {
        Matcher m = QUALIFIED.matcher(part);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String schema = m.group(1).toLowerCase(Locale.ROOT);
            String name = m.group(2);
            boolean quoted = name.startsWith("\"");
            String bare = quoted ? name.substring(1, name.length() - 1) : name;
            String replacement = switch (schema) {
                case "information_schema" -> INFO_PREFIX + bare.toLowerCase(Locale.ROOT);
                case "system" -> SYSTEM_PREFIX + bare.toLowerCase(Locale.ROOT);
                default -> quoted ? name : bare;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every identifier the SQL mentions (unquoted ones lower-cased as well), to decide which views to create. */
    private static final Pattern WITH = Pattern.compile("(?i)\\bwith\\b");

    /** True when the SQL may hold a common table expression (the word WITH outside quotes counts). */
    static boolean hasWith(String sql) {
        return WITH.matcher(sql).find();
    }

    /**
     * How often each identifier occurs: quoted ones as written, unquoted ones as written and
     * lower-cased. The key set is every name the SQL may mean a table by.
     */
    static Map<String, Integer> identifierCounts(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        Matcher m = IDENT.matcher(sql);
        while (m.find()) {
            if (m.group(1) != null) {
                counts.merge(m.group(1).replace("\"\"", "\""), 1, Integer::sum);
            } else {
                counts.merge(m.group(2), 1, Integer::sum);
                String lower = m.group(2).toLowerCase(Locale.ROOT);
                if (!lower.equals(m.group(2))) {
                    counts.merge(lower, 1, Integer::sum);
                }
            }
        }
        return counts;
    }
}
