package io.influxdb3j.python;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A Python interpreter driven from Java: load source as modules, call their functions, expose Java
 * functions to Python.
 *
 * <p><b>Threads and the GIL.</b> Every method takes the interpreter's GIL itself and releases it
 * before returning; callers never manage the GIL. Methods may be called from any platform thread,
 * including re-entrantly from inside a {@link JavaFunction}. Virtual threads are refused: CPython
 * keeps per-OS-thread state that a virtual thread would carry to another carrier thread.
 *
 * <p><b>Conversion</b> copies values, never through text. Java to Python: {@code null} → None,
 * Boolean → bool, Byte/Short/Integer/Long/BigInteger → int, Float/Double → float, Character/String →
 * str, byte[] → bytes, int[]/long[]/double[] → bytes of the values in native byte order (for
 * {@code array.array}), List → list, Object[] → tuple, Map → dict (iteration order), Instant → aware
 * UTC datetime, LocalDateTime → naive datetime (both to the microsecond), {@link PyObjectHandle} →
 * the object itself. Python to Java: None → null, bool → Boolean, int → Long (BigInteger when it
 * does not fit), float → Double, str → String (exact, lone surrogates included), bytes/bytearray →
 * byte[], list/tuple → List, dict → LinkedHashMap, aware datetime → Instant, naive datetime →
 * LocalDateTime, subclasses of these as their base, anything else → {@link PyObjectHandle}.
 *
 * <p><b>Errors.</b> A Python exception becomes a {@link PythonException} with its type, message,
 * file, line and traceback.
 */
public sealed interface PythonInterpreter permits AbstractInterpreter {
    /** A name for messages: {@code main} or the sub-interpreter's name. */
    String name();

    /**
     * Compiles {@code sourceCode} and runs it as the body of a fresh module named {@code moduleName},
     * not entered in {@code sys.modules}. {@code fileForTracebacks} (nullable) becomes {@code __file__}
     * and the file name in tracebacks.
     *
     * @throws PythonException of kind SYNTAX if it does not compile, IMPORT if its top level fails to
     *     import something, RUNTIME if its top level raises anything else
     */
    default PyModuleHandle load(String moduleName, String sourceCode, Path fileForTracebacks) {
        return load(moduleName, sourceCode, fileForTracebacks, false);
    }

    /** As {@link #load(String, String, Path)}; when {@code addToSysModules}, other code can import it by name. */
    PyModuleHandle load(String moduleName, String sourceCode, Path fileForTracebacks, boolean addToSysModules);

    /** {@code import moduleName}, returning the module. */
    PyModuleHandle importModule(String moduleName);

    /**
     * Creates a module whose functions are the given Java functions and enters it in {@code sys.modules},
     * so Python code can {@code import moduleName}. Registering a name again replaces the module.
     */
    PyModuleHandle registerModule(String moduleName, Map<String, JavaFunction> functions);

    /** A Python callable that runs {@code function}; it lives as long as Python code holds it. */
    PyObjectHandle createFunction(String name, JavaFunction function);

    /** Whether {@code target} has a callable attribute {@code name}. */
    boolean hasFunction(PyObjectHandle target, String name);

    /** {@code target.name}, converted to Java. */
    Object getAttribute(PyObjectHandle target, String name);

    /** {@code target.function(*args)}; on a module, calls the module's function. */
    default Object call(PyObjectHandle target, String function, Object... args) {
        return callWithKeywords(target, function, Arrays.asList(args), Map.of());
    }

    /** {@code target.function(*args, **kwargs)}. {@code args} may hold nulls. */
    Object callWithKeywords(PyObjectHandle target, String function, List<?> args, Map<String, ?> kwargs);

    /**
     * {@code target.function(*args, **kwargs)}, interrupted if it runs longer than {@code timeout}:
     * an exception is raised asynchronously in the running Python code (again every 100 ms if it is
     * caught), so a busy loop stops. Code blocked in a system call ({@code time.sleep}) or inside a
     * {@link JavaFunction} is interrupted when it returns to Python.
     *
     * @throws PythonException of kind TIMEOUT: "plugin exceeded its time limit of 5s"
     */
    Object callWithTimeout(Duration timeout, PyObjectHandle target, String function, List<?> args,
            Map<String, ?> kwargs);

    /** {@code callable(*args, **kwargs)}. */
    Object invoke(PyObjectHandle callable, List<?> args, Map<String, ?> kwargs);
}
