package io.influxdb3j.query.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@code csv}: a header row, then one row per result row, {@code \n} line ends, RFC 4180 quoting
 * (a field is quoted only when it holds a comma, quote, CR or LF; quotes are doubled). No rows means
 * an empty body, header included.
 */
final class CsvRows {
    private CsvRows() {
    }

    static long write(ResultSet rs, ResultColumns columns, OutputStream out) throws SQLException, IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        long rows = 0;
        while (rs.next()) {
            if (rows == 0) {
                for (int c = 0; c < columns.size(); c++) {
                    field(w, c, columns.name(c));
                }
                w.write('\n');
            }
            for (int c = 0; c < columns.size(); c++) {
                field(w, c, ValueText.of(columns.read(rs, c)));
            }
            w.write('\n');
            rows++;
        }
        w.flush();
        return rows;
    }

    private static void field(Writer w, int column, String text) throws IOException {
        if (column > 0) {
            w.write(',');
        }
        if (!needsQuotes(text)) {
            w.write(text);
            return;
        }
        w.write('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                w.write('"');
            }
            w.write(ch);
        }
        w.write('"');
    }

    static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == ',' || ch == '"' || ch == '\n' || ch == '\r') {
                return true;
            }
        }
        return false;
    }
}
