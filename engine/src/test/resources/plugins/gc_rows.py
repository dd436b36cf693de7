# Reports the cyclic GC's state as a WAL plugin sees it, and ties a row into a reference cycle whose
# collection the next call checks (args: "cycle" to make one, "raise" to fail after it).
import gc
import weakref


class Node:
    pass


def process_writes(influxdb3_local, table_batches, args=None):
    args = args or {}
    cache = influxdb3_local.cache
    ref = cache.get("node")
    gc.collect()
    influxdb3_local.info("enabled", gc.isenabled(), "frozen", gc.get_freeze_count() > 0,
                         "previous cycle", "none" if ref is None else "alive" if ref() is not None else "collected")
    cache.delete("node")
    rows = table_batches[0]["rows"]
    influxdb3_local.info("rows", len(rows), "tracked", all(gc.is_tracked(r) for r in rows))
    if "cycle" in args:
        node = Node()
        node.row = rows[0]
        rows[0]["node"] = node
        cache.put("node", weakref.ref(node))
    if "raise" in args:
        raise ValueError("after the rows")
