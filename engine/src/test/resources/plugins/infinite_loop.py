def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.write(LineBuilder("never").int64_field("n", 1))
    n = 0
    while True:
        n += 1
