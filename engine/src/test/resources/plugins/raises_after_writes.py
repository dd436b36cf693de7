def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.write_sync(LineBuilder("synced").int64_field("n", 1), no_sync=True)
    influxdb3_local.write(LineBuilder("buffered").int64_field("n", 1))
    influxdb3_local.write_to_db("other", LineBuilder("buffered").int64_field("n", 2))
    influxdb3_local.warn("about to fail")
    raise ValueError("boom")
