package io.influxdb3j.objectstore;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;

/** The object store's failure: an invalid path (user error), a missing object, or an I/O error (internal). */
public class ObjectStoreException extends InfluxException {
    private static final long serialVersionUID = 1L;

    public ObjectStoreException(ErrorCode code, String message) {
        super(code, message);
    }

    public ObjectStoreException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }

    static ObjectStoreException io(String operation, String path, Throwable cause) {
        return new ObjectStoreException(ErrorCode.INTERNAL,
                "object store " + operation + " of '" + path + "' failed: " + cause, cause);
    }
}
