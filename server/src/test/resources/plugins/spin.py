# Never returns unless interrupted: for time limits.
def process_writes(influxdb3_local, table_batches, args=None):
    influxdb3_local.info("spinning")
    while True:
        pass


def process_request(influxdb3_local, query_parameters, request_headers, request_body, args=None):
    while True:
        pass
