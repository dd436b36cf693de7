package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.catalog.TokenInfo;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeFormat;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.query.format.ResultFormat;
import io.influxdb3j.query.format.ResultWriter;
import io.influxdb3j.storage.DuckDbRuntime;
import io.influxdb3j.storage.Storage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /api/v3/configure/*}: databases, tables and tokens. */
final class ConfigureHandlers {
    private final Catalog catalog;
    private final Storage storage;
    private final TimeProvider time;
    private final Duration hardDeleteDefault;
    private final boolean withoutAuth;

    ConfigureHandlers(Catalog catalog, Storage storage, TimeProvider time, Duration hardDeleteDefault, boolean withoutAuth) {
        this.catalog = catalog;
        this.storage = storage;
        this.time = time;
        this.hardDeleteDefault = hardDeleteDefault;
        this.withoutAuth = withoutAuth;
    }

    // ------------------------------------------------------------ databases

    HttpResponse listDatabases(Request r) {
        String format = r.param("format");
        if (format == null) {
            throw InfluxException.invalid("serde error: missing field `format`");
        }
        ResultFormat fmt = ResultFormat.parse(format);
        boolean showDeleted = r.boolParam("show_deleted", false);
        List<DatabaseSchema> dbs = new ArrayList<>(catalog.snapshot().databases().values());
        if (!showDeleted) {
            dbs.removeIf(DatabaseSchema::deleted);
        }
        dbs.sort(Comparator.comparing(DatabaseSchema::deleted).thenComparing(DatabaseSchema::name));
        StringBuilder sql = new StringBuilder();
        if (dbs.isEmpty()) {
            sql.append("SELECT NULL::VARCHAR AS \"iox::database\"").append(showDeleted ? ", NULL::BOOLEAN AS deleted" : "").append(" WHERE false");
        } else {
            sql.append("SELECT * FROM (VALUES ");
            for (int i = 0; i < dbs.size(); i++) {
                DatabaseSchema d = dbs.get(i);
                sql.append(i == 0 ? "" : ", ").append('(').append(DuckDbRuntime.quoteString(d.name()));
                if (showDeleted) {
                    sql.append(", ").append(d.deleted());
                }
                sql.append(')');
            }
            sql.append(") AS t(\"iox::database\"").append(showDeleted ? ", deleted" : "").append(") ORDER BY ")
                    .append(showDeleted ? "deleted, " : "").append("\"iox::database\"");
        }
        return formatted(sql.toString(), fmt);
    }

