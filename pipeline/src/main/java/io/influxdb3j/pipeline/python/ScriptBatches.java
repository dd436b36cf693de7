package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.python.PyObjectHandle;
import io.influxdb3j.python.PythonException;
import io.influxdb3j.python.PythonInterpreter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A processor's or output's script, compiled once in each interpreter of its pool, and run over
 * whole batches: one Java→Python call per batch, which runs the script for each message in order
 * ({@code ScriptRunner.process} in {@code pipeline_support.py}).
 */
final class ScriptBatches implements AutoCloseable {
    private final InterpreterPool pool;
    private final PyObjectHandle[] runners;

    /** One message's outcome. {@code failed}: the script raised, the message continues unchanged. */
    record Result(byte[] payload, Map<String, Object> metadataUpdates, String error, PyObjectHandle carried,
            String traceback, boolean failed) {}

    /**
     * @param discard for the output: skip serialisation and stop at the first failing message
     * @throws PipelineException if the script does not compile or an interpreter cannot start
     */
    ScriptBatches(PythonComponentConfig config, int interpreters, String name, String fileName, boolean discard) {
        this.pool = InterpreterPool.open(config.mode(), interpreters, name, config.modules());
        try {
            List<PyObjectHandle> created = pool.runOnEach(slot -> (PyObjectHandle) slot.interpreter().call(slot.support(),
                    "new_runner", config.script(), fileName, config.serializer().configName(), discard));
            this.runners = created.toArray(PyObjectHandle[]::new);
        } catch (PythonException e) {
            pool.close();
            throw new PipelineException("script: " + e.pythonMessage()
                    + (e.kind() == PythonException.Kind.SYNTAX ? "" : " (" + e.summary() + ")"), e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    PythonMode mode() {
        return pool.mode();
    }

    InterpreterPool pool() {
        return pool;
    }

    int interpreters() {
        return runners.length;
    }

    /**
     * Runs the script for each message; a null entry means the message was dropped ({@code root = None}).
     * With {@code discard}, the list ends at the first failure.
     */
    List<Result> run(List<Message> batch) {
        List<?> raw = pool.run(slot -> {
            PythonInterpreter interpreter = slot.interpreter();
            List<Object[]> items = new ArrayList<>(batch.size());
            for (Message message : batch) {
                items.add(new Object[] {message.content(), metadataForPython(message.metadata()),
                    carriedFor(message, interpreter)});
            }
            return (List<?>) interpreter.call(runners[slot.index()], "process", items);
        });
        List<Result> results = new ArrayList<>(raw.size());
        for (Object entry : raw) {
            if (entry == null) {
                results.add(null);
                continue;
            }
            List<?> fields = (List<?>) entry;
            @SuppressWarnings("unchecked")
            Map<String, Object> updates = (Map<String, Object>) fields.get(1);
            String traceback = (String) fields.get(4);
            results.add(new Result((byte[]) fields.get(0), updates, (String) fields.get(2),
                    (PyObjectHandle) fields.get(3), traceback, traceback != null));
        }
        return results;
    }

    /** The object a message carries for {@code this}, when it can be used in {@code interpreter}. */
    static PyObjectHandle carriedFor(Message message, PythonInterpreter interpreter) {
        if (message.carried() instanceof PyObjectHandle handle
                && PythonSerializer.NONE.configName().equals(message.metadata().get(PythonSerializer.METADATA_KEY))
                && handle.interpreter() == interpreter && !handle.isClosed()) {
            return handle;
        }
        return null;
    }

    /** The metadata as Python can take it: values of other types become their text. */
    static Map<String, Object> metadataForPython(Map<String, Object> metadata) {
        for (Object value : metadata.values()) {
            if (!passable(value)) {
                Map<String, Object> copy = new LinkedHashMap<>();
                metadata.forEach((key, v) -> copy.put(key, sanitize(v)));
                return copy;
            }
        }
        return metadata;
    }

    private static boolean passable(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> true;
            case Long l -> true;
            case Integer i -> true;
            case Double d -> true;
            case Boolean b -> true;
            case byte[] bytes -> true;
            case Short s -> true;
            case Float f -> true;
            case BigInteger big -> true;
            case List<?> list -> list.stream().allMatch(ScriptBatches::passable);
            case Map<?, ?> map -> map.keySet().stream().allMatch(String.class::isInstance)
                    && map.values().stream().allMatch(ScriptBatches::passable);
            default -> false;
        };
    }

    private static Object sanitize(Object value) {
        if (passable(value)) {
            return value;
        }
        return switch (value) {
            case List<?> list -> list.stream().map(ScriptBatches::sanitize).toList();
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((key, v) -> copy.put(String.valueOf(key), sanitize(v)));
                yield copy;
            }
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        if (pool.mode() == PythonMode.GLOBAL) {
            GlobalPythonThread.call(() -> {
                closeRunners();
                return null;
            });
        } else {
            closeRunners();
        }
        pool.close();
    }

    private void closeRunners() {
        for (PyObjectHandle runner : runners) {
            runner.close();
        }
    }
}
