package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code python} output (rp-connect-python §5): the processor's script environment on one
 * interpreter, run for each message of a batch for its side effects ({@code print()}, a request,
 * a database write); {@code root} and {@code meta} are ignored. Batches are written one at a time.
 *
 * <p>If the script raises for a message, the rest of the batch is not run and
 * {@link #writeBatch} throws, so the runner logs the failure at ERROR and nacks the batch to its
 * input: delivery is never silently lost. The Python traceback is logged at WARN.
 */
public final class PythonOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(PythonOutput.class);

    private final String name;
    private ScriptBatches scripts;

    /** Compiles the script on its interpreter; throws {@link PipelineException} if it does not compile. */
    PythonOutput(PythonComponentConfig config, PipelineContext context) {
        this.name = context.name();
        this.scripts = new ScriptBatches(config, 1, "output-" + context.name(), "<" + context.name() + " python output>", true);
    }

    /** The output's interpreter (one slot). */
    InterpreterPool pool() {
        return scripts.pool();
    }

    @Override
    public synchronized void writeBatch(List<Message> batch) {
        if (scripts == null) {
            throw new PipelineException("python output in " + name + " is closed");
        }
        if (batch.isEmpty()) {
            return;
        }
        for (ScriptBatches.Result result : scripts.run(batch)) {
            if (result != null && result.failed()) {
                if (!result.traceback().isEmpty()) {
                    LOG.warn("python output in {}: {}\n{}", name, result.error(), result.traceback().stripTrailing());
                }
                throw new PipelineException("python output: " + result.error());
            }
        }
    }

    @Override
    public synchronized void close() {
        if (scripts != null) {
            scripts.close();
            scripts = null;
        }
    }
}
