# Answers with what the engine handed it: query parameters, a few headers and the body.
def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    return {
        "query": query_parameters,
        "x_test": request_headers.get("x-test"),
        "has_authorization": any(k.lower() == "authorization" for k in request_headers),
        "body": request_body.decode("utf-8"),
    }
