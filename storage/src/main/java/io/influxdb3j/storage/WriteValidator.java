package io.influxdb3j.storage;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.ColumnRequest;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.SchemaUpdate;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.Precision;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.lp.FieldKind;
import io.influxdb3j.lp.LineError;
import io.influxdb3j.lp.LineProtocolParser;
import io.influxdb3j.lp.LineSink;
import io.influxdb3j.lp.ParsedLine;
import io.influxdb3j.wal.TableBatch;
import io.influxdb3j.wal.WalOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a line-protocol body into rows checked against the catalog. A first pass parses and
 * type-checks every line against the current schema and builds the columnar batch; if some lines
 * need new tables or columns, the catalog is extended once (atomically, durably) and the pass runs
 * again against the new schema. Thread-safe: each call uses its own parser.
 */
public final class WriteValidator {
    private final Catalog catalog;
    private final TimeProvider time;
    private final ThreadLocal<LineProtocolParser> parsers = ThreadLocal.withInitial(LineProtocolParser::new);

    public WriteValidator(Catalog catalog, TimeProvider time) {
        this.catalog = catalog;
        this.time = time;
    }

    public ValidatedWrite validate(String dbName, byte[] body, int offset, int length, Precision precision,
                                   boolean acceptPartial) {
        DatabaseSchema db = catalog.databaseForWrite(dbName);
        long now = time.nowNanos();
        long defaultTime = precision == Precision.AUTO ? now : now - Math.floorMod(now, precision.nanosPerUnit());
        int lineCount = estimateLines(body, offset, length);
        Pass first = new Pass(db, precision, defaultTime, Map.of(), false, lineCount);
        parsers.get().parse(body, offset, length, first);
        if (!acceptPartial && !first.errors.isEmpty()) {
            return new ValidatedWrite(null, List.of(first.errors.get(0)), 0, first.lines);
        }
        Pass done = first;
        if (!first.requests.isEmpty()) {
            // All-or-nothing writes commit no schema change unless every line's changes can be made.
            SchemaUpdate update = catalog.ensureSchema(db.name(), new ArrayList<>(first.requests), !acceptPartial);
            if (!acceptPartial && !update.rejected().isEmpty()) {
                // Re-run to find the first line hit by a rejection, and report only that one.
                Pass check = new Pass(update.snapshot().database(db.name()), precision, defaultTime, update.rejected(), true, lineCount);
                parsers.get().parse(body, offset, length, check);
                return new ValidatedWrite(null, check.errors.isEmpty() ? List.of() : List.of(check.errors.get(0)), 0, check.lines);
            }
            done = new Pass(update.snapshot().database(db.name()), precision, defaultTime, update.rejected(), true, lineCount);
            parsers.get().parse(body, offset, length, done);
            if (!acceptPartial && !done.errors.isEmpty()) {
                return new ValidatedWrite(null, List.of(done.errors.get(0)), 0, done.lines);
            }
        }
        WalOp.Write op = done.buildOp();
        return new ValidatedWrite(op, done.errors, done.accepted, done.lines);
    }

    /** One parse of the body against one schema version. */
    private static final class Pass implements LineSink {
        private final DatabaseSchema db;
        private final Precision precision;
        private final long defaultTime;
        private final Map<String, String> rejected;
        private final boolean finalPass;
        final List<LineError> errors = new ArrayList<>();
        final Set<ColumnRequest> requests = new LinkedHashSet<>();
        final Map<String, TableBuilder> tables = new LinkedHashMap<>();
        int lines;
        int accepted;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;

        /** Lines in the body: the first table's columns are sized for all of them (usually one table per body). */
        private final int expectedRows;

        Pass(DatabaseSchema db, Precision precision, long defaultTime, Map<String, String> rejected, boolean finalPass,
             int expectedRows) {
            this.expectedRows = expectedRows;
            this.db = db;
            this.precision = precision;
            this.defaultTime = defaultTime;
            this.rejected = rejected;
            this.finalPass = finalPass;
        }

        @Override
        public boolean onError(LineError error) {
            lines++;
            errors.add(error);
            return true;
        }

