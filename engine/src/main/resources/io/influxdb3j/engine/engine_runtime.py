# The Python half of the processing engine, loaded once into the main interpreter as the module
# influxdb3j_engine_runtime. Java calls run() with one of the invoke*() functions: it loads the
# plugin's entry point (prepare()) and calls it, all in one call; the influxdb3_local object it
# builds calls back into Java through the host module, passing
# the invocation id Java gave it. The plugin cache lives here because it holds live Python objects.
from array import array as _array
import builtins
import datetime
import gc as _gc
import importlib
import itertools as _itertools
import json
import math
import operator
import sys
import threading

import __main__
import influxdb3j_engine_host as _host


class QueryError(Exception):
    pass


class PluginEntryPointError(Exception):
    pass


class PluginImportError(Exception):
    pass


class PluginResponseError(Exception):
    pass


def install_line_builder(source):
    exec(compile(source, "line_builder.py", "exec"), __main__.__dict__)
    builtins.LineBuilder = __main__.LineBuilder


# ------------------------------------------------------------------ loading

_import_lock = threading.Lock()


def prepare(entry, missing_message, source, package_parent, package_name):
    """Returns the entry-point function: from source run in fresh globals, or from an imported package."""
    if package_parent is None:
        namespace = {}
        exec(_compiled(source), namespace)
        function = namespace.get(entry)
    else:
        function = getattr(_import_package(package_parent, package_name), entry, None)
    if function is None or not callable(function):
        raise PluginEntryPointError(missing_message)
    return function


_code_cache = {}


def _compiled(source):
    # The file still runs in fresh globals on every call, as in InfluxDB 3; only compiling is shared.
    code = _code_cache.get(source)
    if code is None:
        code = compile(source, "<string>", "exec")
        if len(_code_cache) >= 256:
            _code_cache.clear()
        _code_cache[source] = code
    return code


def _import_package(parent, name):
    with _import_lock:
        sys.path.insert(0, parent)
        try:
            try:
                return importlib.import_module(name)
            except ModuleNotFoundError as e:
                if e.name != name:
                    raise
                importlib.invalidate_caches()
                return importlib.import_module(name)
        except Exception as e:
            raise PluginImportError(
                f"Failed to import plugin module '{name}': {type(e).__name__}: {e}. "
                f"Check that the directory {parent}/{name} is a valid Python package") from e
        finally:
            if sys.path and sys.path[0] == parent:
                del sys.path[0]


# ------------------------------------------------------------------ invoking

def run(invoke, entry, missing_message, source, package_parent, package_name, call_id, cache_spec, *args):
    """Loads the entry point and calls invoke(function, call_id, cache_spec, *args).

    An exception raised while loading is marked (failed_while_loading() tells), so the host can tell
    load errors from the plugin's own in a single call.
    """
    try:
        function = prepare(entry, missing_message, source, package_parent, package_name)
    except BaseException as e:
        try:
            e._influxdb3j_loading = True
        except BaseException:
            pass
        raise
    return _invokers[invoke](function, call_id, cache_spec, *args)


def failed_while_loading(exception):
    return getattr(exception, "_influxdb3j_loading", False) is True


def invoke_wal(function, call_id, cache_spec, table_batches, args):
    # The rows are ~100k new dicts per flush, none in a reference cycle. Left to the cyclic GC, its
    # incremental collections would traverse them over and over while they are built (each pass
    # re-marks the growing list from the stack), so the GC is paused while they are built and then
    # frozen with the rest of the heap until the call is over: collections during the call (the
    # plugin's own objects) skip them, and they are freed untouched by the collector when the call
    # returns. gc.unfreeze() puts back whatever is still alive (rows a plugin kept, say) as old objects.
    # The price: cyclic garbage among objects older than the call waits until the call is over.
    pause = _gc.isenabled() and any(isinstance(b, list) for b in table_batches)
    if pause:
        _gc.disable()
        try:
            table_batches = [_rows_from_columns(b) if isinstance(b, list) else b for b in table_batches]
        except BaseException:
            _gc.enable()
            raise
        _gc.freeze()
        _gc.enable()
        try:
            function(_make_api(call_id, cache_spec), table_batches, args)
        finally:
            table_batches = None
            _gc.unfreeze()
    else:
        table_batches = [_rows_from_columns(b) if isinstance(b, list) else b for b in table_batches]
        function(_make_api(call_id, cache_spec), table_batches, args)


