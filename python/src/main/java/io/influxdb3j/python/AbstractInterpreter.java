package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyCallable_Check;
import static org.bytedeco.cpython.global.python.PyDict_DelItem;
import static org.bytedeco.cpython.global.python.PyDict_SetItem;
import static org.bytedeco.cpython.global.python.PyDict_SetItemString;
import static org.bytedeco.cpython.global.python.PyErr_Clear;
import static org.bytedeco.cpython.global.python.PyErr_GetRaisedException;
import static org.bytedeco.cpython.global.python.PyEval_EvalCode;
import static org.bytedeco.cpython.global.python.PyEval_RestoreThread;
import static org.bytedeco.cpython.global.python.PyEval_SaveThread;
import static org.bytedeco.cpython.global.python.PyExc_ImportError;
import static org.bytedeco.cpython.global.python.PyExc_SyntaxError;
import static org.bytedeco.cpython.global.python.PyImport_GetModuleDict;
import static org.bytedeco.cpython.global.python.PyImport_ImportModule;
import static org.bytedeco.cpython.global.python.PyModule_GetDict;
import static org.bytedeco.cpython.global.python.PyModule_NewObject;
import static org.bytedeco.cpython.global.python.PyObject_Call;
import static org.bytedeco.cpython.global.python.PyObject_CallObject;
import static org.bytedeco.cpython.global.python.PyObject_GetAttr;
import static org.bytedeco.cpython.global.python.PyObject_GetAttrString;
import static org.bytedeco.cpython.global.python.PyObject_IsInstance;
import static org.bytedeco.cpython.global.python.PyObject_SetAttr;
import static org.bytedeco.cpython.global.python.PyThreadState_SetAsyncExc;
import static org.bytedeco.cpython.global.python.PyThread_get_thread_ident;
import static org.bytedeco.cpython.global.python.Py_CompileStringObject;
import static org.bytedeco.cpython.global.python.Py_TYPE;
import static org.bytedeco.cpython.global.python.Py_file_input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.PyThreadState;
import org.bytedeco.javacpp.BytePointer;

/**
 * The interpreter API over the C API, for any interpreter. Subclasses say how a thread gets the
 * interpreter's GIL ({@link #withGil}), how a reference is released from an arbitrary thread, and
 * how the timeout watchdog gets in.
 *
 * <p>Every {@code ...Locked} method and every field holding a {@code PyObject} needs the GIL.
 */
