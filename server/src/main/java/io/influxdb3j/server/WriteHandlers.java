package io.influxdb3j.server;

import com.linecorp.armeria.common.HttpResponse;
import io.influxdb3j.catalog.NameRules;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.Precision;
import io.influxdb3j.lp.LineError;
import io.influxdb3j.storage.Storage;
import io.influxdb3j.storage.ValidatedWrite;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code /api/v3/write_lp}, {@code /api/v2/write} and {@code /write}: parameters, statuses and bodies per API. */
final class WriteHandlers {
    private static final String EMPTY = "incoming write was empty";
    private final Storage storage;
    private final ServerMetrics metrics;

    WriteHandlers(Storage storage, ServerMetrics metrics) {
        this.storage = storage;
        this.metrics = metrics;
    }

    HttpResponse v3(Request r) {
        if (!r.hasQueryString()) {
            throw InfluxException.invalid("missing query parameter 'db'");
        }
        String db = r.param("db");
        if (db == null) {
            throw InfluxException.invalid("serde error: missing field `db`");
        }
        Precision precision = Precision.parseV3(r.param("precision"));
        boolean acceptPartial = r.boolParam("accept_partial", true);
        boolean noSync = r.boolParam("no_sync", false);
        Request.Body body = r.bodyView();
        checkUtf8(body);
        if (!hasContent(body)) {
            return Reply.text(400, EMPTY);
        }
        NameRules.validateDatabaseName(db);
        ValidatedWrite result = write(db, body, precision, acceptPartial, noSync);
        return lineErrorResponse(result, acceptPartial);
    }

    HttpResponse v1(Request r) {
        if (!r.hasQueryString()) {
            throw InfluxException.invalid("no db destination provided");
        }
        String db = r.param("db");
        if (db == null || db.isEmpty()) {
            throw InfluxException.invalid("failed to deserialize db/rp/precision in request: missing field `db`");
        }
        String rp = r.param("rp");
        String target = db;
        if (rp != null && !rp.isEmpty()) {
            String lower = rp.toLowerCase(Locale.ROOT);
            if (!(lower.equals("''") || lower.equals("autogen") || lower.equals("default"))) {
                target = db + "/" + lower;
            }
        }
        NameRules.validateV1Namespace(target);
        Precision precision = Precision.parseV1(r.param("precision"));
        Request.Body body = r.bodyView();
        checkUtf8(body);
        if (!hasContent(body)) {
            return Reply.jsonText(400, Reply.errorJson(EMPTY));
        }
        NameRules.validateDatabaseName(target);
        ValidatedWrite result = write(target, body, precision, false, false);
        return lineErrorResponse(result, false);
    }

    HttpResponse v2(Request r) {
        String bucket = r.param("bucket");
        if (bucket == null || bucket.isEmpty()) {
            throw InfluxException.invalid("missing bucket value");
        }
        NameRules.validateV1Namespace(bucket);
        Precision precision = Precision.parseV1(r.param("precision"));
        Request.Body body = r.bodyView();
        checkUtf8(body);
        if (!hasContent(body)) {
            throw InfluxException.invalid("write buffer error: " + EMPTY);
        }
        NameRules.validateDatabaseName(bucket);
        ValidatedWrite result = write(bucket, body, precision, false, false);
        if (!result.hasErrors()) {
            return Reply.empty(204);
        }
        LineError e = result.errors().get(0);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("code", "invalid");
        out.put("message", "line protocol parsing error: line " + e.lineNumber() + ": " + e.message());
        return Reply.json(400, out);
    }

    private ValidatedWrite write(String db, Request.Body body, Precision precision, boolean acceptPartial, boolean noSync) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            ValidatedWrite result = storage.write(db, body.array(), body.offset(), body.length(), precision, acceptPartial, noSync);
            ok = !result.hasErrors();
            metrics.recordWrite(result.acceptedLines(), result.errors().size(), body.length(), System.nanoTime() - start, ok);
            return result;
        } catch (RuntimeException e) {
            metrics.recordWrite(0, 0, body.length(), System.nanoTime() - start, false);
            throw e;
        }
    }

    private static HttpResponse lineErrorResponse(ValidatedWrite result, boolean acceptPartial) {
        if (!result.hasErrors()) {
            return Reply.empty(204);
        }
        int status = 400;
        for (LineError e : result.errors()) {
            if (e.message().startsWith("Update to schema would exceed number of")
                    || e.message().startsWith("Adding a new database would exceed limit of")) {
                status = 422;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (acceptPartial) {
            body.put("error", "partial write of line protocol occurred");
            List<Map<String, Object>> data = new ArrayList<>();
            for (LineError e : result.errors()) {
                data.add(lineError(e));
            }
            body.put("data", data);
        } else {
            body.put("error", "line protocol parsing error");
            body.put("data", lineError(result.errors().get(0)));
        }
        return Reply.json(status, body);
    }

    private static Map<String, Object> lineError(LineError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error_message", e.message());
        m.put("line_number", e.lineNumber());
        m.put("original_line", truncate(e.originalLine(), 20));
        return m;
    }

    /** At most {@code maxBytes} bytes of UTF-8, cut on a character boundary. */
    static String truncate(String s, int maxBytes) {
        if (s == null) {
            return "";
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= maxBytes) {
            return s;
        }
        int end = maxBytes;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    /** True when the body has a line that is neither blank nor a comment. */
    static boolean hasContent(Request.Body body) {
        boolean lineStart = true;
        byte[] a = body.array();
        for (int i = body.offset(), end = body.offset() + body.length(); i < end; i++) {
            byte b = a[i];
            if (b == '\n') {
                lineStart = true;
            } else if (lineStart) {
                if (b == ' ' || b == '\t' || b == '\r') {
                    continue;
                }
                if (b != '#') {
                    return true;
                }
                lineStart = false;
            }
        }
        return false;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /** True when no byte of {@code b[off, off + len)} has its high bit set; eight bytes at a time. */
    static boolean isAscii(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        long any = 0;
        for (; i + 32 <= end; i += 32) {
            any |= (long) LONGS.get(b, i) | (long) LONGS.get(b, i + 8) | (long) LONGS.get(b, i + 16) | (long) LONGS.get(b, i + 24);
            if ((any & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < end; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkUtf8(Request.Body body) {
        // ASCII fast path: most line protocol is ASCII.
        if (isAscii(body.array(), body.offset(), body.length())) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body.array(), body.offset(), body.length()));
        } catch (CharacterCodingException e) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "body content is not valid utf8: " + e.getMessage());
        }
    }
}
