package io.influxdb3j.python;

import org.bytedeco.cpython.PyObject;
import org.bytedeco.cpython.destructor;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Reference counting. The JavaCPP presets do not map {@code Py_IncRef}/{@code Py_DecRef} (the C macros
 * cannot be mapped and the functions were left out), so both are called through function pointers
 * looked up in the loaded libpython. Callers must hold the GIL of the object's interpreter.
 */
final class Refs {
    // JavaCPP's FunctionPointer dereferences its address to find the function: it must point at a
    // cell holding the function's address. The cells are kept here so they are never freed.
    private static final PointerPointer<Pointer> DECREF_CELL = cell("Py_DecRef");
    private static final PointerPointer<Pointer> INCREF_CELL = cell("Py_IncRef");
    private static final destructor DECREF = new destructor(DECREF_CELL);
    private static final destructor INCREF = new destructor(INCREF_CELL);

    private Refs() {}

    private static PointerPointer<Pointer> cell(String symbol) {
        Loader.load(org.bytedeco.cpython.global.python.class);
        Pointer function = Loader.addressof(symbol);
        if (function == null || function.isNull()) {
            throw new IllegalStateException("symbol " + symbol + " not found in the loaded libpython");
        }
        PointerPointer<Pointer> cell = new PointerPointer<>(1);
        cell.put(0, function);
        return cell;
    }

    /** Drops one reference; null-safe. */
    static void decref(PyObject object) {
        if (object != null && !object.isNull()) {
            DECREF.call(object);
        }
    }

    /** Adds one reference and returns the same object, for "new reference" results. */
    static PyObject incref(PyObject object) {
        INCREF.call(object);
        return object;
    }

    static boolean isNull(Pointer pointer) {
        return pointer == null || pointer.isNull();
    }

    /** A pointer with the given raw address, for APIs that carry an opaque {@code void*}. */
    static Pointer rawAddress(long value) {
        // Not named "address": inside the anonymous class that name is Pointer's own field.
        return new Pointer() {
            {
                this.address = value;
            }
        };
    }
}
