import influxdb3j_no_such_module


def process_writes(influxdb3_local, table_batches, args=None):
    pass
