"""The Python side of the pipeline's python components (io.influxdb3j.pipeline.python).

Loaded once into every interpreter that runs pipeline components, as the module `__bloblang__`
(the name rp-connect-python gives its helper module). It holds:

* the script environment: `content()`, `metadata(key)`, `unpickle()` and the `Root` class;
* `ScriptRunner`, which runs a processor's or output's script for each message of a batch and
  serialises the result, so that one Java call handles a whole batch;
* `InputSource`, which pulls items from a python input's object (list, tuple, iterator,
  generator, function or single object) and serialises them.

An interpreter runs one batch at a time on one thread, so the "current message" is plain module
state: the Java side never calls into this module concurrently within one interpreter.
"""
import collections.abc as _abc
import importlib as _importlib
import inspect as _inspect
import json as _json
import linecache as _linecache
import pickle as _pickle
import sys as _sys
import traceback as _traceback

# The message being processed in this interpreter.
_content = b""
_metadata = {}


def content():
    """The current message's payload as bytes."""
    return _content


def metadata(key=""):
    """One metadata value (None when absent or the empty string), or all of them as a dict."""
    if not key:
        return dict(_metadata)
    value = _metadata.get(key)
    if value == "":
        return None
    return value


def unpickle():
    """pickle.loads(content())."""
    return _pickle.loads(_content)


class Root:
    """The bloblang-like `root`: a dict whose missing attributes spring into being.

    `root.name.first = "Dave"` gives {"name": {"first": "Dave"}}: reading a missing attribute or
    key returns an empty Root that attaches itself to its parent on the first assignment into it,
    so merely reading `root.missing` adds nothing to the output. `root["k"]` is `root.k`. Nested
    Roots serialise as objects at any depth.
    """

    __slots__ = ("__data", "__parent", "__key")

    def __init__(self, data=None, parent=None, key=None):
        object.__setattr__(self, "_Root__data", {} if data is None else dict(data))
        object.__setattr__(self, "_Root__parent", parent)
        object.__setattr__(self, "_Root__key", key)

    def __getattr__(self, name):
        # Only called when normal lookup fails. Dunder names are protocol probes (pickle's
        # __setstate__, copy's __deepcopy__, ...) and must not spring into being.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return self.__get(name)

    def __get(self, key):
        data = self.__data
        if key in data:
            return data[key]
        return Root(None, self, key)

    def __attach(self):
        parent = self.__parent
        if parent is not None:
            object.__setattr__(self, "_Root__parent", None)
            parent.__data[self.__key] = self
            parent.__attach()

    def __setattr__(self, name, value):
        self.__data[name] = value
        if self.__parent is not None:
            self.__attach()

    def __delattr__(self, name):
        try:
            del self.__data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getitem__(self, key):
        return self.__get(key)

    def __setitem__(self, key, value):
        self.__data[key] = value
        if self.__parent is not None:
            self.__attach()

    def __delitem__(self, key):
        del self.__data[key]

    def __contains__(self, key):
        return key in self.__data

    def __iter__(self):
        return iter(self.__data)

    def __len__(self):
        return len(self.__data)

    def __eq__(self, other):
        if isinstance(other, Root):
            return self.to_dict() == other.to_dict()
        if isinstance(other, dict):
            return self.to_dict() == other
        return NotImplemented

    __hash__ = None

    def to_dict(self):
        """A plain dict of the contents, nested Roots converted at any depth."""
        return _plain(self.__data)

    def clear(self):
        self.__data.clear()

    def __reduce__(self):
        # Pickles as the plain dict it stands for, so the receiver needs no Root class.
        return (dict, (self.to_dict(),))

    def __str__(self):
        return str(self.to_dict())

    __repr__ = __str__


def _root_data(root):
    return root._Root__data


def _plain(value):
    if isinstance(value, Root):
        return _plain(_root_data(value))
    if type(value) is dict:
        return {k: _plain(v) for k, v in value.items()}
    if type(value) is list or type(value) is tuple:
        return [_plain(v) for v in value]
    return value


def _json_default(value):
    if isinstance(value, Root):
        return _root_data(value)
    raise TypeError(f"Object of type {type(value).__qualname__} is not JSON serializable")


