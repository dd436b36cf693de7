"""Helpers the Java host (io.influxdb3j.python) runs inside every interpreter it drives.

Not an API for plugins: it is never put in sys.modules, and names may change with the host.
"""
import datetime as _datetime
import linecache as _linecache
import os as _os
import site as _site
import sys as _sys
import traceback as _traceback

_UTC = _datetime.timezone.utc
_EPOCH = _datetime.datetime(1970, 1, 1, tzinfo=_UTC)

datetime_type = _datetime.datetime


class PluginTimeout(BaseException):
    """Raised asynchronously into a call that ran past its time limit.

    A BaseException, like KeyboardInterrupt, so that `except Exception:` in plugin code does not
    swallow it; the host raises it again every 100 ms until the call ends.
    """


def describe_exception(exc):
    """Returns (type name, message, file or None, line or None, formatted traceback)."""
    name = type(exc).__qualname__
    if isinstance(exc, SyntaxError):
        # The error is in the source itself, not in a frame; str(exc) already names file and line.
        filename, lineno = exc.filename, exc.lineno
    else:
        filename = lineno = None
        frames = _traceback.extract_tb(exc.__traceback__)
        if frames:
            filename, lineno = frames[-1].filename, frames[-1].lineno
    try:
        message = str(exc)
    except BaseException:
        message = "<str() of the exception failed>"
    try:
        text = "".join(_traceback.format_exception(exc))
    except BaseException:
        text = name + ": " + message + "\n"
    return name, message, filename, lineno, text


def register_source(filename, source):
    """Lets tracebacks quote code that was loaded from a string rather than imported from a file.

    An mtime of None tells linecache.checkcache() to leave the entry alone.
    """
    lines = source.splitlines(True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    _linecache.cache[filename] = (len(source), None, lines, filename)


def instant_to_datetime(seconds, micros):
    """An aware UTC datetime from whole seconds since the epoch plus microseconds."""
    return _EPOCH + _datetime.timedelta(seconds=seconds, microseconds=micros)


def datetime_to_instant(value):
    """(seconds, microseconds) since the epoch of an aware datetime, or None if it is naive."""
    if value.utcoffset() is None:
        return None
    delta = value - _EPOCH
    return delta.days * 86400 + delta.seconds, delta.microseconds


def local_to_datetime(year, month, day, hour, minute, second, micros):
    """A naive datetime (no tzinfo) from its fields."""
    return _datetime.datetime(year, month, day, hour, minute, second, micros)


def datetime_to_local(value):
    """The fields of a naive datetime."""
    return (value.year, value.month, value.day, value.hour, value.minute, value.second,
            value.microsecond)


def activate_virtual_environment(venv, site_packages, bin_dir):
    """What `source <venv>/bin/activate` plus InfluxDB 3's start-up do to the running interpreter.

    The venv's site-packages goes at the END of sys.path (base packages shadow venv packages of
    the same name, as in InfluxDB 3); site.addsitedir also honours its .pth files.
    """
    _os.environ["VIRTUAL_ENV"] = venv
    path = _os.environ.get("PATH", "")
    if bin_dir not in path.split(_os.pathsep):
        _os.environ["PATH"] = bin_dir + (_os.pathsep + path if path else "")
    _sys.prefix = venv
    _sys.exec_prefix = venv
    if site_packages not in _sys.path:
        _site.addsitedir(site_packages)
