package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.METH_KEYWORDS;
import static org.bytedeco.cpython.global.python.METH_VARARGS;
import static org.bytedeco.cpython.global.python.PyCFunction_NewEx;
import static org.bytedeco.cpython.global.python.PyCapsule_GetPointer;
import static org.bytedeco.cpython.global.python.PyCapsule_New;
import static org.bytedeco.cpython.global.python.PyErr_Clear;
import static org.bytedeco.cpython.global.python.PyErr_Occurred;
import static org.bytedeco.cpython.global.python.PyErr_SetNone;
import static org.bytedeco.cpython.global.python.PyErr_SetObject;
import static org.bytedeco.cpython.global.python.PyErr_SetRaisedException;
import static org.bytedeco.cpython.global.python.PyExc_BaseException;
import static org.bytedeco.cpython.global.python.PyExc_RuntimeError;
import static org.bytedeco.cpython.global.python.PyObject_GetAttrString;
import static org.bytedeco.cpython.global.python.PyObject_IsSubclass;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.cpython.PyCFunction;
import org.bytedeco.cpython.PyCFunctionWithKeywords;
import org.bytedeco.cpython.PyCapsule_Destructor;
import org.bytedeco.cpython.PyMethodDef;
import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.PyThreadState;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Java functions as Python callables.
 *
 * <p>JavaCPP allows only a few native thunks per callback class, so every Java function shares one
 * dispatcher. Each Python function object is a builtin whose {@code self} is a capsule holding the
 * function's id; the dispatcher looks the id up. When Python frees the function, the capsule's
 * destructor forgets the id, so functions made per plugin invocation do not accumulate.
 *
 * <pre>
 *   Python: f(1, x=2) ──► builtin(self=capsule(id)) ──► Dispatcher.call(self, args, kwargs)
 *       convert args (GIL held) ─► release GIL ─► JavaFunction.call ─► re-take GIL ─► convert result
 * </pre>
 */
final class JavaCallbacks {
    private static final BytePointer CAPSULE_NAME = new BytePointer("influxdb3j.JavaFunction");
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Map<Long, Registered> REGISTRY = new ConcurrentHashMap<>();
    private static final Dispatcher DISPATCHER = new Dispatcher();
    private static final PyCFunction DISPATCH = new PyCFunction(DISPATCHER);
    private static final Forget FORGET = new Forget();

    // The PyMethodDef and its name must outlive the function object: they are kept until it is freed.
    private record Registered(AbstractInterpreter owner, String name, JavaFunction function, PyMethodDef def,
            BytePointer cName) {}

    private JavaCallbacks() {}

