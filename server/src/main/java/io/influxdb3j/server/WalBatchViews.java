package io.influxdb3j.server;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.engine.ColumnarBatch;
import io.influxdb3j.engine.TableBatchView;
import io.influxdb3j.engine.WalRow;
import io.influxdb3j.wal.ColumnData;
import io.influxdb3j.wal.TableBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a WAL file's column-wise table batches into the rows WAL plugins receive. */
public final class WalBatchViews {
    private WalBatchViews() {
    }

    /** A WAL table batch as plugins see it: sparse rows, tags then fields, time in ns. */
    public static TableBatchView view(TableSchema schema, TableBatch b) {
        ColumnData[] byId = byColumnId(schema, b);
        List<ColumnDef> order = pluginOrder(schema);
        List<WalRow> rows = new ArrayList<>(b.rowCount());
        for (int r = 0; r < b.rowCount(); r++) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (ColumnDef c : order) {
                ColumnData d = byId[c.id()];
                if (d == null || d.isNull(r)) {
                    continue;
                }
                Object v = switch (d) {
                    case ColumnData.Strings s -> s.values()[r];
                    case ColumnData.Doubles x -> x.values()[r];
                    case ColumnData.Longs l -> c.type() == ColumnType.UINTEGER ? WalRow.unsigned(l.values()[r]) : l.values()[r];
                    case ColumnData.Booleans x -> x.values()[r];
                };
                values.put(c.name(), v);
            }
            rows.add(new WalRow(values, b.time()[r]));
        }
        return new TableBatchView(schema.name(), rows);
    }


    /** The same batch column by column, as WAL triggers hand it to Python (tags, then fields, as in {@link #view}). */
    public static ColumnarBatch columnar(TableSchema schema, TableBatch b) {
        ColumnData[] byId = byColumnId(schema, b);
        List<ColumnDef> order = pluginOrder(schema);
        List<ColumnarBatch.Column> columns = new ArrayList<>(order.size());
        for (ColumnDef c : order) {
            ColumnData d = byId[c.id()];
            if (d == null) {
                continue;
            }
            columns.add(switch (d) {
                case ColumnData.Strings s -> new ColumnarBatch.Strings(c.name(), s.values());
                case ColumnData.Doubles x -> new ColumnarBatch.Doubles(c.name(), x.values(), x.valid());
                case ColumnData.Longs l -> new ColumnarBatch.Longs(c.name(), l.values(), l.valid(),
                        c.type() == ColumnType.UINTEGER);
                case ColumnData.Booleans x -> new ColumnarBatch.Booleans(c.name(), x.values(), x.valid());
            });
        }
        return new ColumnarBatch(schema.name(), b.rowCount(), b.time(), columns);
    }

    private static ColumnData[] byColumnId(TableSchema schema, TableBatch b) {
        ColumnData[] byId = new ColumnData[schema.columns().size()];
        for (ColumnData c : b.columns()) {
            if (c.columnId() < byId.length) {
                byId[c.columnId()] = c;
            }
        }
        return byId;
    }

    /** Tags (series key order), then fields: the key order of a plugin's row dict. */
    private static List<ColumnDef> pluginOrder(TableSchema schema) {
        List<ColumnDef> order = new ArrayList<>(schema.seriesKeyColumns());
        for (ColumnDef c : schema.columns()) {
            if (c.type().isField()) {
                order.add(c);
            }
        }
        return order;
    }
}
