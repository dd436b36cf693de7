package io.influxdb3j.python;

import java.util.List;
import java.util.Map;

/**
 * A Java function Python code can call, made with {@link PythonInterpreter#createFunction} or
 * {@link PythonInterpreter#registerModule}.
 *
 * <p>Contract: it runs on the Python thread that called it, <b>with the GIL released</b>, so it may
 * block (I/O, a query, waiting for another thread that runs Python) without stopping other Python
 * threads, and it may call back into the same interpreter. Arguments arrive converted as
 * {@link PythonInterpreter} describes; values that have no Java form arrive as {@link PyObjectHandle}s
 * valid for the duration of the call (close them, or let them be collected). The result is converted
 * back. Throwing {@link PythonRaise} raises that Python exception; a {@link PythonException} from a
 * nested call re-raises the original Python exception; any other exception becomes a Python
 * {@code RuntimeError} carrying its message.
 */
@FunctionalInterface
public interface JavaFunction {
    Object call(List<Object> args, Map<String, Object> kwargs) throws Exception;
}
