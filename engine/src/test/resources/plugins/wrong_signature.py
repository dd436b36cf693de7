def process_writes(influxdb3_local, table_batches):
    pass
