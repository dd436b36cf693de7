# Logs every row with the type of each value, so tests can compare how rows arrive.
def process_writes(influxdb3_local, table_batches, args=None):
    for table_batch in table_batches:
        influxdb3_local.info("table " + table_batch["table_name"] + " rows " + str(len(table_batch["rows"]))
                             + " " + type(table_batch["rows"]).__name__)
        for row in table_batch["rows"]:
            influxdb3_local.info(repr(row) + " " + ",".join(type(v).__name__ for v in row.values()))