        @Override
        public boolean onLine(ParsedLine line) {
            lines++;
            String tableName = line.measurement();
            long t;
            if (line.hasTimestamp()) {
                t = precision.toNanos(line.timestamp());
                if (t == Long.MIN_VALUE && precision.overflowed(line.timestamp(), t)) {
                    return error(line, "timestamp, " + line.timestamp() + ", out of range for precision: " + precisionName(precision));
                }
            } else {
                t = defaultTime;
            }
            if (tableName == shape.tableName && shape.matches(line)) {
                return sameShape(line, t);
            }
            shape.tableName = null;
            TableSchema table = db.table(tableName);
            if (table == null) {
                String rejection = rejected.get(SchemaUpdate.key(tableName, null));
                if (rejection != null) {
                    return error(line, rejection);
                }
                if (finalPass) {
                    return error(line, "table '" + tableName + "' could not be created: concurrent schema change, retry the write");
                }
                String conflict = requestConflict(line, null);
                if (conflict != null) {
                    return error(line, conflict);
                }
                requests.add(new ColumnRequest(tableName, null, null));
                for (int i = 0; i < line.tagCount(); i++) {
                    request(tableName, line.tagKey(i), ColumnType.TAG);
                }
                for (int i = 0; i < line.fieldCount(); i++) {
                    request(tableName, line.fieldKey(i), fieldType(line.fieldKind(i)));
                }
                return true;
            }
            // Check every column first so that an invalid line leaves no trace in the batch.
            boolean missing = false;
            for (int i = 0; i < line.tagCount(); i++) {
                String problem = check(table, i, line.tagKey(i), ColumnType.TAG);
                if (problem == MISSING) {
                    missing = true;
                } else if (problem != null) {
                    return error(line, problem);
                }
            }
            for (int i = 0; i < line.fieldCount(); i++) {
                String problem = check(table, line.tagCount() + i, line.fieldKey(i), fieldType(line.fieldKind(i)));
                if (problem == MISSING) {
                    missing = true;
                } else if (problem != null) {
                    return error(line, problem);
                }
            }
            if (missing) {
                if (finalPass) {
                    return error(line, "schema changed concurrently, retry the write");
                }
                String conflict = requestConflict(line, table);
                if (conflict != null) {
                    return error(line, conflict);
                }
                for (int i = 0; i < line.tagCount(); i++) {
                    if (column(table, i, line.tagKey(i)) == null) {
                        request(tableName, line.tagKey(i), ColumnType.TAG);
                    }
                }
                for (int i = 0; i < line.fieldCount(); i++) {
                    if (column(table, line.tagCount() + i, line.fieldKey(i)) == null) {
                        request(tableName, line.fieldKey(i), fieldType(line.fieldKind(i)));
                    }
                }
                return true;
            }
            if (!requests.isEmpty() && !finalPass) {
                // The body needs a schema change, so this pass will be redone; skip building rows.
                accepted++;
                return true;
            }
            TableBuilder tb = tables.computeIfAbsent(tableName, n -> new TableBuilder(table, tables.isEmpty() ? expectedRows : 16));
            ColumnBuilder[] slots = shape.reset(line, tb);
            // The checks above found every column of this line, and column() kept each in its slot.
            ColumnDef[] defs = slotDefs;
            for (int i = 0; i < line.tagCount() + line.fieldCount(); i++) {
                slots[i] = tb.column(defs[i]);
            }
            shape.tableName = tableName; // this line and the next ones with these keys take sameShape()
            return sameShape(line, t);
        }

        /** The keys, kinds and column builders of the last line stored into a table builder. */
        private final Shape shape = new Shape();

        /**
         * Stores a line whose column builders {@link #shape} holds: the line that recorded them, or
         * one with the same measurement, tag keys and field keys (the same String instances, which
         * the parser's name memos and caches give repeated names) in the same order, and the same field
         * kinds, which passes the same checks, so its values go straight to the same column builders.
         */
        private boolean sameShape(ParsedLine line, long t) {
            if (!requests.isEmpty() && !finalPass) {
                accepted++; // as in onLine: this pass is redone after the schema change
                return true;
            }
            TableBuilder tb = shape.builder;
            ColumnBuilder[] slots = shape.slots;
            int row = tb.rowCount++;
            tb.time = ensure(tb.time, row);
            tb.time[row] = t;
            int tags = line.tagCount();
            for (int i = 0; i < tags; i++) {
                ((ColumnBuilder.Strings) slots[i]).set(row, line.tagValue(i));
            }
            for (int i = 0, n = line.fieldCount(); i < n; i++) {
                ColumnBuilder b = slots[tags + i];
                switch (line.fieldKind(i)) {
                    case FLOAT -> ((ColumnBuilder.Doubles) b).set(row, line.floatValue(i));
                    case INTEGER, UINTEGER -> ((ColumnBuilder.Longs) b).set(row, line.longValue(i));
                    case BOOLEAN -> ((ColumnBuilder.Booleans) b).set(row, line.booleanValue(i));
                    case STRING -> ((ColumnBuilder.Strings) b).set(row, line.stringValue(i));
                }
            }
            minTime = Math.min(minTime, t);
            maxTime = Math.max(maxTime, t);
            accepted++;
            return true;
        }