def _rows_from_columns(batch):
    # A ColumnarBatch from Java (see ColumnarBatch.toPython): [table_name, row_count, names, kinds,
    # data, time_bytes, patterns, pattern_ids]. Each column becomes an iterator over its values
    # (an array.array, or a map over a string column's distinct values), and one generated
    # loop zips them into rows (see _instance_rows): no per-value Python code, and no list per column
    # (the values are made as the rows take them, not all first into 100k-item lists).
    table_name, n, names, kinds, data, time_bytes, patterns, pattern_ids = batch
    if n == 0:
        return {"table_name": table_name, "rows": []}
    columns = []
    sparse = False  # some column has missing values marked by None (validity, or a None string)
    for kind, column in zip(kinds, data):
        if kind == "s":
            distinct, indices = column
            values = map(distinct.__getitem__, _array("i", indices))
            if distinct and distinct[-1] is None:
                sparse = True
        else:
            raw, valid = column
            if kind == "b":
                values = map(_BOOLS.__getitem__, raw)
            else:
                values = _array(kind, raw)
            if valid is not None:
                sparse = True
                values = [v if ok else None for v, ok in zip(values, valid)]
        columns.append(values)
    columns.append(_array("q", time_bytes))
    keys = tuple(names) + ("time",)
    if patterns is not None:
        # Rows differ only in which columns they have: one row maker per presence pattern, each
        # row made by its pattern's maker, which leaves out the values it has no key for.
        makers = tuple(_pattern_maker(keys, pattern) for pattern in patterns)
        rows = _pattern_builder(len(keys))(_array("i", pattern_ids), makers, *columns)
    elif not sparse:
        rows = _dense_builder(keys)(*columns)
    else:
        # Too many patterns for a maker each (Java sent validity instead): None marks a missing value.
        rows = [{k: v for k, v in zip(keys, row) if v is not None} for row in zip(*columns)]
    return {"table_name": table_name, "rows": rows}


_BOOLS = (False, True)
_builders = {}


def _generated(cache_key, name, source, keys=None):
    # The function `name` defined by source(), compiled once per cache_key. With keys, the source is
    # an instance-row maker (see _instance_rows): it runs with a fresh class `Row` of its own, and the
    # placeholder attribute names _KEY % i become keys[i] in the compiled code, whatever those are.
    function = _builders.get(cache_key)
    if function is None:
        namespace = {} if keys is None else {"new": object.__new__, "Row": type("row", (), {})}
        exec(source(), namespace)
        function = namespace[name]
        if keys is not None:
            names = {_KEY % i: k for i, k in enumerate(keys)}
            code = function.__code__
            function.__code__ = code.replace(co_names=tuple(names.get(n, n) for n in code.co_names))
        if len(_builders) >= 1024:
            _builders.clear()
        _builders[cache_key] = function
    return function


# Rows are made as the __dict__ of a throwaway instance when the keys allow it: the instances of a
# class share one keys table, so such a dict gets its values without hashing or inserting any key
# (each STORE_ATTR writes its value into the slot it has cached), is a third the size of a dict
# display's, and is freed faster. Once the instance is gone its dict is an ordinary dict (a
# split-table one) that no longer refers to it; reading, json.dumps, adding or removing keys work as
# on any dict. CPython shares at most 30 keys per class, and a key naming something the class has
# (__class__, __dict__, ...) would not be stored in the dict: such key sets keep the dict display.
_SHARED_KEYS_MAX = 30
_KEY = "_influxdb3j_key_%d"


class _Probe:
    pass


def _instance_rows(keys):
    return len(keys) <= _SHARED_KEYS_MAX and all(type(k) is str and not hasattr(_Probe, k) for k in keys)


def _dense_builder(keys):
    # build(c0, ..., cN) -> one row per zip(c0, ..., cN) item; zip reuses its tuple.
    columns = ", ".join("c%d" % i for i in range(len(keys)))
    values = ", ".join("v%d" % i for i in range(len(keys)))
    if _instance_rows(keys):
        def source():
            stores = "".join("        o.%s = v%d\n" % (_KEY % i, i) for i in range(len(keys)))
            return ("def build(%s):\n    rows = []\n    append = rows.append\n    for %s, in zip(%s):\n"
                    "        o = new(Row)\n%s        append(o.__dict__)\n    return rows\n"
                    % (columns, values, columns, stores))
        return _generated(("dense-instance", keys), "build", source, keys)

    def source():
        # [{k0: v0, ..., kN: vN} for ...]: the comprehension is inlined, each dict display is created
        # at its final size. The trailing comma in "for v0, in zip(c0)" unpacks a lone column's 1-tuples.
        items = ", ".join("%r: v%d" % (k, i) for i, k in enumerate(keys))
        return "def build(%s):\n    return [{%s} for %s, in zip(%s)]\n" % (columns, items, values, columns)
    return _generated(("dense", keys), "build", source)


def _pattern_builder(count):
    # build(pattern_ids, makers, c0, ..., cN) -> [makers[p](v0, ..., vN) for each row].
    def source():
        columns = ", ".join("c%d" % i for i in range(count))
        values = ", ".join("v%d" % i for i in range(count))
        return ("def build(pattern_ids, makers, %s):\n    return [makers[p](%s) for p, %s in zip(pattern_ids, %s)]\n"
                % (columns, values, values, columns))
    return _generated(("patterns", count), "build", source)


