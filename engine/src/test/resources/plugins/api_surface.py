def process_scheduled_call(influxdb3_local, call_time, args=None):
    names = sorted(n for n in dir(influxdb3_local) if not n.startswith("__"))
    influxdb3_local.info(",".join(names))
    influxdb3_local.info(type(call_time).__name__, call_time.tzinfo, call_time.microsecond)
    influxdb3_local.info("__name__ is", __name__)
    influxdb3_local.info("LineBuilder in builtins:", "LineBuilder" in __builtins__ if isinstance(__builtins__, dict) else hasattr(__builtins__, "LineBuilder"))
    try:
        InvalidLineError
        influxdb3_local.info("InvalidLineError visible")
    except NameError:
        influxdb3_local.info("InvalidLineError not visible")
    try:
        influxdb3_local.query("SELECT 1", {"n": 1})
    except TypeError:
        influxdb3_local.info("query args TypeError")
    try:
        influxdb3_local.query("SELECT * FROM nowhere")
    except Exception as e:
        influxdb3_local.info("query error type", type(e).__name__)