class Carried:
    """A Python object travelling to the next python component without serialisation (serializer none)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


class SerialisationError(Exception):
    pass


_BYTES_LIKE = (bytes, bytearray, memoryview)
_SETS = (set, frozenset)
_TYPE_HINT = "assign a str, bytes, number, bool, dict, list or tuple to root, or use serializer: pickle"


def _make_encoder():
    # json.dumps(value) builds a new C encoder on every call; with the same settings as its defaults
    # (", " and ": " separators, ensure_ascii, allow_nan, check_circular) one is built once.
    make = getattr(_json.encoder, "c_make_encoder", None)
    if make is None:
        return None
    return make({}, _json_default, _json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True)


_encoder = _make_encoder()


def _dumps(value):
    """json.dumps(value).encode(), nested Roots as objects."""
    global _encoder
    if _encoder is None:
        return _json.dumps(value, default=_json_default).encode()
    try:
        return "".join(_encoder(value, 0)).encode()
    except BaseException:
        _encoder = _make_encoder()  # its circular-reference markers may be left filled in
        raise


def _scalar(value):
    """JSON text of a bool, int or float (subclasses included), or None for anything else."""
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return int.__repr__(value).encode()
    if isinstance(value, float):
        return _json.dumps(float(value)).encode()
    return None


_ITEM_HINT = "produce str, bytes, number, bool, dict, list or tuple items, or use serializer: pickle"


def to_bloblang(value, subject="root", hint=_TYPE_HINT):
    """The payload for `value` with serializer bloblang (value is not None)."""
    t = type(value)
    if t is Root:
        return _dumps(_root_data(value))
    if t is dict or t is list or t is tuple:
        try:
            return _dumps(value)
        except (TypeError, ValueError, RecursionError) as e:
            raise SerialisationError(f"cannot serialise {subject} as JSON: {e}; {hint}") from None
    if t is str:
        return value.encode()
    if t is bytes:
        return value
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    if isinstance(value, str):
        return str.encode(value)
    if isinstance(value, _BYTES_LIKE):
        return bytes(value)
    if isinstance(value, _SETS):
        raise SerialisationError(f"cannot serialize a Python {t.__name__}: convert it to a list first")
    try:
        return _dumps(value)
    except (TypeError, ValueError, RecursionError) as e:
        raise SerialisationError(f"cannot serialise {subject} of type {t.__qualname__} as JSON ({e}); {hint}") from None


def to_pickle(value):
    try:
        return _pickle.dumps(_plain(value) if isinstance(value, Root) else value)
    except Exception as e:
        raise SerialisationError(f"cannot pickle root of type {type(value).__qualname__}: {type(e).__name__}: {e}") from None


def describe(value):
    """The payload a carried object (serializer none) shows a component that is not python."""
    if isinstance(value, str):
        return str.encode(value, errors="replace")
    if isinstance(value, _BYTES_LIKE):
        return bytes(value)
    scalar = _scalar(value)
    if scalar is not None:
        return scalar
    try:
        return repr(value).encode(errors="replace")
    except Exception:
        return f"<{type(value).__qualname__} object>".encode()


def serialise(value, serializer):
    """(payload, carried) for a non-None value, by serializer name; raises SerialisationError."""
    if serializer == "bloblang":
        return to_bloblang(value), None
    if serializer == "pickle":
        return to_pickle(value), None
    if isinstance(value, Root):
        value = value.to_dict()  # the Root instance is reused for the next message
    return describe(value), Carried(value)


# ---------------------------------------------------------------------------- metadata from meta


def _meta_value(key, value):
    if value is None or type(value) is str:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, _BYTES_LIKE):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, (dict, list, tuple, Root)):
        try:
            return _json.loads(_json.dumps(value, default=_json_default))
        except (TypeError, ValueError, RecursionError) as e:
            raise SerialisationError(f"meta[{key!r}] cannot be stored as JSON metadata: {e}") from None
    raise SerialisationError(f"unhandled metadata dictionary value: meta[{key!r}] is a {type(value).__qualname__}; "
                             "use str, bytes, int, float, bool, dict, list or None (None deletes the key)")


def meta_updates(meta):
    """(updates, error): the metadata changes `meta` asks for, and what could not be applied."""
    if not isinstance(meta, dict):
        return None, f"meta python type is not a dictionary: meta is a {type(meta).__qualname__}"
    updates = {}
    errors = []
    for key, value in meta.items():
        if not isinstance(key, str):
            errors.append(f"metadata keys must be str, not {type(key).__qualname__} ({key!r})")
            continue
        try:
            updates[str(key)] = _meta_value(key, value)
        except SerialisationError as e:
            errors.append(str(e))
    return updates, ("; ".join(errors) if errors else None)


# ---------------------------------------------------------------------------- errors


def _describe_failure(error, filename, prefix):
    """(one-line message, traceback text) for an exception raised while running user code."""
    tb = error.__traceback__
    # Drop this module's own frames from the top of the traceback.
    while tb is not None and tb.tb_frame.f_globals.get("__name__") == __name__:
        tb = tb.tb_next
    line = None
    for frame in _traceback.extract_tb(tb):
        if frame.filename == filename:
            line = frame.lineno
    where = f" (line {line} of {filename})" if line is not None else ""
    try:
        text = str(error)
    except Exception:
        text = "<str() of the exception failed>"
    message = f"{prefix}{type(error).__qualname__}: {text}{where}"
    try:
        trace = "".join(_traceback.format_exception(type(error), error, tb))
    except Exception:
        trace = message + "\n"
    return message, trace


def _register_source(filename, source):
    # Lets tracebacks quote lines of a script that came from a string.
    lines = source.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    _linecache.cache[filename] = (len(source), None, lines, filename)


def check_syntax(source, filename):
    """None if `source` compiles, else a one-line description of the SyntaxError."""
    try:
        compile(source, filename, "exec")
        return None
    except SyntaxError as e:
        return f"{type(e).__name__}: {e.msg} (line {e.lineno} of {filename})"


def _compile(source, filename):
    _register_source(filename, source)
    try:
        return compile(source, filename, "exec")
    except SyntaxError as e:
        raise SyntaxError(f"failed to compile python script: {e.msg} (line {e.lineno} of {filename})") from None


def main_globals():
    return _sys.modules["__main__"].__dict__


def sys_path():
    return list(_sys.path)


def adopt_sys_path(main_path):
    """Puts the main interpreter's sys.path (bundled packages, an activated venv) first in this one's."""
    own = [p for p in _sys.path if p not in main_path]
    _sys.path[:] = list(main_path) + own


def import_modules(names):
    """Imports each module and binds its top-level package in __main__, as `import a.b` would."""
    g = main_globals()
    for name in names:
        _importlib.import_module(name)
        top = name.split(".", 1)[0]
        g[top] = _importlib.import_module(top)


# ---------------------------------------------------------------------------- processor and output


class ScriptRunner:
    """One processor's (or output's) script in one interpreter, with the state it keeps.

    As in rp-connect-python, the script runs for every message with exec(code, __main__ globals,
    locals): `locals` is kept across messages and batches (top-level variables, imports and
    functions persist; only `root` and `meta` are reset), and functions the script defines do not
    see its top-level names.
    """

    def __init__(self, source, filename, serializer, discard):
        self.filename = filename
        self.code = _compile(source, filename)
        self.serializer = serializer
        self.discard = discard  # output: run for side effects, stop at the first failure
        self.globals = main_globals()
        self.globals["content"] = content
        self.globals["metadata"] = metadata
        self.globals["unpickle"] = unpickle
        self.root = Root()
        self.meta = {}
        self.locals = {}

    def process(self, batch):
        """For each (content, metadata, carried) a result: None when dropped, else
        (payload or None, metadata updates or None, error or None, carried or None, traceback or None)."""
        global _content, _metadata
        code = self.code
        g = self.globals
        loc = self.locals
        root = self.root
        meta = self.meta
        serializer = self.serializer
        bloblang = serializer == "bloblang"
        root_data = _root_data(root)
        discard = self.discard
        results = []
        append = results.append
        for message_content, message_metadata, carried in batch:
            _content = message_content
            _metadata = message_metadata
            meta.clear()
            root_data.clear()
            loc["root"] = root
            loc["meta"] = meta
            if carried is not None:
                loc["this"] = carried.value
            try:
                exec(code, g, loc)
            except BaseException as e:
                message, trace = _describe_failure(e, self.filename, "problem executing Python script: ")
                append((None, None, message, None, trace))
                if discard:
                    break
                continue
            if discard:
                append(None)
                continue
            try:
                value = loc["root"]
            except KeyError:
                append((None, None, "'root' not found in Python script: it was deleted; "
                        "assign root = None to drop the message", None, ""))
                continue
            written = loc.get("meta")
            if written is meta and not meta:
                updates = error = None
            elif "meta" in loc:
                updates, error = meta_updates(written)
            else:
                updates = error = None
            if value is None:
                append(None)
                continue
            try:
                if value is root and bloblang:
                    payload, carried_out = _dumps(root_data), None
                else:
                    payload, carried_out = serialise(value, serializer)
            except SerialisationError as e:
                payload, carried_out = None, None
                error = f"{error}; {e}" if error else str(e)
            except (TypeError, ValueError, RecursionError) as e:
                payload, carried_out = None, None
                e = f"cannot serialise root as JSON: {e}; {_TYPE_HINT}"
                error = f"{error}; {e}" if error else e
            append((payload, updates or None, error, carried_out, None))
        _content = b""
        _metadata = {}
        return results


def new_runner(source, filename, serializer, discard):
    return ScriptRunner(source, filename, serializer, discard)


# ---------------------------------------------------------------------------- input


class InputSource:
    """Items from the object a python input's `name` refers to, serialised for messages."""

    def __init__(self, obj, name, serializer, filename):
        self.obj = obj
        self.name = name
        self.serializer = serializer
        self.filename = filename
        self.count = 0
        self.done = False
        self.state = {}
        self.pass_state = False
        if isinstance(obj, _abc.Iterator):
            self.kind = "iterator"
        elif isinstance(obj, (list, tuple, range)):
            self.kind = "sequence"
            self.length = len(obj)  # as the reference: items appended later are not read
        elif callable(obj) and not isinstance(obj, type):
            self.kind = "function"
            try:
                parameters = _inspect.signature(obj).parameters
            except (TypeError, ValueError):
                parameters = {}
            state = parameters.get("state")
            self.pass_state = (state is not None and state.kind in (state.POSITIONAL_OR_KEYWORD, state.KEYWORD_ONLY)) \
                or any(p.kind == p.VAR_KEYWORD for p in parameters.values())
        else:
            self.kind = "object"

    def _next(self):
        """(item, ended)."""
        kind = self.kind
        if kind == "iterator":
            try:
                return next(self.obj), False
            except StopIteration:
                return None, True
        if kind == "sequence":
            if self.count >= self.length:
                return None, True
            return self.obj[self.count], False
        if kind == "function":
            item = self.obj(state=self.state) if self.pass_state else self.obj()
            return item, item is None
        if self.count > 0:
            return None, True
        return self.obj, False

    def _serialise(self, item):
        serializer = self.serializer
        if serializer == "pickle":
            try:
                return _pickle.dumps(item), None
            except Exception as e:
                raise SerialisationError(f"cannot pickle item {self.count} of '{self.name}' "
                                         f"({type(item).__qualname__}): {type(e).__name__}: {e}") from None
        if serializer == "none":
            return describe(item), Carried(item)
        if type(item) is float and item.is_integer() and abs(item) < 1e21:
            # Numbers from an input are structured values in Redpanda Connect, printed as Go does: 3.0 is 3.
            return int.__repr__(int(item)).encode(), None
        try:
            return to_bloblang(item, "the item", _ITEM_HINT), None
        except SerialisationError as e:
            raise SerialisationError(f"item {self.count} of '{self.name}': {e}") from None

    def read(self, batch_size):
        """(items, ended, error, traceback): up to batch_size (payload, carried) pairs."""
        items = []
        if self.done:
            return items, True, None, None
        while len(items) < batch_size:
            try:
                item, ended = self._next()
            except BaseException as e:
                self.done = True
                what = "function" if self.kind == "function" else self.kind
                message, trace = _describe_failure(
                    e, self.filename, f"python input '{self.name}' ({what}) raised ")
                return items, True, message, trace
            if ended:
                self.done = True
                return items, True, None, None
            if item is None and self.serializer != "pickle":
                self.count += 1
                continue  # None items produce no message (bloblang, none)
            try:
                payload, carried = self._serialise(item)
            except SerialisationError as e:
                self.done = True
                return items, True, f"python input: {e}", None
            self.count += 1
            items.append((payload, carried))
        return items, False, None, None


def new_input(source, filename, name, serializer):
    """Runs the input script at the top level of __main__ and wraps the object called `name`."""
    g = main_globals()
    code = _compile(source, filename)
    exec(code, g, g)
    if name not in g:
        defined = sorted(k for k in g if not k.startswith("_") and k not in ("content", "metadata", "unpickle"))
        raise LookupError(f"failed to find python data generator object '{name}': the script defines "
                          f"{', '.join(defined) if defined else 'no names'}; set `name:` to one of them")
    return InputSource(g[name], name, serializer, filename)
