# Mutates and inspects the rows the way plugins do; logs what it sees.
import json


def process_writes(influxdb3_local, table_batches, args=None):
    rows = table_batches[0]["rows"]
    first, second = rows[0], rows[1]
    first["extra"] = [1, 2]
    del first["host"]
    second["usage"] = -1.0
    copy = dict(second)
    copy.pop("time")
    influxdb3_local.info(type(first) is dict, isinstance(second, dict), len(first), len(second),
                         sorted(first), json.dumps(second), json.dumps(rows[2]), copy == second,
                         first.get("host", "none"), list(rows[2]), rows[2] == dict(rows[2]))
