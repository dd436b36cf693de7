# Returns a tuple whose third element is not a dict of headers: an unsupported return value.
def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    return ("body", 200, ["not", "headers"])