abstract sealed class AbstractInterpreter implements PythonInterpreter permits MainInterpreter, SubInterpreter {
    private static final String SUPPORT_MODULE = "influxdb3j_support";
    private static final Duration REFIRE_INTERVAL = Duration.ofMillis(100);
    /** Runs small jobs that must not run on the caller's thread (a reference dropped from a virtual thread). */
    static final ScheduledExecutorService HELPER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "python-helper");
        thread.setDaemon(true);
        return thread;
    });

    private final String name;
    final Conversions conversions = new Conversions(this);

    // This interpreter's own objects, set once by bootstrapLocked() and kept for its lifetime.
    PyObject builtins;
    PyObject support;
    PyObject describeException;
    PyObject timeoutClass;
    PyObject datetimeType;
    PyObject instantToDatetime;
    PyObject datetimeToInstant;
    PyObject localToDatetime;
    PyObject datetimeToLocal;
    PyObject activateVirtualEnvironment;
    PyObject registerSource;

    AbstractInterpreter(String name) {
        this.name = name;
    }

    @FunctionalInterface
    interface GilTask<T> {
        T run();
    }

    /** Runs {@code task} on the calling thread (or the interpreter's own) holding this interpreter's GIL. */
    abstract <T> T withGil(GilTask<T> task);

    /** Runs {@code task} holding the GIL from a JVM helper thread (watchdog, Cleaner); never re-entrantly. */
    abstract void withGilFromHelperThread(Runnable task);

    /** Drops a reference from any thread, now or as soon as the interpreter can; a no-op once it is gone. */
    abstract void releaseReference(PyObject object);

    /** Releases the GIL around a Java function; returns what {@link #reacquireGilAfterJava} needs. */
    PyThreadState releaseGilForJava() {
        return PyEval_SaveThread();
    }

    void reacquireGilAfterJava(PyThreadState saved) {
        PyEval_RestoreThread(saved);
    }

    @Override
    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- bootstrap

    /** Loads the support module and caches its helpers; the caller holds the GIL. */
    void bootstrapLocked() {
        builtins = newReferenceOrThrow(PyImport_ImportModule("builtins"));
        support = loadLocked(SUPPORT_MODULE, supportSource(), null, false);
        describeException = attribute(support, "describe_exception");
        timeoutClass = attribute(support, "PluginTimeout");
        datetimeType = attribute(support, "datetime_type");
        instantToDatetime = attribute(support, "instant_to_datetime");
        datetimeToInstant = attribute(support, "datetime_to_instant");
        localToDatetime = attribute(support, "local_to_datetime");
        datetimeToLocal = attribute(support, "datetime_to_local");
        activateVirtualEnvironment = attribute(support, "activate_virtual_environment");
        registerSource = attribute(support, "register_source");
    }

    private static String supportSource() {
        try (InputStream in = AbstractInterpreter.class.getResourceAsStream(SUPPORT_MODULE + ".py")) {
            if (in == null) {
                throw new IllegalStateException(SUPPORT_MODULE + ".py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PyObject attribute(PyObject target, String attributeName) {
        return newReferenceOrThrow(PyObject_GetAttrString(target, attributeName));
    }

    private PyObject newReferenceOrThrow(PyObject object) {
        if (Refs.isNull(object)) {
            throw currentError();
        }
        return object;
    }

    // ---------------------------------------------------------------- errors

    /**
     * Takes the raised Python exception and describes it; the caller holds the GIL. Never returns
     * null: with no exception set it reports that as an internal error.
     */
    PythonException currentError() {
        PyObject exception = PyErr_GetRaisedException();
        if (Refs.isNull(exception)) {
            return PythonException.hostError(PythonException.Kind.INTERNAL,
                    "a Python API call failed in interpreter '" + name + "' without raising an exception");
        }
        PythonException.Kind kind = classify(exception);
        String typeName = Conversions.typeName(Py_TYPE(exception));
        PyObjectHandle handle = new PyObjectHandle(this, exception, typeName); // takes our reference
        List<?> parts = describe(exception);
        if (parts == null) {
            return new PythonException(kind, typeName + " (could not be described)", typeName, "", null, 0,
                    typeName + "\n", handle);
        }
        String pythonType = (String) parts.get(0);
        String message = (String) parts.get(1);
        String file = (String) parts.get(2);
        int line = parts.get(3) == null ? 0 : ((Long) parts.get(3)).intValue();
        String summary = pythonType + ": " + message;
        // A SyntaxError's message already says "(file, line N)".
        String where = kind == PythonException.Kind.SYNTAX || file == null ? "" : " (at " + file + ", line " + line + ")";
        return new PythonException(kind, summary + where, pythonType, message, file, line, (String) parts.get(4),
                handle);
    }

    private PythonException.Kind classify(PyObject exception) {
        if (timeoutClass != null && PyObject_IsInstance(exception, timeoutClass) == 1) {
            return PythonException.Kind.TIMEOUT;
        } else if (PyObject_IsInstance(exception, PyExc_SyntaxError()) == 1) {
            return PythonException.Kind.SYNTAX;
        } else if (PyObject_IsInstance(exception, PyExc_ImportError()) == 1) {
            return PythonException.Kind.IMPORT;
        }
        return PythonException.Kind.RUNTIME;
    }

    private List<?> describe(PyObject exception) {
        if (describeException == null) {
            return null; // failing while bootstrapping
        }
        PyObject args = conversions.tuple(List.of(new Conversions.Borrowed(exception)));
        PyObject description = PyObject_CallObject(describeException, args);
        Refs.decref(args);
        if (Refs.isNull(description)) {
            PyErr_Clear();
            return null;
        }
        try {
            return (List<?>) conversions.toJava(description);
        } finally {
            Refs.decref(description);
        }
    }

    // ---------------------------------------------------------------- the API

    @Override
    public PyModuleHandle load(String moduleName, String sourceCode, Path fileForTracebacks, boolean addToSysModules) {
        Objects.requireNonNull(moduleName, "moduleName");
        Objects.requireNonNull(sourceCode, "sourceCode");
        int nul = sourceCode.indexOf('\0');
        if (nul >= 0) {
            throw PythonException.hostError(PythonException.Kind.SYNTAX, "the source of module '" + moduleName
                    + "' contains a NUL character at offset " + nul + ": Python source cannot contain NUL");
        }
        return withGil(() -> new PyModuleHandle(this,
                loadLocked(moduleName, sourceCode, fileForTracebacks, addToSysModules), moduleName, fileForTracebacks));
    }

    /** Compiles and runs source as a new module; returns a new reference to it. */
    PyObject loadLocked(String moduleName, String sourceCode, Path file, boolean addToSysModules) {
        PyObject fileName = conversions.string(file == null ? "<" + moduleName + ">" : file.toString());
        PyObject name = null;
        PyObject code = null;
        PyObject module = null;
        PyObject result = null;
        try (BytePointer source = new BytePointer(sourceCode, StandardCharsets.UTF_8)) {
            registerSourceLocked(fileName, sourceCode);
            code = Py_CompileStringObject(source, fileName, Py_file_input, null, -1);
            if (Refs.isNull(code)) {
                throw currentError();
            }
            name = conversions.string(moduleName);
            module = newReferenceOrThrow(PyModule_NewObject(name));
            PyObject globals = PyModule_GetDict(module); // borrowed
            if (file != null) {
                PyDict_SetItemString(globals, "__file__", fileName);
            }
            PyDict_SetItemString(globals, "__builtins__", builtins);
            if (addToSysModules && PyDict_SetItem(PyImport_GetModuleDict(), name, module) < 0) {
                throw currentError();
            }
            result = PyEval_EvalCode(code, globals, globals);
            if (Refs.isNull(result)) {
                PythonException error = currentError();
                if (addToSysModules) {
                    PyDict_DelItem(PyImport_GetModuleDict(), name); // as a failed import does
                    PyErr_Clear();
                }
                throw error;
            }
            PyObject loaded = module;
            module = null;
            return loaded;
        } finally {
            Refs.decref(result);
            Refs.decref(module);
            Refs.decref(code);
            Refs.decref(name);
            Refs.decref(fileName);
        }
    }

    private void registerSourceLocked(PyObject fileName, String sourceCode) {
        if (registerSource == null) {
            return; // bootstrapping
        }
        PyObject args = conversions.tuple(List.of(new Conversions.Borrowed(fileName), sourceCode));
        PyObject result = PyObject_CallObject(registerSource, args);
        Refs.decref(args);
        if (Refs.isNull(result)) {
            throw currentError();
        }
        Refs.decref(result);
    }

    @Override
    public PyModuleHandle importModule(String moduleName) {
        Objects.requireNonNull(moduleName, "moduleName");
        return withGil(() -> {
            try (BytePointer cName = new BytePointer(moduleName, StandardCharsets.UTF_8)) {
                return new PyModuleHandle(this, newReferenceOrThrow(PyImport_ImportModule(cName)), moduleName, null);
            }
        });
    }

    @Override
    public PyModuleHandle registerModule(String moduleName, Map<String, JavaFunction> functions) {
        Objects.requireNonNull(moduleName, "moduleName");
        Map<String, JavaFunction> copy = new LinkedHashMap<>(functions);
        return withGil(() -> {
            PyObject name = conversions.string(moduleName);
            PyObject module = null;
            try {
                module = newReferenceOrThrow(PyModule_NewObject(name));
                for (Map.Entry<String, JavaFunction> entry : copy.entrySet()) {
                    PyObject function = JavaCallbacks.create(this, entry.getKey(), entry.getValue(), name);
                    PyObject attributeName = conversions.string(entry.getKey());
                    int status = PyObject_SetAttr(module, attributeName, function);
                    Refs.decref(attributeName);
                    Refs.decref(function);
                    if (status < 0) {
                        throw currentError();
                    }
                }
                if (PyDict_SetItem(PyImport_GetModuleDict(), name, module) < 0) {
                    throw currentError();
                }
                PyModuleHandle handle = new PyModuleHandle(this, module, moduleName, null);
                module = null;
                return handle;
            } finally {
                Refs.decref(module);
                Refs.decref(name);
            }
        });
    }

    @Override
    public PyObjectHandle createFunction(String functionName, JavaFunction function) {
        Objects.requireNonNull(functionName, "functionName");
        Objects.requireNonNull(function, "function");
        return withGil(() -> new PyObjectHandle(this, JavaCallbacks.create(this, functionName, function, null),
                "builtin_function_or_method"));
    }

    @Override
    public boolean hasFunction(PyObjectHandle target, String functionName) {
        return withGil(() -> {
            PyObject self = target.newReference(this);
            PyObject attribute = getAttributeLocked(self, functionName);
            Refs.decref(self);
            if (Refs.isNull(attribute)) {
                PyErr_Clear();
                return false;
            }
            boolean callable = PyCallable_Check(attribute) == 1;
            Refs.decref(attribute);
            return callable;
        });
    }

    @Override
    public Object getAttribute(PyObjectHandle target, String attributeName) {
        return withGil(() -> {
            PyObject self = target.newReference(this);
            PyObject attribute = getAttributeLocked(self, attributeName);
            Refs.decref(self);
            if (Refs.isNull(attribute)) {
                throw currentError();
            }
            try {
                return conversions.toJava(attribute);
            } finally {
                Refs.decref(attribute);
            }
        });
    }

    private PyObject getAttributeLocked(PyObject self, String attributeName) {
        PyObject key = conversions.string(attributeName);
        try {
            return PyObject_GetAttr(self, key);
        } finally {
            Refs.decref(key);
        }
    }

    @Override
    public Object callWithKeywords(PyObjectHandle target, String function, List<?> args, Map<String, ?> kwargs) {
        Objects.requireNonNull(function, "function");
        return withGil(() -> callLocked(target, function, args, kwargs));
    }

    @Override
    public Object invoke(PyObjectHandle callable, List<?> args, Map<String, ?> kwargs) {
        return withGil(() -> callLocked(callable, null, args, kwargs));
    }

    /** {@code target.function(*args, **kwargs)}, or {@code target(...)} when function is null. */
    private Object callLocked(PyObjectHandle target, String function, List<?> args, Map<String, ?> kwargs) {
        PyObject self = target.newReference(this);
        PyObject callable = null;
        PyObject tuple = null;
        PyObject dict = null;
        PyObject result = null;
        try {
            if (function == null) {
                callable = self;
                self = null;
            } else {
                callable = getAttributeLocked(self, function);
                if (Refs.isNull(callable)) {
                    throw currentError();
                }
            }
            tuple = conversions.tuple(args);
            dict = conversions.keywords(kwargs);
            result = PyObject_Call(callable, tuple, dict);
            if (Refs.isNull(result)) {
                throw currentError();
            }
            return conversions.toJava(result);
        } finally {
            Refs.decref(result);
            Refs.decref(dict);
            Refs.decref(tuple);
            Refs.decref(callable);
            Refs.decref(self);
        }
    }

    // ---------------------------------------------------------------- timeouts

    /** One call under a time limit. {@code running} and {@code interrupted} are written only while holding the GIL. */
    static final class TimedCall {
        final AbstractInterpreter interpreter;
        final long threadIdent;
        volatile long nextFireNanos;
        volatile boolean running = true;
        volatile boolean interrupted;

        TimedCall(AbstractInterpreter interpreter, long threadIdent, long deadlineNanos) {
            this.interpreter = interpreter;
            this.threadIdent = threadIdent;
            this.nextFireNanos = deadlineNanos;
        }
    }

    @Override
    public Object callWithTimeout(Duration timeout, PyObjectHandle target, String function, List<?> args,
            Map<String, ?> kwargs) {
        Objects.requireNonNull(function, "function");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, not " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return withGil(() -> {
            TimedCall call = new TimedCall(this, PyThread_get_thread_ident(), deadline);
            Watchdog.INSTANCE.add(call);
            try {
                return callLocked(target, function, args, kwargs);
            } catch (PythonException e) {
                if (call.interrupted && e.kind() == PythonException.Kind.TIMEOUT) {
                    throw new PythonException(PythonException.Kind.TIMEOUT,
                            "plugin exceeded its time limit of " + describe(timeout), e.pythonType().orElse(null),
                            e.pythonMessage(), e.file().orElse(null), e.line(), e.traceback(),
                            e.exception().orElse(null));
                }
                throw e;
            } finally {
                // Under the GIL, so the watchdog either saw the call running and raised, or sees it
                // finished and does nothing; an exception raised but not yet delivered is cancelled.
                call.running = false;
                Watchdog.INSTANCE.remove(call);
                if (call.interrupted) {
                    PyThreadState_SetAsyncExc(call.threadIdent, null);
                }
            }
        });
    }

    /** Raises the timeout in a call past its deadline; on the watchdog thread. */
    void interrupt(TimedCall call) {
        if (!call.running) {
            return;
        }
        withGilFromHelperThread(() -> {
            if (call.running) {
                PyThreadState_SetAsyncExc(call.threadIdent, timeoutClass);
                call.interrupted = true;
            }
        });
    }

    /**
     * The one thread that interrupts timed calls past their deadline (and again every
     * {@link #REFIRE_INTERVAL} while one keeps running). It looks at the running calls every
     * {@link #TICK_NANOS} while there are any, and sleeps once none has run for a second, so a call
     * costs two set operations rather than scheduling and cancelling a task; deadlines are met to
     * within a tick.
     */
    static final class Watchdog {
        static final Watchdog INSTANCE = new Watchdog();
        private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
        private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

        private final Set<TimedCall> calls = ConcurrentHashMap.newKeySet();
        private final Thread thread;
        private volatile boolean sleeping;

        private Watchdog() {
            thread = Thread.ofPlatform().name("python-timeout-watchdog").daemon(true).unstarted(this::run);
            thread.start();
        }

        void add(TimedCall call) {
            calls.add(call);
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        void remove(TimedCall call) {
            calls.remove(call);
        }

        private void run() {
            long idleSince = System.nanoTime();
            while (true) {
                long now = System.nanoTime();
                if (calls.isEmpty()) {
                    if (now - idleSince >= LINGER_NANOS) {
                        sleeping = true;
                        if (calls.isEmpty()) {
                            LockSupport.park(this);
                        }
                        sleeping = false;
                        idleSince = System.nanoTime();
                        continue;
                    }
                } else {
                    idleSince = now;
                    for (TimedCall call : calls) {
                        if (call.running && now - call.nextFireNanos >= 0) {
                            call.nextFireNanos = now + REFIRE_INTERVAL.toNanos();
                            try {
                                call.interpreter.interrupt(call);
                            } catch (RuntimeException | Error e) {
                                // an interpreter being ended; its calls are over
                            }
                        }
                    }
                }
                LockSupport.parkNanos(this, TICK_NANOS);
            }
        }
    }

    static String describe(Duration duration) {
        if (duration.toNanos() % 1_000_000_000L == 0) {
            return duration.toSeconds() + "s";
        } else if (duration.toNanos() % 1_000_000L == 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toNanos() / 1000.0 + "us";
    }

    // ---------------------------------------------------------------- virtual environments

    void activateVirtualEnvironmentLocked(Path venv, Path sitePackages, Path binDir) {
        PyObject args = conversions.tuple(List.of(venv.toString(), sitePackages.toString(), binDir.toString()));
        PyObject result = PyObject_CallObject(activateVirtualEnvironment, args);
        Refs.decref(args);
        if (Refs.isNull(result)) {
            throw currentError();
        }
        Refs.decref(result);
    }

    /** Runs a statement in a scratch namespace and returns nothing; for setup code. */
    void execLocked(String source) {
        PyObject module = loadLocked("__influxdb3j_exec__", source, null, false);
        Refs.decref(module);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }
}
