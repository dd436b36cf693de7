/**
 * Embedded CPython for the JVM: the runtime, its interpreters, the GIL, and values crossing
 * between Java and Python. The processing engine builds on it; nothing here knows about plugins.
 *
 * <p><b>What it owns.</b> {@link io.influxdb3j.python.PythonRuntime} starts CPython 3.14 from the
 * {@code org.bytedeco:cpython} jars once per process (isolated from {@code PYTHON*} variables, no
 * signal handlers, {@code sys.executable} = the bundled {@code python3.14}) and activates virtual
 * environments the way InfluxDB 3 does. {@link io.influxdb3j.python.PythonInterpreter} is the API:
 * the shared main interpreter, or a {@link io.influxdb3j.python.SubInterpreter} with its own GIL.
 *
 * <p><b>How data moves.</b> Java values are copied into Python objects through the C API (never
 * via text), the Python function runs, and its result is copied back; objects with no Java form
 * stay in Python behind reference-counted {@link io.influxdb3j.python.PyObjectHandle}s. Python
 * exceptions become {@link io.influxdb3j.python.PythonException} with the traceback. Python calls
 * Java through {@link io.influxdb3j.python.JavaFunction}s exposed as callables or as a module.
 *
 * <p><b>Threading and GIL contract.</b>
 * <ul>
 *   <li>After start the GIL is free. Each interpreter method takes the GIL on entry and releases it
 *       on return ({@code PyGILState_Ensure}/{@code Release} for the main interpreter); no caller
 *       ever holds the GIL between calls. Any platform thread may call, concurrently: calls
 *       interleave at the GIL, CPython switching threads every 5 ms.
 *   <li>A {@link io.influxdb3j.python.JavaFunction} runs with the GIL <b>released</b>
 *       ({@code PyEval_SaveThread} before, {@code PyEval_RestoreThread} after), so it may block, or
 *       wait for another thread that runs Python, without deadlock; it may also call back into the
 *       interpreter on its own thread.
 *   <li>Virtual threads cannot call the main interpreter (CPython state is per OS thread); a
 *       sub-interpreter runs everything on its own platform thread, so anyone may call it.
 *   <li>A call with a timeout is stopped by a watchdog thread that takes the GIL and raises an
 *       exception in the calling thread ({@code PyThreadState_SetAsyncExc}); Python code stuck in a
 *       system call or a Java function notices when it returns to Python.
 *   <li>Handles are released by {@code close()} or a {@link java.lang.ref.Cleaner}, both of which
 *       take the GIL themselves.
 * </ul>
 */
package io.influxdb3j.python;
