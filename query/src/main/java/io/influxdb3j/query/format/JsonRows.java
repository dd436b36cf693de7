package io.influxdb3j.query.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code json} (one array of row objects, {@code []} when empty) and {@code jsonl} (one object per
 * line, nothing when empty). As in Arrow's JSON writer, null cells and null struct fields are left
 * out of their object, and non-finite floats are written as {@code null}.
 */
final class JsonRows {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
            .build();

    private JsonRows() {
    }

    static long write(ResultSet rs, ResultColumns columns, OutputStream out, boolean lines) throws SQLException, IOException {
        long rows = 0;
        // Jackson buffers internally and hands the stream 8 KB chunks.
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null);
            if (!lines) {
                g.writeStartArray();
            }
            while (rs.next()) {
                g.writeStartObject();
                for (int c = 0; c < columns.size(); c++) {
                    Object v = columns.read(rs, c);
                    if (v != null) {
                        g.writeFieldName(columns.name(c));
                        value(g, v);
                    }
                }
                g.writeEndObject();
                if (lines) {
                    g.writeRaw('\n');
                }
                rows++;
            }
            if (!lines) {
                g.writeEndArray();
            }
        }
        out.flush();
        return rows;
    }

    static void value(JsonGenerator g, Object v) throws IOException {
        switch (v) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Long l -> g.writeNumber(l);
            case BigInteger i -> g.writeNumber(i);
            case BigDecimal d -> g.writeNumber(d.toPlainString());
            case Double d -> {
                if (Double.isFinite(d)) {
                    g.writeNumber(FloatText.format(d));
                } else {
                    g.writeNull();
                }
            }
            case Float f -> {
                if (Float.isFinite(f)) {
                    g.writeNumber(FloatText.format(f));
                } else {
                    g.writeNull();
                }
            }
            case Number n -> g.writeNumber(n.toString());
            case List<?> list -> {
                g.writeStartArray();
                for (Object e : list) {
                    value(g, e);
                }
                g.writeEndArray();
            }
            case Map<?, ?> map -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (e.getValue() != null) {
                        g.writeFieldName(String.valueOf(e.getKey()));
                        value(g, e.getValue());
                    }
                }
                g.writeEndObject();
            }
            default -> g.writeString(ValueText.scalar(v));
        }
    }
}