        private static final String MISSING = new String("missing");
        /** Types of columns this body asks to create, by table then column, so two lines disagreeing on a new column conflict here. */
        private final Map<String, Map<String, ColumnType>> requestedTypes = new HashMap<>();
        /** Column lookup by name per table, built once per request (TableSchema keeps a list). */
        private final Map<TableSchema, Map<String, ColumnDef>> columnIndex = new java.util.IdentityHashMap<>();

        /**
         * The column for the key at {@code slot} of the current line (tags first, then fields).
         * Lines of one body usually repeat the same keys in the same order and the parser interns
         * keys, so an identity check per slot avoids hashing on the hot path.
         */
        private ColumnDef column(TableSchema table, int slot, String name) {
            if (table != slotTable) {
                java.util.Arrays.fill(slotNames, null);
                slotTable = table;
            }
            if (slot < slotNames.length && slotNames[slot] == name) {
                return slotDefs[slot];
            }
            ColumnDef def = columnIndex.computeIfAbsent(table, TableSchema::columnsByName).get(name);
            if (slot >= slotNames.length) {
                slotNames = java.util.Arrays.copyOf(slotNames, slot + 16);
                slotDefs = java.util.Arrays.copyOf(slotDefs, slot + 16);
            }
            if (def != null) {
                slotNames[slot] = name;
                slotDefs[slot] = def;
            }
            return def;
        }

        private TableSchema slotTable;
        private String[] slotNames = new String[32];
        private ColumnDef[] slotDefs = new ColumnDef[32];

        private void request(String table, String column, ColumnType type) {
            Map<String, ColumnType> cols = requestedTypes.computeIfAbsent(table, t -> new HashMap<>());
            if (cols.putIfAbsent(column, type) == null) {
                requests.add(new ColumnRequest(table, column, type));
            }
        }

        /** The type-conflict message if this line's new columns disagree with earlier lines of the body. */
        private String requestConflict(ParsedLine line, TableSchema table) {
            String tableName = line.measurement();
            for (int i = 0; i < line.tagCount() + line.fieldCount(); i++) {
                boolean tag = i < line.tagCount();
                String col = tag ? line.tagKey(i) : line.fieldKey(i - line.tagCount());
                if (table != null && column(table, i, col) != null) {
                    continue;
                }
                ColumnType type = tag ? ColumnType.TAG : fieldType(line.fieldKind(i - line.tagCount()));
                Map<String, ColumnType> cols = requestedTypes.get(tableName);
                ColumnType earlier = cols == null ? null : cols.get(col);
                if (earlier != null && earlier != type) {
                    return "invalid column type for column '" + col + "', expected " + earlier.ioxName()
                            + ", got " + type.ioxName();
                }
            }
            return null;
        }

        private String check(TableSchema table, int slot, String column, ColumnType type) {
            ColumnDef c = column(table, slot, column);
            if (c == null) {
                String rejection = rejected.get(SchemaUpdate.key(table.name(), column));
                return rejection != null ? rejection : MISSING;
            }
            if (c.type() != type) {
                return "invalid column type for column '" + column + "', expected " + c.type().ioxName()
                        + ", got " + type.ioxName();
            }
            return null;
        }

        private boolean error(ParsedLine line, String message) {
            errors.add(new LineError(line.lineNumber(), message, 1, line.originalLine()));
            return true;
        }

