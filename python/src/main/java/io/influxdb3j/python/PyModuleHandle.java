package io.influxdb3j.python;

import java.nio.file.Path;
import java.util.Optional;
import org.bytedeco.cpython.PyObject;

/** A module object: loaded from source, imported, or registered from Java functions. */
public final class PyModuleHandle extends PyObjectHandle {
    private final String moduleName;
    private final Path file;

    PyModuleHandle(AbstractInterpreter owner, PyObject module, String moduleName, Path file) {
        super(owner, module, "module");
        this.moduleName = moduleName;
        this.file = file;
    }

    public String moduleName() {
        return moduleName;
    }

    /** The file its tracebacks name, when it was loaded from source with one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    @Override
    public String toString() {
        return "PyModuleHandle[" + moduleName + (isClosed() ? ", closed" : "") + "]";
    }
}
