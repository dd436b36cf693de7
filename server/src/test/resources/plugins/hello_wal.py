# Counts the rows of each WAL batch per table and writes the counts to a summary table.
def process_writes(influxdb3_local, table_batches, args=None):
    for batch in table_batches:
        if batch["table_name"] == "write_summary":
            continue
        line = LineBuilder("write_summary")
        line.tag("table_name", batch["table_name"])
        line.int64_field("row_count", len(batch["rows"]))
        influxdb3_local.write(line)
        influxdb3_local.info("summarised " + batch["table_name"])
