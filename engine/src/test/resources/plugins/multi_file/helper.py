def greeting(count):
    return f"multi-file plugin saw {count} batches"
