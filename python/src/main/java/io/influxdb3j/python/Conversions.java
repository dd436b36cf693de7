package io.influxdb3j.python;

import static org.bytedeco.cpython.global.python.PyBool_FromLong;
import static org.bytedeco.cpython.global.python.PyBool_Type;
import static org.bytedeco.cpython.global.python.PyByteArray_AsString;
import static org.bytedeco.cpython.global.python.PyByteArray_Size;
import static org.bytedeco.cpython.global.python.PyByteArray_Type;
import static org.bytedeco.cpython.global.python.PyBytes_AsString;
import static org.bytedeco.cpython.global.python.PyBytes_FromStringAndSize;
import static org.bytedeco.cpython.global.python.PyBytes_Size;
import static org.bytedeco.cpython.global.python.PyBytes_Type;
import static org.bytedeco.cpython.global.python.PyDict_Keys;
import static org.bytedeco.cpython.global.python.PyDict_New;
import static org.bytedeco.cpython.global.python.PyDict_SetItem;
import static org.bytedeco.cpython.global.python.PyDict_Type;
import static org.bytedeco.cpython.global.python.PyDict_Values;
import static org.bytedeco.cpython.global.python.PyFloat_AsDouble;
import static org.bytedeco.cpython.global.python.PyFloat_FromDouble;
import static org.bytedeco.cpython.global.python.PyFloat_Type;
import static org.bytedeco.cpython.global.python.PyList_GetItem;
import static org.bytedeco.cpython.global.python.PyList_New;
import static org.bytedeco.cpython.global.python.PyList_SetItem;
import static org.bytedeco.cpython.global.python.PyList_Size;
import static org.bytedeco.cpython.global.python.PyList_Type;
import static org.bytedeco.cpython.global.python.PyLong_AsLongLongAndOverflow;
import static org.bytedeco.cpython.global.python.PyLong_AsNativeBytes;
import static org.bytedeco.cpython.global.python.PyLong_FromLongLong;
import static org.bytedeco.cpython.global.python.PyLong_FromNativeBytes;
import static org.bytedeco.cpython.global.python.PyLong_Type;
import static org.bytedeco.cpython.global.python.PyObject_CallObject;
import static org.bytedeco.cpython.global.python.PyObject_IsInstance;
import static org.bytedeco.cpython.global.python.PyTuple_GetItem;
import static org.bytedeco.cpython.global.python.PyTuple_New;
import static org.bytedeco.cpython.global.python.PyTuple_SetItem;
import static org.bytedeco.cpython.global.python.PyTuple_Size;
import static org.bytedeco.cpython.global.python.PyTuple_Type;
import static org.bytedeco.cpython.global.python.PyType_GetFlags;
import static org.bytedeco.cpython.global.python.PyType_GetFullyQualifiedName;
import static org.bytedeco.cpython.global.python.PyType_IsSubtype;
import static org.bytedeco.cpython.global.python.PyUnicode_4BYTE_KIND;
import static org.bytedeco.cpython.global.python.PyUnicode_DATA;
import static org.bytedeco.cpython.global.python.PyUnicode_GET_LENGTH;
import static org.bytedeco.cpython.global.python.PyUnicode_KIND;
import static org.bytedeco.cpython.global.python.PyUnicode_New;
import static org.bytedeco.cpython.global.python.PyUnicode_Type;
import static org.bytedeco.cpython.global.python.Py_CONSTANT_NONE;
import static org.bytedeco.cpython.global.python.Py_CONSTANT_TRUE;
import static org.bytedeco.cpython.global.python.Py_GetConstant;
import static org.bytedeco.cpython.global.python.Py_GetConstantBorrowed;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_BYTES_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_DICT_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_LIST_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_LONG_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_TUPLE_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TPFLAGS_UNICODE_SUBCLASS;
import static org.bytedeco.cpython.global.python.Py_TYPE;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Consumer;
import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.PyTypeObject;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.CharPointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Copies values between Java and Python through the C API, one interpreter each (datetime
 * conversion calls that interpreter's helpers). Every method needs the interpreter's GIL.
 *
 * <p>This is a hot path (every plugin argument and result crosses it), so it dispatches on the
 * exact type's address first and only then looks at subclass flags. Types are static objects
 * shared by all interpreters, so their addresses are read once.
 */
final class Conversions {
    /** Containers nested deeper than this are refused (it is almost always a cycle). */
    static final int MAX_DEPTH = 200;

    private static final long NONE = Py_GetConstantBorrowed(Py_CONSTANT_NONE).address();
    private static final long TRUE = Py_GetConstantBorrowed(Py_CONSTANT_TRUE).address();
    private static final long BOOL_TYPE = PyBool_Type().address();
    private static final long LONG_TYPE = PyLong_Type().address();
    private static final long FLOAT_TYPE = PyFloat_Type().address();
    private static final long UNICODE_TYPE = PyUnicode_Type().address();
    private static final long BYTES_TYPE = PyBytes_Type().address();
    private static final long BYTEARRAY_TYPE = PyByteArray_Type().address();
    private static final long LIST_TYPE = PyList_Type().address();
    private static final long TUPLE_TYPE = PyTuple_Type().address();
    private static final long DICT_TYPE = PyDict_Type().address();

    // Py_ASNATIVEBYTES_BIG_ENDIAN, signed: the layout of BigInteger.toByteArray().
    private static final int BIG_ENDIAN_SIGNED = 0;

    private final AbstractInterpreter interpreter;

    Conversions(AbstractInterpreter interpreter) {
        this.interpreter = interpreter;
    }

    // ---------------------------------------------------------------- Java to Python

    /** A new reference to the Python form of {@code value}. */
    PyObject toPython(Object value) {
        return toPython(value, 0);
    }

    /** A new tuple of the Python forms of {@code values}. */
    PyObject tuple(List<?> values) {
        return tuple(values, 0);
    }

    /** A new dict from {@code values}, or null when it is empty (for keyword arguments). */
    PyObject keywords(Map<String, ?> values) {
        return values.isEmpty() ? null : dict(values, 0);
    }

    private PyObject toPython(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw tooDeep("a Java value");
        }
        return switch (value) {
            case null -> Py_GetConstant(Py_CONSTANT_NONE);
            case Boolean b -> PyBool_FromLong(b ? 1 : 0);
            case Long l -> created(PyLong_FromLongLong(l));
            case Integer i -> created(PyLong_FromLongLong(i));
            case Short s -> created(PyLong_FromLongLong(s));
            case Byte b -> created(PyLong_FromLongLong(b));
            case BigInteger big -> bigInteger(big);
            case Double d -> created(PyFloat_FromDouble(d));
            case Float f -> created(PyFloat_FromDouble(f));
            case String s -> string(s);
            case Character c -> string(String.valueOf(c));
            case byte[] bytes -> bytes(bytes);
            case int[] ints -> nativeBytes(ints.length, 4L, at -> new IntPointer(at).put(ints, 0, ints.length));
            case long[] longs -> nativeBytes(longs.length, 8L, at -> new LongPointer(at).put(longs, 0, longs.length));
            case double[] doubles -> nativeBytes(doubles.length, 8L,
                    at -> new DoublePointer(at).put(doubles, 0, doubles.length));
            case PyObjectHandle handle -> handle.newReference(interpreter);
            case Borrowed borrowed -> Refs.incref(borrowed.object());
            case List<?> list -> list(list, depth);
            case Object[] array -> tuple(Arrays.asList(array), depth);
            case Map<?, ?> map -> dict(map, depth);
            case Instant instant -> callHelper(interpreter.instantToDatetime,
                    List.of(instant.getEpochSecond(), instant.getNano() / 1000));
            case LocalDateTime t -> callHelper(interpreter.localToDatetime, List.of(t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(), t.getNano() / 1000));
            default -> throw PythonException.hostError(PythonException.Kind.INTERNAL, "cannot pass a "
                    + value.getClass().getName() + " to Python: supported are null, Boolean, Byte, Short, Integer, "
                    + "Long, BigInteger, Float, Double, Character, String, byte[], int[], long[], double[], List, Object[], "
                    + "Map, Instant, "
                    + "LocalDateTime and PyObjectHandle");
        };
    }

    private PyObject created(PyObject object) {
        if (Refs.isNull(object)) {
            throw interpreter.currentError();
        }
        return object;
    }

    private PyObject bigInteger(BigInteger value) {
        if (value.bitLength() < 64) {
            return created(PyLong_FromLongLong(value.longValue()));
        }
        byte[] bytes = value.toByteArray();
        try (BytePointer buffer = new BytePointer(bytes.length)) {
            buffer.put(bytes, 0, bytes.length);
            return created(PyLong_FromNativeBytes(buffer, bytes.length, BIG_ENDIAN_SIGNED));
        }
    }

    /**
     * Writes the characters straight into a new str of the narrowest kind. Exact for every Java
     * string: a lone surrogate becomes the same lone code point, as with Python's "surrogatepass".
     */
    PyObject string(String value) {
        return newString(value);
    }

    /** As {@link #string}, for callers without an interpreter at hand. */
    static PyObject newString(String value) {
        int length = value.length();
        char max = 0;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c > max) {
                max = c;
            }
        }
        if (max < 0x100) {
            PyObject str = allocated(PyUnicode_New(length, max));
            if (length > 0) {
                new BytePointer(PyUnicode_DATA(str)).put(value.getBytes(StandardCharsets.ISO_8859_1), 0, length);
            }
            return str;
        }
        if (max < Character.MIN_SURROGATE || noSurrogates(value)) {
            PyObject str = allocated(PyUnicode_New(length, max));
            new CharPointer(PyUnicode_DATA(str)).put(value.toCharArray(), 0, length);
            return str;
        }
        int[] codePoints = value.codePoints().toArray();
        int maxCodePoint = 0;
        for (int codePoint : codePoints) {
            maxCodePoint = Math.max(maxCodePoint, codePoint);
        }
        PyObject str = allocated(PyUnicode_New(codePoints.length, maxCodePoint));
        if (PyUnicode_KIND(str) == PyUnicode_4BYTE_KIND) {
            new IntPointer(PyUnicode_DATA(str)).put(codePoints, 0, codePoints.length);
        } else {
            // Only lone surrogates, no pairs: one char per code point.
            new CharPointer(PyUnicode_DATA(str)).put(value.toCharArray(), 0, length);
        }
        return str;
    }

    private static PyObject allocated(PyObject str) {
        if (Refs.isNull(str)) {
            org.bytedeco.cpython.global.python.PyErr_Clear();
            throw PythonException.hostError(PythonException.Kind.INTERNAL, "Python could not allocate a str");
        }
        return str;
    }

    private static boolean noSurrogates(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isSurrogate(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private PyObject bytes(byte[] value) {
        PyObject bytes = created(PyBytes_FromStringAndSize((BytePointer) null, value.length));
        if (value.length > 0) {
            PyBytes_AsString(bytes).put(value, 0, value.length);
        }
        return bytes;
    }

    /**
     * bytes holding the values of a primitive array in native byte order ({@code array.array} reads
     * them back), copied straight into the new bytes object.
     */
    private PyObject nativeBytes(int count, long width, Consumer<BytePointer> fill) {
        PyObject bytes = created(PyBytes_FromStringAndSize((BytePointer) null, count * width));
        if (count > 0) {
            fill.accept(PyBytes_AsString(bytes));
        }
        return bytes;
    }

    private PyObject list(List<?> values, int depth) {
        PyObject list = created(PyList_New(values.size()));
        try {
            if (values instanceof RandomAccess) {
                for (int i = 0; i < values.size(); i++) {
                    PyList_SetItem(list, i, toPython(values.get(i), depth + 1)); // steals the item
                }
            } else {
                int i = 0;
                for (Object value : values) {
                    PyList_SetItem(list, i++, toPython(value, depth + 1));
                }
            }
        } catch (RuntimeException | Error e) {
            Refs.decref(list); // empty slots are NULL, which list deallocation allows
            throw e;
        }
        return list;
    }

    private PyObject tuple(List<?> values, int depth) {
        PyObject tuple = created(PyTuple_New(values.size()));
        try {
            int i = 0;
            for (Object value : values) {
                PyTuple_SetItem(tuple, i++, toPython(value, depth + 1)); // steals the item
            }
        } catch (RuntimeException | Error e) {
            Refs.decref(tuple);
            throw e;
        }
        return tuple;
    }

    private PyObject dict(Map<?, ?> values, int depth) {
        PyObject dict = created(PyDict_New());
        try {
            for (Map.Entry<?, ?> entry : values.entrySet()) {
                PyObject key = toPython(entry.getKey(), depth + 1);
                PyObject value = null;
                try {
                    value = toPython(entry.getValue(), depth + 1);
                    if (PyDict_SetItem(dict, key, value) < 0) {
                        throw interpreter.currentError();
                    }
                } finally {
                    Refs.decref(key);
                    Refs.decref(value);
                }
            }
        } catch (RuntimeException | Error e) {
            Refs.decref(dict);
            throw e;
        }
        return dict;
    }

    private PyObject callHelper(PyObject helper, List<?> args) {
        PyObject tuple = tuple(args, 0);
        try {
            return created(PyObject_CallObject(helper, tuple));
        } finally {
            Refs.decref(tuple);
        }
    }

    // ---------------------------------------------------------------- Python to Java

    /** The Java form of {@code object}, which stays borrowed. */
    Object toJava(PyObject object) {
        return toJava(object, 0);
    }

    private Object toJava(PyObject object, int depth) {
        if (depth > MAX_DEPTH) {
            throw tooDeep("a Python value");
        }
        long address = object.address();
        if (address == NONE) {
            return null;
        }
        PyTypeObject type = Py_TYPE(object);
        long typeAddress = type.address();
        if (typeAddress == BOOL_TYPE) {
            return address == TRUE;
        } else if (typeAddress == LONG_TYPE) {
            return integer(object);
        } else if (typeAddress == FLOAT_TYPE) {
            return PyFloat_AsDouble(object);
        } else if (typeAddress == UNICODE_TYPE) {
            return javaString(object);
        } else if (typeAddress == DICT_TYPE) {
            return map(object, depth);
        } else if (typeAddress == LIST_TYPE) {
            return javaList(object, depth);
        } else if (typeAddress == TUPLE_TYPE) {
            return javaTuple(object, depth);
        } else if (typeAddress == BYTES_TYPE) {
            return javaBytes(object);
        }
        return subclassOrOther(object, type, depth);
    }

    private Object subclassOrOther(PyObject object, PyTypeObject type, int depth) {
        long flags = PyType_GetFlags(type);
        if ((flags & Py_TPFLAGS_LONG_SUBCLASS) != 0) {
            return integer(object); // bool cannot be subclassed, so this is an int subclass (IntEnum...)
        } else if ((flags & Py_TPFLAGS_UNICODE_SUBCLASS) != 0) {
            return javaString(object);
        } else if ((flags & Py_TPFLAGS_DICT_SUBCLASS) != 0) {
            return map(object, depth);
        } else if ((flags & Py_TPFLAGS_LIST_SUBCLASS) != 0) {
            return javaList(object, depth);
        } else if ((flags & Py_TPFLAGS_TUPLE_SUBCLASS) != 0) {
            return javaTuple(object, depth); // namedtuples too
        } else if ((flags & Py_TPFLAGS_BYTES_SUBCLASS) != 0) {
            return javaBytes(object);
        } else if (type.address() == BYTEARRAY_TYPE) {
            byte[] bytes = new byte[(int) PyByteArray_Size(object)];
            PyByteArray_AsString(object).get(bytes);
            return bytes;
        } else if (PyType_IsSubtype(type, PyFloat_Type()) != 0) {
            return PyFloat_AsDouble(object);
        }
        int isDatetime = PyObject_IsInstance(object, interpreter.datetimeType);
        if (isDatetime < 0) {
            throw interpreter.currentError();
        } else if (isDatetime > 0) {
            return datetime(object);
        }
        return new PyObjectHandle(interpreter, Refs.incref(object), typeName(type));
    }

    private Object integer(PyObject object) {
        int[] overflow = new int[1];
        long value = PyLong_AsLongLongAndOverflow(object, overflow);
        if (overflow[0] == 0) {
            if (value == -1) {
                checkNoError();
            }
            return value;
        }
        long size = PyLong_AsNativeBytes(object, null, 0, BIG_ENDIAN_SIGNED);
        if (size < 0) {
            throw interpreter.currentError();
        }
        try (BytePointer buffer = new BytePointer(size)) {
            if (PyLong_AsNativeBytes(object, buffer, size, BIG_ENDIAN_SIGNED) < 0) {
                throw interpreter.currentError();
            }
            byte[] bytes = new byte[(int) size];
            buffer.get(bytes);
            return new BigInteger(bytes);
        }
    }

    private void checkNoError() {
        if (!Refs.isNull(org.bytedeco.cpython.global.python.PyErr_Occurred())) {
            throw interpreter.currentError();
        }
    }

    /** Reads the str's code units straight from its storage, whatever its kind. */
    static String javaString(PyObject str) {
        int length = (int) PyUnicode_GET_LENGTH(str);
        Pointer data = PyUnicode_DATA(str);
        switch (PyUnicode_KIND(str)) {
            case 1 -> {
                byte[] latin1 = new byte[length];
                new BytePointer(data).get(latin1);
                return new String(latin1, StandardCharsets.ISO_8859_1);
            }
            case 2 -> {
                char[] chars = new char[length];
                new CharPointer(data).get(chars);
                return new String(chars);
            }
            default -> {
                int[] codePoints = new int[length];
                new IntPointer(data).get(codePoints);
                return new String(codePoints, 0, length);
            }
        }
    }

    private static byte[] javaBytes(PyObject object) {
        byte[] bytes = new byte[(int) PyBytes_Size(object)];
        if (bytes.length > 0) {
            PyBytes_AsString(object).get(bytes);
        }
        return bytes;
    }

    private List<Object> javaList(PyObject list, int depth) {
        int size = (int) PyList_Size(list);
        List<Object> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            // Borrowed; converting an element never runs code that could shrink the list, except a
            // datetime helper, and those do not touch it.
            result.add(toJava(PyList_GetItem(list, i), depth + 1));
        }
        return result;
    }

    /** A tuple's items as a list. */
    List<Object> javaTuple(PyObject tuple, int depth) {
        int size = (int) PyTuple_Size(tuple);
        List<Object> result = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            result.add(toJava(PyTuple_GetItem(tuple, i), depth + 1));
        }
        return result;
    }

    private Map<Object, Object> map(PyObject dict, int depth) {
        // Keys and values as two lists, in the dict's order: no native iteration state to allocate.
        PyObject keys = created(PyDict_Keys(dict));
        PyObject values = null;
        try {
            values = created(PyDict_Values(dict));
            int size = (int) PyList_Size(keys);
            Map<Object, Object> result = LinkedHashMap.newLinkedHashMap(size);
            for (int i = 0; i < size; i++) {
                result.put(toJava(PyList_GetItem(keys, i), depth + 1), toJava(PyList_GetItem(values, i), depth + 1));
            }
            return result;
        } finally {
            Refs.decref(keys);
            Refs.decref(values);
        }
    }

    /** Keyword arguments of a call into Java: keys are always str. */
    @SuppressWarnings("unchecked")
    Map<String, Object> keywordsToJava(PyObject kwargs) {
        if (Refs.isNull(kwargs)) {
            return Map.of();
        }
        return (Map<String, Object>) (Map<?, ?>) map(kwargs, 0);
    }

    private Object datetime(PyObject value) {
        PyObject tuple = null;
        PyObject instant = callHelper(interpreter.datetimeToInstant, List.of(handleless(value)));
        try {
            if (instant.address() != NONE) {
                List<Object> parts = javaTuple(instant, 0);
                return Instant.ofEpochSecond((Long) parts.get(0), (Long) parts.get(1) * 1000);
            }
            tuple = callHelper(interpreter.datetimeToLocal, List.of(handleless(value)));
            List<Object> p = javaTuple(tuple, 0);
            return LocalDateTime.of(toInt(p.get(0)), toInt(p.get(1)), toInt(p.get(2)), toInt(p.get(3)),
                    toInt(p.get(4)), toInt(p.get(5)), toInt(p.get(6)) * 1000);
        } finally {
            Refs.decref(instant);
            Refs.decref(tuple);
        }
    }

    // Passes a borrowed object through toPython without making a handle (and a Cleaner entry).
    private Borrowed handleless(PyObject object) {
        return new Borrowed(object);
    }

    private static int toInt(Object value) {
        return ((Long) value).intValue();
    }

    static String typeName(PyTypeObject type) {
        PyObject name = PyType_GetFullyQualifiedName(type);
        if (Refs.isNull(name)) {
            org.bytedeco.cpython.global.python.PyErr_Clear();
            return "object";
        }
        try {
            return javaString(name);
        } finally {
            Refs.decref(name);
        }
    }

    private static PythonException tooDeep(String what) {
        return PythonException.hostError(PythonException.Kind.CONVERSION,
                what + " is nested more than " + MAX_DEPTH + " levels deep (a container that contains itself?)");
    }

    /** A borrowed Python object among Java arguments, for the helpers above. */
    record Borrowed(PyObject object) {}
}
