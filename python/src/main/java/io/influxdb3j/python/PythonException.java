package io.influxdb3j.python;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.Optional;

/**
 * A failure inside embedded Python, or at the border between Java and Python.
 *
 * <p>{@link #getMessage()} is one line: {@code <ExcType>: <message>}, then where it happened when the
 * message does not already say so. {@link #summary()} is exactly {@code <ExcType>: <message>}, the
 * text InfluxDB 3 reports for plugin errors; {@link #traceback()} is the full Python traceback.
 */
public final class PythonException extends InfluxException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, which decides the error code. */
    public enum Kind {
        /** The source does not compile: {@link ErrorCode#INVALID_ARGUMENT}. */
        SYNTAX(ErrorCode.INVALID_ARGUMENT),
        /** The module's top level raised ImportError or ModuleNotFoundError: {@link ErrorCode#INVALID_ARGUMENT}. */
        IMPORT(ErrorCode.INVALID_ARGUMENT),
        /** Python code raised: a user (plugin) error, {@link ErrorCode#INVALID_ARGUMENT}. */
        RUNTIME(ErrorCode.INVALID_ARGUMENT),
        /** The call ran past its time limit and was interrupted: {@link ErrorCode#LIMIT_EXCEEDED}. */
        TIMEOUT(ErrorCode.LIMIT_EXCEEDED),
        /** A Python value could not become a Java value (too deeply nested, say): {@link ErrorCode#INVALID_ARGUMENT}. */
        CONVERSION(ErrorCode.INVALID_ARGUMENT),
        /** The host misused the API or the interpreter failed: {@link ErrorCode#INTERNAL}. */
        INTERNAL(ErrorCode.INTERNAL);

        private final ErrorCode code;

        Kind(ErrorCode code) {
            this.code = code;
        }

        public ErrorCode code() {
            return code;
        }
    }

    private final Kind kind;
    private final String pythonType;
    private final String pythonMessage;
    private final String file;
    private final int line;
    private final String traceback;
    // The live exception object, so a failure can be raised again unchanged when it crosses a Java
    // callback on its way back into Python. Not serialised: it belongs to a running interpreter.
    private final transient PyObjectHandle exception;

    PythonException(Kind kind, String message, String pythonType, String pythonMessage, String file, int line,
            String traceback, PyObjectHandle exception) {
        super(kind.code(), message);
        this.kind = kind;
        this.pythonType = pythonType;
        this.pythonMessage = pythonMessage;
        this.file = file;
        this.line = line;
        this.traceback = traceback;
        this.exception = exception;
    }

    /** A failure on the Java side of the border, with no Python exception behind it. */
    static PythonException hostError(Kind kind, String message) {
        return new PythonException(kind, message, null, message, null, 0, "", null);
    }

    public Kind kind() {
        return kind;
    }

    /** The Python exception's class name ({@code ZeroDivisionError}), or empty for host-side failures. */
    public Optional<String> pythonType() {
        return Optional.ofNullable(pythonType);
    }

    /** {@code str(exception)} in Python. */
    public String pythonMessage() {
        return pythonMessage;
    }

    /** {@code <ExcType>: <message>}, the wording InfluxDB 3 uses for plugin errors. */
    public String summary() {
        return pythonType == null ? pythonMessage : pythonType + ": " + pythonMessage;
    }

    /** The file of the innermost frame, or of the syntax error. */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** The line in {@link #file()}, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The traceback as Python's {@code traceback.format_exception} prints it; empty for host-side failures. */
    public String traceback() {
        return traceback;
    }

    /** The exception object itself while its interpreter lives, to re-raise or inspect it. */
    public Optional<PyObjectHandle> exception() {
        return Optional.ofNullable(exception);
    }
}