def _pattern_maker(keys, pattern):
    # make(v0, ..., vN) -> the row of the columns in pattern (indices into keys) and time.
    present = tuple(pattern) + (len(keys) - 1,)
    values = ", ".join("v%d" % i for i in range(len(keys)))
    if _instance_rows([keys[i] for i in present]):
        def source():
            stores = "".join("    o.%s = v%d\n" % (_KEY % i, i) for i in present)
            return "def make(%s):\n    o = new(Row)\n%s    return o.__dict__\n" % (values, stores)
        return _generated(("pattern-instance", keys, present), "make", source, keys)

    def source():
        items = ", ".join("%r: v%d" % (keys[i], i) for i in present)
        return "def make(%s):\n    return {%s}\n" % (values, items)
    return _generated(("pattern", keys, present), "make", source)


def invoke_schedule(function, call_id, cache_spec, epoch_seconds, args):
    # Naive local time, truncated to whole seconds, as InfluxDB 3 builds call_time.
    call_time = datetime.datetime.fromtimestamp(float(epoch_seconds))
    function(_make_api(call_id, cache_spec), call_time, args)


def invoke_request(function, call_id, cache_spec, query_parameters, request_headers, request_body,
                   args):
    result = function(_make_api(call_id, cache_spec), query_parameters, request_headers, request_body, args)
    return _to_response(result)


# ------------------------------------------------------------------ request responses (Flask-style)

def _body_and_type(body):
    if isinstance(body, str):
        return body, "text/html"
    if isinstance(body, (dict, list)):
        return json.dumps(body), "application/json"
    return str(body), "text/plain"


def _string_headers(headers):
    result = {}
    for key, value in dict(headers).items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise PluginResponseError(
                f"response headers must be str to str, got {type(key).__name__}: {type(value).__name__}")
        result[key] = value
    return result


def _to_response(result):
    """[status, headers, body] in the order InfluxDB 3 checks the return value."""
    marker = getattr(result, "__flask_response__", None)
    if callable(marker) and marker() is True:
        data = result.get_data()
        if not isinstance(data, str):
            raise PluginResponseError(f"get_data() must return str, not {type(data).__name__}")
        return [operator.index(result.status_code), _string_headers(result.headers), data]
    if isinstance(result, tuple) and 1 <= len(result) <= 3:
        body, content_type = _body_and_type(result[0])
        status = 200
        headers = {"Content-Type": content_type}
        if len(result) >= 2:
            second = result[1]
            if isinstance(second, dict):
                headers.update(_string_headers(second))
            else:
                try:
                    status = operator.index(second)
                except TypeError:
                    pass
        if len(result) == 3:
            if not isinstance(result[2], dict):
                raise PluginResponseError("expected a dictionary in header item")
            headers.update(_string_headers(result[2]))
        return [status, headers, body]
    if isinstance(result, str):
        return [200, {"Content-Type": "text/html"}, result]
    if isinstance(result, (dict, list)):
        return [200, {"Content-Type": "application/json"}, json.dumps(result)]
    if hasattr(result, "__iter__"):
        parts = []
        for item in result:
            if isinstance(item, str):
                parts.append(item)
            elif isinstance(item, (bytes, bytearray, memoryview)):
                try:
                    parts.append(bytes(item).decode("utf-8"))
                except UnicodeDecodeError:
                    pass
        return [200, {"Content-Type": "text/html"}, "".join(parts)]
    raise PluginResponseError("Unsupported return type from Python function")


# ------------------------------------------------------------------ cache

# namespace -> {key: (value, expiry in ns since the epoch or None)}
_cache = {}
_SWEEP_INTERVAL_NS = 10 * 1_000_000_000
_last_sweep = [0]


def drop_cache_namespace(namespace):
    return _cache.pop(namespace, None) is not None


def _sweep(now):
    if now - _last_sweep[0] < _SWEEP_INTERVAL_NS:
        return
    _last_sweep[0] = now
    for entries in _cache.values():
        for key in [k for k, (_, expiry) in entries.items() if expiry is not None and expiry <= now]:
            del entries[key]


def _check_use_global(use_global):
    if use_global is not None and not isinstance(use_global, bool):
        raise TypeError(f"use_global must be a bool or None, not {type(use_global).__name__}")
    return use_global


def _check_key(key):
    if not isinstance(key, str):
        raise TypeError(f"cache key must be str, not {type(key).__name__}")


def _namespace(cache, use_global):
    return cache.__influxdb3j_global__ if _check_use_global(use_global) else cache.__influxdb3j_local__


