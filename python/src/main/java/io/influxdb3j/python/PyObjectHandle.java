package io.influxdb3j.python;

import java.lang.ref.Cleaner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.cpython.PyObject;

/**
 * An opaque, reference-counted Python object held from Java: a value with no Java form (an instance
 * of a plugin's class, a set, a function...), a module, or an exception.
 *
 * <p>It holds one strong reference in its interpreter and can be passed back as an argument or
 * used as a call target, in that same interpreter only. {@link #close()} drops the reference (from
 * any thread; it takes the GIL); a handle never closed is released once it becomes unreachable.
 * Using a closed handle throws {@link IllegalStateException}.
 */
public sealed class PyObjectHandle implements AutoCloseable permits PyModuleHandle {
    private static final Cleaner CLEANER = Cleaner.create();

    private final AbstractInterpreter owner;
    private final Release release;
    private final Cleaner.Cleanable cleanable;
    private final String typeName;

    /** Takes over one reference to {@code object}; the caller holds the GIL. */
    PyObjectHandle(AbstractInterpreter owner, PyObject object, String typeName) {
        this.owner = owner;
        this.release = new Release(owner, object);
        this.cleanable = CLEANER.register(this, release);
        this.typeName = typeName;
    }

    /** The object's Python type, qualified by module unless built in ({@code collections.deque}). */
    public String typeName() {
        return typeName;
    }

    /** The interpreter the object lives in. */
    public PythonInterpreter interpreter() {
        return owner;
    }

    public boolean isClosed() {
        return release.released.get();
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    /** A new reference to the object, for use in {@code caller}; the caller holds the GIL. */
    PyObject newReference(AbstractInterpreter caller) {
        if (caller != owner) {
            throw PythonException.hostError(PythonException.Kind.INTERNAL, "a " + this
                    + " belongs to interpreter '" + owner.name() + "' and cannot be used in '" + caller.name() + "'");
        }
        // Safe against a concurrent close(): releasing needs the GIL, which the caller holds.
        if (release.released.get()) {
            throw new IllegalStateException(this + " is closed");
        }
        return Refs.incref(release.object);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + typeName + (isClosed() ? ", closed" : "") + "]";
    }

    // Must not refer to the handle, or the Cleaner would never run it.
    private static final class Release implements Runnable {
        private final AbstractInterpreter owner;
        private final PyObject object;
        private final AtomicBoolean released = new AtomicBoolean();

        Release(AbstractInterpreter owner, PyObject object) {
            this.owner = owner;
            this.object = object;
        }

        @Override
        public void run() {
            if (released.compareAndSet(false, true)) {
                owner.releaseReference(object);
            }
        }
    }
}