    /** A new reference to a builtin function calling {@code function}; the caller holds the GIL. */
    static PyObject create(AbstractInterpreter owner, String name, JavaFunction function, PyObject moduleName) {
        long id = NEXT_ID.incrementAndGet();
        BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8);
        PyMethodDef def = new PyMethodDef();
        def.ml_name(cName).ml_meth(DISPATCH).ml_flags(METH_VARARGS | METH_KEYWORDS).ml_doc(null);
        REGISTRY.put(id, new Registered(owner, name, function, def, cName));
        PyObject capsule = PyCapsule_New(Refs.rawAddress(id), CAPSULE_NAME, FORGET);
        if (Refs.isNull(capsule)) {
            REGISTRY.remove(id);
            throw owner.currentError();
        }
        PyObject callable = PyCFunction_NewEx(def, capsule, moduleName);
        Refs.decref(capsule); // the function holds it now; if creation failed this forgets the id
        if (Refs.isNull(callable)) {
            throw owner.currentError();
        }
        return callable;
    }

    /** How many Java functions Python currently holds (for tests and metrics). */
    static int liveFunctions() {
        return REGISTRY.size();
    }

    /** How many of them have a name starting with {@code prefix}. */
    static long liveFunctionsNamed(String prefix) {
        return REGISTRY.values().stream().filter(registered -> registered.name().startsWith(prefix)).count();
    }

    private static final class Dispatcher extends PyCFunctionWithKeywords {
        @Override
        public PyObject call(PyObject self, PyObject args, PyObject kwargs) {
            Registered registered = null;
            try {
                registered = REGISTRY.get(PyCapsule_GetPointer(self, CAPSULE_NAME).address());
                if (registered == null) {
                    setError(PyExc_RuntimeError(), "the Java function behind this callable is gone");
                    return null;
                }
                AbstractInterpreter owner = registered.owner();
                List<Object> javaArgs = owner.conversions.javaTuple(args, 0);
                Map<String, Object> javaKwargs = owner.conversions.keywordsToJava(kwargs);
                Object result = null;
                Throwable failure = null;
                // Release the GIL while Java runs: it may block, or wait for another thread that
                // needs this interpreter (InfluxDB 3 does the same around queries and writes).
                PyThreadState saved = owner.releaseGilForJava();
                try {
                    result = registered.function().call(javaArgs, javaKwargs);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    owner.reacquireGilAfterJava(saved);
                }
                if (failure != null) {
                    raise(owner, failure);
                    return null;
                }
                return owner.conversions.toPython(result);
            } catch (Throwable t) {
                // A failed conversion may already have set a Python error; otherwise set one. Nothing
                // may escape: a Java exception cannot unwind through CPython's frames.
                try {
                    if (Refs.isNull(PyErr_Occurred())) {
                        if (registered != null) {
                            raise(registered.owner(), t);
                        } else {
                            setError(PyExc_RuntimeError(), messageOf(t));
                        }
                    }
                } catch (Throwable second) {
                    if (Refs.isNull(PyErr_Occurred())) {
                        PyErr_SetNone(PyExc_RuntimeError());
                    }
                }
                return null;
            }
        }
    }

    private static final class Forget extends PyCapsule_Destructor {
        @Override
        public void call(PyObject capsule) {
            Pointer id = PyCapsule_GetPointer(capsule, CAPSULE_NAME);
            if (Refs.isNull(id)) {
                PyErr_Clear();
                return;
            }
            REGISTRY.remove(id.address());
        }
    }

    /** Sets the Python error for a Java failure; the caller holds the GIL. */
    static void raise(AbstractInterpreter owner, Throwable failure) {
        if (failure instanceof PythonRaise raise) {
            PyObject type = raise.exceptionClass().isPresent()
                    ? raise.exceptionClass().get().newReference(owner)
                    : builtinException(owner, raise.builtinType().orElse("RuntimeError"));
            try {
                setError(type, messageOf(failure));
            } finally {
                Refs.decref(type);
            }
            return;
        }
        if (failure instanceof PythonException python && python.exception().isPresent()
                && python.exception().get().interpreter() == owner && !python.exception().get().isClosed()) {
            // The original exception, traceback and all, continues up through the Python caller.
            PyErr_SetRaisedException(python.exception().get().newReference(owner));
            return;
        }
        setError(PyExc_RuntimeError(), messageOf(failure));
    }

    private static PyObject builtinException(AbstractInterpreter owner, String name) {
        try (BytePointer cName = new BytePointer(name, StandardCharsets.UTF_8)) {
            PyObject type = PyObject_GetAttrString(owner.builtins, cName);
            if (!Refs.isNull(type) && PyObject_IsSubclass(type, PyExc_BaseException()) == 1) {
                return type;
            }
            PyErr_Clear();
            Refs.decref(type);
            return Refs.incref(PyExc_RuntimeError());
        }
    }

    private static String messageOf(Throwable failure) {
        return failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
    }

    // JavaCPP's String conversion is avoided so any text survives exactly.
    private static void setError(PyObject type, String message) {
        PyObject text = Conversions.newString(message);
        try {
            PyErr_SetObject(type, text);
        } finally {
            Refs.decref(text);
        }
    }
}
