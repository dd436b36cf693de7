# Training schedule plugin: logs the call time, queries, writes a heartbeat stamped with call_time.
def process_scheduled_call(influxdb3_local, call_time, args=None):
    influxdb3_local.info(f"Hello from scheduled plugin! Called at {call_time}")
    results = influxdb3_local.query("SELECT count(*) AS n FROM hello_summary")
    influxdb3_local.info(f"summary rows: {results[0]['n']}")
    line = LineBuilder("scheduler_heartbeat")
    line.tag("source", "schedule_plugin")
    line.string_field("status", "running")
    line.time_ns(int(call_time.timestamp()) * 1_000_000_000)
    influxdb3_local.write(line)
