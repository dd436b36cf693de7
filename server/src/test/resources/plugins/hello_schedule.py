# Records each scheduled call.
def process_scheduled_call(influxdb3_local, call_time, args=None):
    influxdb3_local.write(LineBuilder("heartbeat").tag("source", args["source"] if args else "none").int64_field("beat", 1))
    influxdb3_local.info("beat at " + str(call_time))
