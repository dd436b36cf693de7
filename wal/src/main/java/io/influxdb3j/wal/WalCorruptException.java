package io.influxdb3j.wal;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;

/** A WAL file that cannot be decoded: bad magic, unknown format version, checksum mismatch, truncation or a malformed payload. */
public class WalCorruptException extends InfluxException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public WalCorruptException(String file, String detail) {
        super(ErrorCode.INTERNAL, "WAL file '" + file + "' is corrupt: " + detail);
        this.file = file;
    }

    /** The file (object path) that failed to decode. */
    public String file() {
        return file;
    }
}