        WalOp.Write buildOp() {
            if (tables.isEmpty()) {
                return null;
            }
            List<TableBatch> batches = new ArrayList<>(tables.size());
            for (TableBuilder tb : tables.values()) {
                batches.add(tb.build());
            }
            return new WalOp.Write(db.id(), db.name(), batches, minTime, maxTime);
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final int SAMPLE_BYTES = 64 * 1024;

    /**
     * About how many lines {@code body[offset, offset + length)} holds, to size the column arrays:
     * exact up to 64 KiB, beyond that extrapolated from the first 64 KiB (a short guess only costs
     * the arrays a doubling).
     */
    static int estimateLines(byte[] body, int offset, int length) {
        if (length <= SAMPLE_BYTES) {
            return lineCount(body, offset, length);
        }
        long sampled = lineCount(body, offset, SAMPLE_BYTES);
        return (int) Math.min(Integer.MAX_VALUE - 16, sampled * length / SAMPLE_BYTES * 21 / 20 + 16);
    }

    /** Newlines in {@code body[offset, offset + length)} plus one: the most lines it can hold. */
    static int lineCount(byte[] body, int offset, int length) {
        int n = 1;
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            // Exact count of 0x0A bytes in the word: high bit set in each byte that was zero after the XOR.
            long x = (long) LONGS.get(body, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
            n += Long.bitCount(~(t | x | 0x7F7F7F7F7F7F7F7FL));
        }
        for (; i < end; i++) {
            if (body[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private static long[] ensure(long[] a, int index) {
        if (index < a.length) {
            return a;
        }
        return java.util.Arrays.copyOf(a, Math.max(index + 1, a.length * 2));
    }

    /** The precision as InfluxDB 3 names it in the out-of-range message. */
    private static String precisionName(Precision p) {
        return switch (p) {
            case AUTO -> "Auto";
            case SECOND -> "Second";
            case MILLISECOND -> "Millisecond";
            case MICROSECOND -> "Microsecond";
            case NANOSECOND -> "Nanosecond";
        };
    }

    static ColumnType fieldType(FieldKind kind) {
        return switch (kind) {
            case FLOAT -> ColumnType.FLOAT;
            case INTEGER -> ColumnType.INTEGER;
            case UINTEGER -> ColumnType.UINTEGER;
            case STRING -> ColumnType.STRING;
            case BOOLEAN -> ColumnType.BOOLEAN;
        };
    }

    /** See {@link Pass#sameShape}: {@code tableName} is null while no line's shape is recorded. */
    private static final class Shape {
        String tableName;
        TableBuilder builder;
        int tagCount;
        int fieldCount;
        String[] keys = new String[32];
        FieldKind[] kinds = new FieldKind[32];
        ColumnBuilder[] slots = new ColumnBuilder[32];

        boolean matches(ParsedLine line) {
            int tags = line.tagCount();
            int fields = line.fieldCount();
            if (tags != tagCount || fields != fieldCount) {
                return false;
            }
            for (int i = 0; i < tags; i++) {
                if (line.tagKey(i) != keys[i]) {
                    return false;
                }
            }
            for (int i = 0; i < fields; i++) {
                if (line.fieldKey(i) != keys[tags + i] || line.fieldKind(i) != kinds[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Records {@code line}'s keys and kinds for {@code tb}; returns the slots array for its builders. */
        ColumnBuilder[] reset(ParsedLine line, TableBuilder tb) {
            int tags = line.tagCount();
            int fields = line.fieldCount();
            if (tags + fields > keys.length) {
                keys = new String[tags + fields + 16];
                slots = new ColumnBuilder[tags + fields + 16];
            }
            if (fields > kinds.length) {
                kinds = new FieldKind[fields + 16];
            }
            for (int i = 0; i < tags; i++) {
                keys[i] = line.tagKey(i);
            }
            for (int i = 0; i < fields; i++) {
                keys[tags + i] = line.fieldKey(i);
                kinds[i] = line.fieldKind(i);
            }
            tagCount = tags;
            fieldCount = fields;
            builder = tb;
            return slots;
        }
    }

    private static final class TableBuilder {
        final TableSchema schema;
        /** Indexed by column id; null until the column gets a value. */
        final ColumnBuilder[] columns;
        long[] time;
        int rowCount;
        private final int capacity;

        TableBuilder(TableSchema schema, int capacity) {
            this.schema = schema;
            this.columns = new ColumnBuilder[schema.columns().size()];
            this.capacity = Math.max(16, capacity);
            this.time = new long[this.capacity];
        }

        ColumnBuilder column(ColumnDef c) {
            ColumnBuilder b = columns[c.id()];
            if (b == null) {
                b = ColumnBuilder.of(c.id(), c.type(), Math.max(capacity, rowCount));
                columns[c.id()] = b;
            }
            return b;
        }

        TableBatch build() {
            List<io.influxdb3j.wal.ColumnData> data = new ArrayList<>(columns.length);
            for (ColumnBuilder b : columns) {
                if (b != null) {
                    data.add(b.build(rowCount));
                }
            }
            return new TableBatch(schema.id(), schema.name(), rowCount, ColumnBuilder.trim(time, rowCount), data);
        }
    }
}
