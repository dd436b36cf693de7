# An alert-style WAL plugin: for each row it calls a request trigger of the same server over HTTP
# and records the answer.
import json
import urllib.request


def process_writes(influxdb3_local, table_batches, args=None):
    for batch in table_batches:
        for row in batch["rows"]:
            url = args["url"] + "?level=" + row["level"]
            with urllib.request.urlopen(url, timeout=20) as response:
                answer = json.loads(response.read())
            influxdb3_local.write_sync(LineBuilder("replies").tag("level", row["level"]).string_field("answer", answer["seen"]), False)


def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    count = influxdb3_local.query("SELECT count(*) AS n FROM alerts")[0]["n"]
    return {"seen": query_parameters["level"] + " after " + str(count) + " alerts"}
