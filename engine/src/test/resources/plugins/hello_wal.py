# Training WAL plugin: summarises each table batch. LineBuilder is used without an import.
def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.info("Hello from WAL plugin!")
    for table_batch in table_batches:
        table_name = table_batch["table_name"]
        rows = table_batch["rows"]
        influxdb3_local.info(f"Received {len(rows)} rows from table {table_name}")
        if table_name == "hello_summary":
            continue
        line = LineBuilder("hello_summary")
        line.tag("source", "wal_plugin")
        line.tag("table", table_name)
        line.int64_field("row_count", len(rows))
        influxdb3_local.write(line)
