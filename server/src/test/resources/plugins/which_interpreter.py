# Answers with the id of the interpreter it runs in (0 = the main interpreter).
from concurrent import interpreters


def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    return {"interpreter": interpreters.get_current().id}
