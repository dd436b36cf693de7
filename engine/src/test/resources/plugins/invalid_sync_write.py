class RawLine:
    def build(self):
        return "no_fields_here"


def process_writes(influxdb3_local, table_batches, args=None):
    try:
        influxdb3_local.write_sync(RawLine(), False)
    except Exception as e:
        influxdb3_local.error(type(e).__name__, str(e))
