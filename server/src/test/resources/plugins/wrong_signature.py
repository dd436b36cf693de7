# process_writes without its args parameter: the wrong signature.
def process_writes(influxdb3_local, table_batches):
    pass
