package io.influxdb3j.engine;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.python.JavaFunction;
import io.influxdb3j.python.PyModuleHandle;
import io.influxdb3j.python.PythonInterpreter;
import io.influxdb3j.python.PythonRaise;
import io.influxdb3j.python.PythonRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's Python side in the main interpreter, set up once per process: the host module of Java
 * callbacks ({@code influxdb3j_engine_host}), the runtime module ({@code influxdb3j_engine_runtime},
 * from {@code engine_runtime.py}) and {@code builtins.LineBuilder} (from {@code line_builder.py}).
 *
 * <p>There is one per interpreter: the main interpreter's is shared by all plugins; an isolated
 * trigger's sub-interpreter gets its own, with its own modules and therefore its own cache.
 *
 * <p>The invocation registry is process-wide, so callbacks find their {@link PluginInvocation} by the id
 * the runtime passes back; ids are registered for the duration of one call.
 */
final class EngineRuntime {
    static final String HOST_MODULE = "influxdb3j_engine_host";
    static final String RUNTIME_MODULE = "influxdb3j_engine_runtime";

    private static final ConcurrentHashMap<Long, PluginInvocation> INVOCATIONS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    private final PythonInterpreter python;
    private final PyModuleHandle module;

    private EngineRuntime(PythonInterpreter python) {
        this.python = python;
        python.registerModule(HOST_MODULE, Map.<String, JavaFunction>of(
                "log", (args, kwargs) -> {
                    invocation(args).log((String) args.get(1), (String) args.get(2));
                    return null;
                },
                "write", (args, kwargs) -> invocation(args).write((String) args.get(1), (String) args.get(2),
                        (Boolean) args.get(3)),
                "query", (args, kwargs) -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> params = (Map<String, Object>) args.get(2);
                    return invocation(args).query((String) args.get(1), params, (String) args.get(3));
                },
                "now_ns", (args, kwargs) -> invocation(args).nowNanos()));
        module = python.load(RUNTIME_MODULE, resource("engine_runtime.py"), null, true);
        python.call(module, "install_line_builder", resource("line_builder.py"));
    }

    private static final class Holder {
        static final EngineRuntime INSTANCE = new EngineRuntime(PythonRuntime.get().mainInterpreter());
    }

    /** The engine in the main interpreter, shared by every plugin that is not isolated. */
    static EngineRuntime get() {
        return Holder.INSTANCE;
    }

    /** The engine set up in another interpreter (an isolated trigger's sub-interpreter). */
    static EngineRuntime in(PythonInterpreter python) {
        return new EngineRuntime(python);
    }

    PythonInterpreter python() {
        return python;
    }

    PyModuleHandle module() {
        return module;
    }

    long register(PluginInvocation invocation) {
        long id = IDS.incrementAndGet();
        INVOCATIONS.put(id, invocation);
        return id;
    }

    void unregister(long id) {
        INVOCATIONS.remove(id);
    }

    private static PluginInvocation invocation(List<Object> args) {
        PluginInvocation invocation = INVOCATIONS.get((Long) args.get(0));
        if (invocation == null) {
            throw new PythonRaise("RuntimeError",
                    "this influxdb3_local object belongs to a plugin call that has finished");
        }
        return invocation;
    }

    private static String resource(String name) {
        try (InputStream in = EngineRuntime.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new InfluxException(ErrorCode.INTERNAL, "engine resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot read engine resource " + name, e);
        }
    }
}
