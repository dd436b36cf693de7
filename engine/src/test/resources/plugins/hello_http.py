# Training request plugin: records the request and answers with JSON.
import json


def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    influxdb3_local.info("Hello from HTTP plugin!")
    influxdb3_local.info(f"Query parameters: {query_parameters}")
    line = LineBuilder("api_requests")
    line.tag("endpoint", "hello")
    line.int64_field("received", 1)
    influxdb3_local.write(line)
    body = json.loads(request_body) if request_body else None
    return {
        "message": "Hello from InfluxDB 3 Processing Engine!",
        "name": query_parameters.get("name"),
        "echo": body,
        "has_auth": "authorization" in request_headers,
        "content_type": request_headers.get("content-type"),
    }
