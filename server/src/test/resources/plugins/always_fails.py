def process_writes(influxdb3_local, table_batches, args=None):
    raise ValueError("this plugin always fails")
