# A scheduled plugin: counts the rows of a table and records the count.
def process_scheduled_call(influxdb3_local, call_time, args=None):
    rows = influxdb3_local.query("SELECT count(*) AS n FROM home")
    influxdb3_local.info("rows in home: " + str(rows[0]["n"]))
    influxdb3_local.write(LineBuilder("home_counts").int64_field("n", rows[0]["n"]))
