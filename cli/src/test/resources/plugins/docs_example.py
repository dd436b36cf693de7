# The shape of the documentation's example WAL plugin: arguments, a parameterised query, one write
# per table batch to the trigger's database and one to another database.
def process_writes(influxdb3_local, table_batches, args=None):
    if args and "arg1" in args:
        influxdb3_local.info("arg1: " + args["arg1"])

    query_params = {"room": "Kitchen"}
    query_result = influxdb3_local.query("SELECT room, temp FROM home WHERE room = $room", query_params)
    influxdb3_local.info("query result: " + str(query_result))

    for table_batch in table_batches:
        influxdb3_local.info("table: " + table_batch["table_name"])
        if table_batch["table_name"] == "some_table":
            continue
        for row in table_batch["rows"]:
            influxdb3_local.info("row: " + str(row))
        line = LineBuilder("some_table")\
            .tag("tag1", "tag1_value")\
            .tag("tag2", "tag2_value")\
            .int64_field("field1", 1)\
            .float64_field("field2", 2.0)\
            .string_field("field3", "number three")
        influxdb3_local.write(line)

    other_line = LineBuilder("other_table")
    other_line.int64_field("other_field", 1)
    other_line.float64_field("other_field2", 3.14)
    other_line.time_ns(1302)
    influxdb3_local.write_to_db("mytestdb", other_line)
    influxdb3_local.info("done")