class PyCache:
    # One class for every call (creating classes per call is slow); the slots hold the call's state.
    __slots__ = ("__influxdb3j_call_id__", "__influxdb3j_local__", "__influxdb3j_global__", "__influxdb3j_default_ttl__")

    def __init__(self, call_id, local_namespace, global_namespace, default_ttl):
        self.__influxdb3j_call_id__ = call_id
        self.__influxdb3j_local__ = local_namespace
        self.__influxdb3j_global__ = global_namespace
        self.__influxdb3j_default_ttl__ = default_ttl

    def put(self, key, value, ttl=None, use_global=None):
        _check_key(key)
        name = _namespace(self, use_global)
        if ttl is None:
            ttl = self.__influxdb3j_default_ttl__
        expiry = None
        now = _host.now_ns(self.__influxdb3j_call_id__)
        if ttl is not None:
            seconds = float(ttl)
            if math.isnan(seconds) or seconds < 0:
                raise ValueError(f"ttl must be a non-negative number of seconds, not {ttl}")
            if math.isinf(seconds) or now + seconds * 1e9 >= 2 ** 63:
                raise ValueError(f"ttl {ttl} is too large")
            expiry = now + int(seconds * 1_000_000_000)
        _cache.setdefault(name, {})[key] = (value, expiry)

    def get(self, key, default=None, use_global=None):
        _check_key(key)
        name = _namespace(self, use_global)
        now = _host.now_ns(self.__influxdb3j_call_id__)
        entries = _cache.get(name)
        if not entries or key not in entries:
            return default
        value, expiry = entries[key]
        if expiry is not None and expiry <= now:
            del entries[key]
            return default
        return value

    def delete(self, key, use_global=None):
        _check_key(key)
        entries = _cache.get(_namespace(self, use_global))
        if entries is None or key not in entries:
            return False
        del entries[key]
        return True


# ------------------------------------------------------------------ influxdb3_local

def _build(line_builder):
    text = line_builder.build()
    if not isinstance(text, str):
        raise TypeError(f"build() must return str, not {type(text).__name__}")
    return text


def _check_query_args(args):
    if args is None:
        return None
    if not isinstance(args, dict):
        raise TypeError(f"query args must be a dict of str to str, not {type(args).__name__}")
    for key, value in args.items():
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError(f"query args must be a dict of str to str, got {type(key).__name__}: "
                            f"{type(value).__name__} for '{key}'")
    return args


def _log(call_id, level, args):
    _host.log(call_id, level, " ".join(str(arg) for arg in args))


def _write(call_id, database, line_builder, sync, no_sync):
    error = _host.write(call_id, database, _build(line_builder), sync, no_sync)
    if error is not None:
        raise Exception(error)


class PyPluginCallApi:
    # One class for every call (creating classes per call is slow); the slots hold the call's state.
    __slots__ = ("__influxdb3j_call_id__", "__influxdb3j_cache_spec__", "__influxdb3j_cache__")

    def __init__(self, call_id, cache_spec):
        self.__influxdb3j_call_id__ = call_id
        self.__influxdb3j_cache_spec__ = cache_spec
        self.__influxdb3j_cache__ = None

    def info(self, *args):
        _log(self.__influxdb3j_call_id__, "INFO", args)

    def warn(self, *args):
        _log(self.__influxdb3j_call_id__, "WARN", args)

    def error(self, *args):
        _log(self.__influxdb3j_call_id__, "ERROR", args)

    def write(self, line_builder):
        _write(self.__influxdb3j_call_id__, None, line_builder, False, False)

    def write_to_db(self, db_name, line_builder):
        _write(self.__influxdb3j_call_id__, db_name, line_builder, False, False)

    def write_sync(self, line_builder, no_sync):
        _write(self.__influxdb3j_call_id__, None, line_builder, True, bool(no_sync))

    def write_sync_to_db(self, db_name, line_builder, no_sync):
        _write(self.__influxdb3j_call_id__, db_name, line_builder, True, bool(no_sync))

    def query(self, query, args=None, database=None):
        result = _host.query(self.__influxdb3j_call_id__, query, _check_query_args(args), database)
        if isinstance(result, tuple):
            raise (QueryError if result[0] == "QueryError" else ValueError)(result[1])
        return result

    @property
    def cache(self):
        _sweep(_host.now_ns(self.__influxdb3j_call_id__))
        cache = self.__influxdb3j_cache__
        if cache is None:
            cache = self.__influxdb3j_cache__ = PyCache(self.__influxdb3j_call_id__, *self.__influxdb3j_cache_spec__)
        return cache


def _make_api(call_id, cache_spec):
    return PyPluginCallApi(call_id, cache_spec)


_invokers = {"invoke_wal": invoke_wal, "invoke_schedule": invoke_schedule, "invoke_request": invoke_request}
