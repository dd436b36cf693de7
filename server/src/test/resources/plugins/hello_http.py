# Answers /api/v3/engine/hello with a greeting and the number of summary rows.
def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    name = query_parameters.get("name", "world")
    rows = influxdb3_local.query("SELECT count(*) AS n FROM write_summary")
    return {"message": "Hello, " + name + "!", "summaries": rows[0]["n"]}
