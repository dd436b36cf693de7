package io.influxdb3j.query.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pretty}: the ASCII table of Arrow's {@code pretty_format_batches}. Every row is buffered as
 * text because column widths depend on all of them. Cells are left-aligned with one space of padding
 * each side; a cell holding line breaks spans several table lines. No trailing newline; an empty
 * result is {@code ++\n++}.
 *
 * <pre>
 * +---------+-------+
 * | mytag1  | value |
 * +---------+-------+
 * | sometag | 0.54  |
 * +---------+-------+
 * </pre>
 */
final class PrettyTable {
    private PrettyTable() {
    }

    static long write(ResultSet rs, ResultColumns columns, OutputStream out) throws SQLException, IOException {
        int n = columns.size();
        String[] header = new String[n];
        for (int c = 0; c < n; c++) {
            header[c] = columns.name(c);
        }
        List<String[]> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int c = 0; c < n; c++) {
                row[c] = ValueText.of(columns.read(rs, c));
            }
            rows.add(row);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write(render(header, rows));
        w.flush();
        return rows.size();
    }

    /** Renders the table; with no rows only the header is shown, and with no rows at all {@code ++\n++}. */
    static String render(String[] header, List<String[]> rows) {
        if (rows.isEmpty()) {
            return "++\n++";
        }
        int n = header.length;
        int[] widths = new int[n];
        for (int c = 0; c < n; c++) {
            widths[c] = maxLineWidth(header[c]);
        }
        for (String[] row : rows) {
            for (int c = 0; c < n; c++) {
                widths[c] = Math.max(widths[c], maxLineWidth(row[c]));
            }
        }
        StringBuilder sb = new StringBuilder();
        border(sb, widths);
        sb.append('\n');
        line(sb, header, widths);
        border(sb, widths);
        sb.append('\n');
        for (String[] row : rows) {
            line(sb, row, widths);
        }
        border(sb, widths);
        return sb.toString();
    }

    private static void border(StringBuilder sb, int[] widths) {
        sb.append('+');
        for (int w : widths) {
            sb.repeat('-', w + 2).append('+');
        }
    }

    /** One logical row; several physical lines when a cell contains line breaks. */
    private static void line(StringBuilder sb, String[] cells, int[] widths) {
        String[][] parts = new String[cells.length][];
        int height = 1;
        for (int c = 0; c < cells.length; c++) {
            parts[c] = cells[c].split("\r\n|\n|\r", -1);
            height = Math.max(height, parts[c].length);
        }
        for (int l = 0; l < height; l++) {
            sb.append('|');
            for (int c = 0; c < cells.length; c++) {
                String text = l < parts[c].length ? parts[c][l] : "";
                sb.append(' ').append(text).repeat(' ', widths[c] - width(text)).append(" |");
            }
            sb.append('\n');
        }
    }

    private static int maxLineWidth(String text) {
        int max = 0;
        for (String part : text.split("\r\n|\n|\r", -1)) {
            max = Math.max(max, width(part));
        }
        return max;
    }

    /** Display width: one column per code point, two for East Asian wide and full-width characters. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            width += isWide(cp) ? 2 : 1;
        }
        return width;
    }

    private static boolean isWide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
