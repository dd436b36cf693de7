# A plugin that fails to import: the module does not exist.
import influxdb3j_no_such_module


def process_writes(influxdb3_local, table_batches, args=None):
    pass
