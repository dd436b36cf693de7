package io.influxdb3j.storage;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowDictionaryBatch;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * The buffer's rows made readable by one statement on one DuckDB connection. Each
 * {@link #register} exports a table's {@link BufferBatch}es as an Arrow C stream and registers it
 * under a new name: DuckDB reads the vectors in place, without copying rows into a table.
 *
 * <p>A registered stream can be read once. A statement that may read a table's buffer more than
 * once (a self-join, a common table expression used twice) asks for {@code materialize}: the stream
 * is then copied once into a temporary table of the connection, which can be read any number of
 * times. Close this after the connection, which drops what was registered.
 */
public final class BufferScans implements AutoCloseable {
    private static final AtomicLong NAMES = new AtomicLong();
    private final DuckDBConnection conn;
    private final BufferAllocator allocator;
    private Boolean materialize;
    private final List<ArrowArrayStream> streams = new ArrayList<>();
    private final List<TableBuffer.View> views = new ArrayList<>();

    BufferScans(DuckDBConnection conn, BufferAllocator allocator, Boolean materialize) {
        this.conn = conn;
        this.allocator = allocator;
        this.materialize = materialize;
    }

    /** Decides whether to copy the buffer for the statement, unless {@link WriteBuffer#scans} was told. */
    public void materializeUnlessSet(boolean copy) {
        if (materialize == null) {
            materialize = copy;
        }
    }

    /** A relation registered for one statement and the buffer columns it was made with. */
    record Relation(String name, List<ColumnDef> columns) {
    }

    /**
     * A relation of {@code time, __seq, __sid} and the buffer's columns ({@code c_{id}}) over
     * the table's batches of WAL files up to {@code walSequence} that may hold rows in
     * [{@code min}, {@code max}] (a filter on time is still needed: batches are chosen by range).
     */
    Relation register(TableBuffer tb, long walSequence, long min, long max) {
        TableBuffer.View view = tb.view(walSequence, min, max);
        views.add(view);
        String name = "__influxdb3j_buffer_" + NAMES.incrementAndGet();
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
        streams.add(stream);
        Data.exportArrayStream(allocator, new BatchReader(allocator, view), stream);
        conn.registerArrowStream(name, stream);
        if (Boolean.TRUE.equals(materialize)) {
            String table = name + "_t";
            DuckDbRuntime.execute(conn, "CREATE TEMP TABLE " + table + " AS SELECT * FROM " + name);
            name = table;
        }
        return new Relation(name, view.columns());
    }

    @Override
    public void close() {
        for (ArrowArrayStream s : streams) {
            s.close();
        }
        streams.clear();
        for (TableBuffer.View v : views) {
            v.close();
        }
        views.clear();
    }

    /**
     * The Arrow schema of a view: {@code time}, {@code __seq}, {@code __sid}, then each column as
     * {@code c_{id}}; tags dictionary-encoded (32-bit indices, UTF-8 values; dictionary id = column id).
     */
    static Schema schema(List<ColumnDef> columns) {
        List<Field> fields = new ArrayList<>();
        fields.add(Field.notNullable("time", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)));
        fields.add(Field.notNullable("__seq", new ArrowType.Int(64, true)));
        fields.add(Field.notNullable("__sid", new ArrowType.Int(32, true)));
        for (ColumnDef c : columns) {
            String name = TableBuffer.columnName(c.id());
            if (c.type() == ColumnType.TAG) {
                fields.add(new Field(name, new FieldType(true, ArrowType.Utf8.INSTANCE,
                        new DictionaryEncoding(c.id(), false, new ArrowType.Int(32, true))), null));
            } else {
                fields.add(Field.nullable(name, arrowType(c.type())));
            }
        }
        return new Schema(fields);
    }

    private static ArrowType arrowType(ColumnType type) {
        return switch (type) {
            case FLOAT -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case INTEGER -> new ArrowType.Int(64, true);
            case UINTEGER -> new ArrowType.Int(64, false);
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case STRING, TAG -> ArrowType.Utf8.INSTANCE;
            default -> throw new InfluxException(ErrorCode.INTERNAL, "not a buffer column type: " + type);
        };
    }

    /**
     * Hands DuckDB one batch at a time in the view's schema, with the batch's tag dictionaries. A
     * batch written before a column existed (or whose rows all lack a tag) gets an all-null array
     * for it (zeroed buffers: validity bits clear).
     */
    private static final class BatchReader extends ArrowReader {
        private final TableBuffer.View view;
        private final Schema schema;
        private int next;

        BatchReader(BufferAllocator allocator, TableBuffer.View view) {
            super(allocator);
            this.view = view;
            this.schema = schema(view.columns());
        }

        @Override
        public boolean loadNextBatch() throws java.io.IOException {
            if (next >= view.batches().size()) {
                return false;
            }
            BufferBatch b = view.batches().get(next++);
            int n = b.rows;
            List<ArrowFieldNode> nodes = new ArrayList<>();
            List<ArrowBuf> buffers = new ArrayList<>();
            List<ArrowBuf> padding = new ArrayList<>();
            try {
                add(b.time, nodes, buffers);
                add(b.seq, nodes, buffers);
                add(b.sid, nodes, buffers);
                for (ColumnDef c : view.columns()) {
                    if (c.type() == ColumnType.TAG) {
                        BufferBatch.Tag t = b.tags.get(c.id());
                        BufferBatch.Column dictionary;
                        if (t != null) {
                            add(t.indices(), nodes, buffers);
                            dictionary = t.dictionary();
                        } else {
                            nodes.add(new ArrowFieldNode(n, n));
                            buffers.add(zeroed((n + 7) / 8, padding));
                            buffers.add(zeroed(4L * n, padding));
                            // one null value, so every (null) index 0 points into the dictionary
                            dictionary = new BufferBatch.Column(1, 1, new ArrowBuf[] {
                                zeroed(1, padding), zeroed(8, padding), zeroed(1, padding)});
                        }
                        List<ArrowFieldNode> dictNodes = new ArrayList<>();
                        List<ArrowBuf> dictBuffers = new ArrayList<>();
                        add(dictionary, dictNodes, dictBuffers);
                        loadDictionary(new ArrowDictionaryBatch(c.id(),
                                new ArrowRecordBatch(dictionary.length(), dictNodes, dictBuffers), false));
                        continue;
                    }
                    BufferBatch.Column col = b.fields.get(c.id());
                    if (col != null) {
                        add(col, nodes, buffers);
                        continue;
                    }
                    nodes.add(new ArrowFieldNode(n, n));
                    buffers.add(zeroed((n + 7) / 8, padding));
                    switch (c.type()) {
                        case STRING -> {
                            buffers.add(zeroed(4L * (n + 1), padding));
                            buffers.add(zeroed(1, padding));
                        }
                        case BOOLEAN -> buffers.add(zeroed((n + 7) / 8, padding));
                        default -> buffers.add(zeroed(8L * n, padding));
                    }
                }
                loadRecordBatch(new ArrowRecordBatch(n, nodes, buffers));
            } finally {
                padding.forEach(ArrowBuf::close);
            }
            return true;
        }

        private ArrowBuf zeroed(long size, List<ArrowBuf> padding) {
            ArrowBuf buf = allocator.buffer(Math.max(size, 8));
            buf.setZero(0, buf.capacity());
            padding.add(buf);
            return buf;
        }

        private static void add(BufferBatch.Column c, List<ArrowFieldNode> nodes, List<ArrowBuf> buffers) {
            nodes.add(new ArrowFieldNode(c.length(), c.nullCount()));
            buffers.addAll(List.of(c.buffers()));
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        protected void closeReadSource() {
        }

        @Override
        protected Schema readSchema() {
            return schema;
        }
    }
}