    private HttpResponse formatted(String sql, ResultFormat fmt) {
        try (Connection c = storage.duck().connect()) {
            if (fmt == ResultFormat.PARQUET) {
                Path tmp = storage.duck().scratchFile(".parquet");
                try {
                    long rows = io.influxdb3j.query.format.ParquetExport.write(c, sql, tmp);
                    return Reply.bytes(200, fmt.contentType(), rows == 0 || !Files.exists(tmp) ? new byte[0] : Files.readAllBytes(tmp));
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ResultWriter.write(rs, fmt, out);
                return Reply.bytes(200, fmt.contentType(), out.toByteArray());
            }
        } catch (SQLException | IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot list databases: " + e.getMessage(), e);
        }
    }

    HttpResponse createDatabase(Request r) {
        JsonNode body = jsonBody(r);
        String db = requiredText(body, "db");
        Long retention = retention(body);
        catalog.createDatabase(db, retention);
        return Reply.empty(200);
    }

    HttpResponse updateDatabase(Request r) {
        JsonNode body = jsonBody(r);
        String db = requiredText(body, "db");
        catalog.setRetention(db, retention(body));
        return Reply.empty(200);
    }

    HttpResponse deleteDatabase(Request r) {
        String db = r.param("db");
        if (db == null) {
            throw InfluxException.invalid("serde error: missing field `db`");
        }
        Long hardDeleteAt = hardDeleteTime(r.param("hard_delete_at"));
        DatabaseSchema deleted = catalog.deleteDatabase(db, hardDeleteAt);
        if (hardDeleteAt != null && hardDeleteAt <= time.nowMillis()) {
            storage.hardDelete(deleted.id(), null);
        }
        return Reply.empty(200);
    }

    HttpResponse setRetention(Request r) {
        String db = requiredParam(r, "db");
        String duration = requiredParam(r, "duration");
        long nanos;
        try {
            nanos = HumanDuration.parse(duration).toNanos();
        } catch (InfluxException e) {
            throw InfluxException.invalid("Cannot parse the given human time: " + e.getMessage());
        }
        catalog.setRetention(db, nanos);
        return Reply.empty(204);
    }

    HttpResponse clearRetention(Request r) {
        catalog.setRetention(requiredParam(r, "db"), null);
        return Reply.empty(204);
    }

    // ------------------------------------------------------------ tables

    HttpResponse createTable(Request r) {
        JsonNode body = jsonBody(r);
        String db = requiredText(body, "db");
        String table = requiredText(body, "table");
        JsonNode tags = body.get("tags");
        JsonNode fields = body.get("fields");
        if (tags == null || !tags.isArray()) {
            throw InfluxException.invalid("serde json error: missing field `tags`");
        }
        if (fields == null || !fields.isArray()) {
            throw InfluxException.invalid("serde json error: missing field `fields`");
        }
        List<String> tagNames = new ArrayList<>();
        tags.forEach(t -> tagNames.add(t.asText()));
        List<ColumnDef> fieldDefs = new ArrayList<>();
        for (JsonNode f : fields) {
            String name = requiredText(f, "name");
            ColumnType type = ColumnType.fromFieldTypeName(requiredText(f, "type"));
            fieldDefs.add(new ColumnDef(0, name, type));
        }
        catalog.createTable(db, table, tagNames, fieldDefs);
        return Reply.empty(200);
    }

    HttpResponse deleteTable(Request r) {
        String db = requiredParam(r, "db");
        String table = requiredParam(r, "table");
        Long hardDeleteAt = hardDeleteTime(r.param("hard_delete_at"));
        DatabaseSchema schema = catalog.snapshot().database(db);
        if (schema == null) {
            throw InfluxException.notFound("database not found: " + db);
        }
        TableSchema t = catalog.deleteTable(db, table, hardDeleteAt);
        if (hardDeleteAt != null && hardDeleteAt <= time.nowMillis()) {
            storage.hardDelete(schema.id(), t.id());
        }
        return Reply.empty(200);
    }

    // ------------------------------------------------------------ tokens

    HttpResponse createAdminToken(Request r) {
        requireAuthEnabled();
        Catalog.NewToken t = catalog.createOperatorToken();
        return tokenResponse(t);
    }

    HttpResponse regenerateAdminToken(Request r) {
        requireAuthEnabled();
        return tokenResponse(catalog.regenerateOperatorToken());
    }

    HttpResponse createNamedAdminToken(Request r) {
        requireAuthEnabled();
        JsonNode body = jsonBody(r);
        String name = requiredText(body, "token_name");
        JsonNode exp = body.get("expiry_secs");
        Long expiry = exp == null || exp.isNull() ? null : time.nowMillis() + exp.asLong() * 1000L;
        return tokenResponse(catalog.createNamedAdminToken(name, expiry));
    }

    HttpResponse deleteToken(Request r) {
        requireAuthEnabled();
        String name = r.param("token_name");
        if (name == null && r.raw.content().length() > 0) {
            name = requiredText(jsonBody(r), "token_name");
        }
        if (name == null) {
            throw InfluxException.invalid("serde error: missing field `token_name`");
        }
        catalog.deleteToken(name);
        return Reply.empty(200);
    }

    private void requireAuthEnabled() {
        if (withoutAuth) {
            throw new InfluxException(ErrorCode.NOT_IMPLEMENTED, "endpoint disabled, started without auth");
        }
    }

    private static HttpResponse tokenResponse(Catalog.NewToken t) {
        TokenInfo info = t.info();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", info.id());
        body.put("name", info.name());
        body.put("token", t.secret());
        body.put("hash", info.sha512Hex());
        body.put("created_at", TimeFormat.rfc3339Seconds(info.createdAtMillis()));
        body.put("expiry", info.expiryMillis() == null ? null : TimeFormat.rfc3339Seconds(info.expiryMillis()));
        try {
            // InfluxDB 3 answers with the literal content type "json".
            ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.CREATED).set("content-type", "json").build();
            return HttpResponse.of(headers, com.linecorp.armeria.common.HttpData.ofUtf8(Reply.JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------ helpers

    private Long hardDeleteTime(String when) {
        if (when == null || when.isEmpty() || when.equals("default")) {
            return time.nowMillis() + hardDeleteDefault.toMillis();
        }
        if (when.equals("now")) {
            return time.nowMillis();
        }
        if (when.equals("never")) {
            return null;
        }
        try {
            long at = Instant.parse(when).toEpochMilli();
            return Math.min(at, Long.MAX_VALUE);
        } catch (DateTimeParseException e) {
            throw InfluxException.invalid("Cannot parse the timestamp: " + e.getMessage());
        }
    }

    private static Long retention(JsonNode body) {
        JsonNode n = body.get("retention_period");
        if (n == null || n.isNull()) {
            return null;
        }
        try {
            return HumanDuration.parse(n.asText()).toNanos();
        } catch (InfluxException e) {
            throw InfluxException.invalid("Cannot parse the given human time: " + e.getMessage());
        }
    }

    static JsonNode jsonBody(Request r) {
        String ct = r.header("content-type");
        MediaType mt = ct == null ? null : MediaType.parse(ct);
        if (mt == null || !(mt.is(MediaType.JSON) || (mt.type().equals("application") && mt.subtype().endsWith("+json")))) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "unacceptable content-type, expected: application/json") {
                private static final long serialVersionUID = 1L;

                @Override
                public int httpStatus() {
                    return 415;
                }
            };
        }
        try {
            JsonNode n = Reply.JSON.readTree(r.body());
            if (n == null || !n.isObject()) {
                throw InfluxException.invalid("serde json error: expected a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw InfluxException.invalid("serde json error: " + e.getMessage());
        }
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw InfluxException.invalid("serde json error: missing field `" + field + "`");
        }
        return n.asText();
    }

    private static String requiredParam(Request r, String name) {
        String v = r.param(name);
        if (v == null) {
            throw InfluxException.invalid("serde error: missing field `" + name + "`");
        }
        return v;
    }
}
