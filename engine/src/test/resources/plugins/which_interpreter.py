# Reports which interpreter runs it, and keeps a counter in the global cache.
from concurrent import interpreters


def process_scheduled_call(influxdb3_local, call_time, args=None):
    n = influxdb3_local.cache.get("calls", default=0, use_global=True) + 1
    influxdb3_local.cache.put("calls", n, use_global=True)
    influxdb3_local.info(f"interpreter={interpreters.get_current().id} calls={n}")
    line = LineBuilder("runs")
    line.tag("interp", str(interpreters.get_current().id))
    line.int64_field("calls", n)
    influxdb3_local.write(line)
