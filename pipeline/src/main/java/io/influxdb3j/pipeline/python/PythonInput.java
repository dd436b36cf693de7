package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.python.PyObjectHandle;
import io.influxdb3j.python.PythonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code python} input (rp-connect-python §4). {@link #connect()} runs the script once at the
 * top level of its interpreter's {@code __main__}, then reads items from the object called
 * {@code name}:
 *
 * <ul>
 *   <li>an iterator or generator: {@code next()} until exhausted;
 *   <li>a list, tuple or range: its items, by index;
 *   <li>a function (or other callable): called until it returns None; a function that takes a
 *       {@code state} parameter (or {@code **kwargs}) gets one dict, kept between calls;
 *   <li>anything else: emitted once.
 * </ul>
 *
 * Items become messages with the configured serializer, {@code batch_size} at a time; the end of
 * the items ends the input. It always uses a single interpreter. An exception raised by the source
 * ends the input with an error naming the exception and line (after the items already read are
 * delivered); the traceback is logged at ERROR.
 */
public final class PythonInput implements Input {
    private static final Logger LOG = LoggerFactory.getLogger(PythonInput.class);

    private final PythonComponentConfig config;
    private final String name;
    private final String fileName;
    private InterpreterPool pool;
    private PyObjectHandle source;
    private PipelineException pendingFailure;
    private boolean ended;

    /** Checks that the script compiles; throws {@link PipelineException} if it does not. */
    PythonInput(PythonComponentConfig config, PipelineContext context) {
        this.config = config;
        this.name = context.name();
        this.fileName = "<" + context.name() + " python input>";
        InterpreterPool.syntaxError(config.script(), fileName).ifPresent(error -> {
            throw new PipelineException("script: failed to compile python script: " + error);
        });
    }

    @Override
    public synchronized void connect() {
        if (pool != null) {
            return;
        }
        pool = InterpreterPool.open(config.mode(), 1, "input-" + name, config.modules());
        try {
            source = pool.run(slot -> (PyObjectHandle) slot.interpreter().call(slot.support(), "new_input",
                    config.script(), fileName, config.name(), config.serializer().configName()));
        } catch (PythonException e) {
            pool.close();
            pool = null;
            if (e.pythonType().filter("LookupError"::equals).isPresent()) {
                throw new PipelineException("name: " + e.pythonMessage(), e);
            }
            LOG.error("python input in {}: the script failed:\n{}", name, e.traceback().stripTrailing());
            throw new PipelineException("script: " + (e.kind() == PythonException.Kind.SYNTAX ? e.pythonMessage()
                    : "the python input script failed: " + e.summary() + lineOf(e)), e);
        }
    }

    private String lineOf(PythonException e) {
        return e.file().filter(fileName::equals).isPresent() ? " (line " + e.line() + " of " + fileName + ")" : "";
    }

    @Override
    public synchronized ReadBatch readBatch() {
        if (pendingFailure != null) {
            PipelineException failure = pendingFailure;
            pendingFailure = null;
            ended = true;
            throw failure;
        }
        if (ended) {
            return null;
        }
        if (pool == null) {
            connect();
        }
        List<?> read = pool.run(slot -> (List<?>) slot.interpreter().call(source, "read", config.batchSize()));
        List<?> items = (List<?>) read.get(0);
        boolean end = (Boolean) read.get(1);
        String error = (String) read.get(2);
        String traceback = (String) read.get(3);
        if (error != null) {
            if (traceback != null) {
                LOG.error("python input in {}: {}\n{}", name, error, traceback.stripTrailing());
            }
            PipelineException failure = new PipelineException(error);
            if (items.isEmpty()) {
                ended = true;
                throw failure;
            }
            pendingFailure = failure;
        } else if (end) {
            ended = true;
        }
        if (items.isEmpty()) {
            return null;
        }
        List<Message> messages = new ArrayList<>(items.size());
        List<PyObjectHandle> carried = new ArrayList<>();
        for (Object item : items) {
            List<?> pair = (List<?>) item;
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put(PythonSerializer.METADATA_KEY, config.serializer().configName());
            Message message = new Message((byte[]) pair.get(0), metadata);
            if (pair.get(1) instanceof PyObjectHandle handle) {
                message.setCarried(handle);
                carried.add(handle);
            }
            messages.add(message);
        }
        return new ReadBatch(messages, delivered -> {
            if (!delivered) {
                LOG.error("python input in {}: a batch of {} message(s) was not delivered; python inputs do not replay",
                        name, messages.size());
            }
            release(carried);
        });
    }

    // serializer none: the objects are held for the pipeline until the batch is acked.
    private void release(List<PyObjectHandle> carried) {
        if (carried.isEmpty()) {
            return;
        }
        if (config.mode() == PythonMode.GLOBAL) {
            GlobalPythonThread.execute(() -> carried.forEach(PyObjectHandle::close));
        } else {
            carried.forEach(PyObjectHandle::close);
        }
    }

    @Override
    public synchronized void close() {
        if (pool == null) {
            return;
        }
        if (source != null) {
            PyObjectHandle held = source;
            if (config.mode() == PythonMode.GLOBAL) {
                GlobalPythonThread.call(() -> {
                    held.close();
                    return null;
                });
            } else {
                held.close();
            }
            source = null;
        }
        pool.close();
        pool = null;
    }
}
