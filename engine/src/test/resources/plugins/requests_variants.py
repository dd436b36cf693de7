class FlaskLike:
    status_code = 201
    headers = {"X-Kind": "flask"}

    def __flask_response__(self):
        return True

    def get_data(self):
        return "created"


def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    kind = query_parameters["kind"]
    if kind == "text":
        return "hello"
    if kind == "list":
        return [1, 2]
    if kind == "tuple_status":
        return ("missing", 404)
    if kind == "tuple_headers":
        return ({"a": 1}, 202, {"X-Extra": "yes"})
    if kind == "tuple_bad_headers":
        return ("x", 200, "not a dict")
    if kind == "generator":
        return (part for part in ["a", b"b", 3, "c"])
    if kind == "flask":
        return FlaskLike()
    if kind == "none":
        return None
    if kind == "int":
        return 42
    if kind == "bad_status":
        return ("x", 70000)
    if kind == "raise":
        raise KeyError("nope")
    return request_body
