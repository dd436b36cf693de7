def process_scheduled_call(influxdb3_local, call_time, args=None):
    cache = influxdb3_local.cache
    op = args["op"]
    key = args.get("key", "k")
    scope = args.get("global") == "true"
    if op == "put":
        ttl = float(args["ttl"]) if "ttl" in args else None
        cache.put(key, args["value"], ttl=ttl, use_global=scope)
    elif op == "get":
        influxdb3_local.info("value:", cache.get(key, default="<missing>", use_global=scope))
    elif op == "delete":
        influxdb3_local.info("deleted:", cache.delete(key, use_global=scope))
    elif op == "live":
        items = cache.get("live", use_global=scope)
        if items is None:
            items = []
            cache.put("live", items, use_global=scope)
        items.append(len(items))
        influxdb3_local.info("live:", items)
    elif op == "bad_ttl":
        try:
            cache.put(key, 1, ttl=-1)
        except ValueError as e:
            influxdb3_local.info("ValueError")
        try:
            cache.put(1, 1)
        except TypeError:
            influxdb3_local.info("TypeError")
