package io.influxdb3j.python;

import java.util.Optional;

/**
 * Thrown by a {@link JavaFunction} to raise a chosen Python exception in the calling Python code,
 * for example {@code new PythonRaise("ValueError", "ttl must not be negative")}, or an exception
 * class the host created itself ({@code QueryError}) passed as a handle.
 */
public final class PythonRaise extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String builtinType;
    private final transient PyObjectHandle exceptionClass;

    /** Raises the built-in exception named {@code builtinType} ({@code "ValueError"}, {@code "TypeError"}, ...). */
    public PythonRaise(String builtinType, String message) {
        super(message);
        this.builtinType = builtinType;
        this.exceptionClass = null;
    }

    /** Raises an instance of {@code exceptionClass}, a handle to a subclass of {@code BaseException}. */
    public PythonRaise(PyObjectHandle exceptionClass, String message) {
        super(message);
        this.builtinType = null;
        this.exceptionClass = exceptionClass;
    }

    public Optional<String> builtinType() {
        return Optional.ofNullable(builtinType);
    }

    public Optional<PyObjectHandle> exceptionClass() {
        return Optional.ofNullable(exceptionClass);
    }
}
