# No process_writes: the entry point is misspelled.
def process_write(influxdb3_local, table_batches, args=None):
    pass
