# LineBuilder as InfluxDB 3 plugins see it: executed in __main__'s globals, after which the engine
# sets builtins.LineBuilder. The exception classes stay in __main__ only, as in InfluxDB 3 Core.


class InfluxDBError(Exception):
    pass


class InvalidMeasurementError(InfluxDBError):
    pass


class InvalidKeyError(InfluxDBError):
    pass


class InvalidLineError(InfluxDBError):
    pass


def _check_key(kind, key):
    if not key:
        raise InvalidKeyError(f"{kind} key cannot be empty")
    if " " in key:
        raise InvalidKeyError(f"{kind} key '{key}' cannot contain spaces")
    if "," in key:
        raise InvalidKeyError(f"{kind} key '{key}' cannot contain commas")
    if "=" in key:
        raise InvalidKeyError(f"{kind} key '{key}' cannot contain equals signs")


def _escape_value(text):
    # Order matters: backslashes first, so the escapes added next are not doubled.
    return text.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=").replace(" ", "\\ ")


class LineBuilder:
    def __init__(self, measurement):
        if " " in measurement:
            raise InvalidMeasurementError("Measurement name cannot contain spaces")
        self.measurement = measurement
        self.tags = {}
        self.fields = {}
        self._timestamp_ns = None

    def tag(self, key, value):
        _check_key("tag", key)
        self.tags[key] = str(value)
        return self

    def int64_field(self, key, value):
        _check_key("field", key)
        self.fields[key] = f"{value}i"
        return self

    def uint64_field(self, key, value):
        _check_key("field", key)
        if value < 0:
            raise ValueError(f"uint64 field '{key}' cannot be negative")
        self.fields[key] = f"{value}u"
        return self

    def float64_field(self, key, value):
        _check_key("field", key)
        self.fields[key] = f"{int(value)}.0" if value % 1 == 0 else str(value)
        return self

    def string_field(self, key, value):
        _check_key("field", key)
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        self.fields[key] = f'"{escaped}"'
        return self

    def bool_field(self, key, value):
        _check_key("field", key)
        self.fields[key] = "t" if value else "f"
        return self

    def time_ns(self, timestamp_ns):
        self._timestamp_ns = timestamp_ns
        return self

    def build(self):
        line = self.measurement.replace(",", "\\,").replace(" ", "\\ ")
        for key, value in self.tags.items():
            line += f",{key}={_escape_value(value)}"
        if not self.fields:
            raise InvalidLineError(f"At least one field is required: {line}")
        line += " " + ",".join(f"{_escape_value(key)}={value}" for key, value in self.fields.items())
        if self._timestamp_ns is not None:
            line += f" {self._timestamp_ns}"
        return line
