from .helper import greeting


def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.info(greeting(len(table_batches)))
