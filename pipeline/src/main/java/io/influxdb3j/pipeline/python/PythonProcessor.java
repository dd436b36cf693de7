package io.influxdb3j.pipeline.python;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.Processor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code python} processor (rp-connect-python §3): runs a script for every message, with
 * {@code content()}, {@code metadata(key)}, {@code unpickle()}, {@code root}, {@code meta} and
 * {@code this}, and turns {@code root} into the message's payload with the configured serializer.
 *
 * <p>One instance serves every pipeline thread. In {@code global} mode its batches queue on the
 * global Python thread; in the isolated modes it has one sub-interpreter per pipeline thread, each
 * with its own copy of the script's state, and a batch runs on whichever is free.
 *
 * <p>Failures are per message: a script that raises leaves that message unchanged and flagged with
 * "problem executing Python script: ..." (rp-connect-python flags the whole batch instead), and logs
 * the traceback at WARN; a root or {@code meta} value that cannot be serialised flags the message
 * with the reason. Nothing here ends the process.
 */
public final class PythonProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(PythonProcessor.class);

    private final String name;
    private final PythonSerializer serializer;
    private final ScriptBatches scripts;

    PythonProcessor(PythonComponentConfig config, PipelineContext context) {
        this.name = context.name();
        this.serializer = config.serializer();
        int threads = context.threads() > 0 ? context.threads() : Runtime.getRuntime().availableProcessors();
        this.scripts = new ScriptBatches(config, threads, "processor-" + context.name(),
                "<" + context.name() + " python processor>", false);
    }

    /** How many interpreters serve this processor: 1 in global mode, else the pipeline's thread count. */
    public int interpreters() {
        return scripts.interpreters();
    }

    InterpreterPool pool() {
        return scripts.pool();
    }

    @Override
    public List<List<Message>> processBatch(List<Message> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<ScriptBatches.Result> results = scripts.run(batch);
        List<Message> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            ScriptBatches.Result result = results.get(i);
            if (result == null) {
                continue; // root = None drops the message
            }
            Message message = batch.get(i).copy();
            if (result.failed()) {
                LOG.warn("python processor in {}: {}{}", name, result.error(),
                        result.traceback().isEmpty() ? "" : "\n" + result.traceback().stripTrailing());
                message.setError(result.error());
                out.add(message);
                continue;
            }
            if (result.payload() != null) {
                message.setContent(result.payload());
            }
            if (result.metadataUpdates() != null) {
                for (Map.Entry<String, Object> update : result.metadataUpdates().entrySet()) {
                    if (update.getValue() == null) {
                        message.metadata().remove(update.getKey());
                    } else {
                        message.metadata().put(update.getKey(), update.getValue());
                    }
                }
            }
            message.metadata().put(PythonSerializer.METADATA_KEY, serializer.configName());
            message.setCarried(result.carried());
            if (result.error() != null) {
                LOG.warn("python processor in {}: {}", name, result.error());
                message.setError(result.error());
            }
            out.add(message);
        }
        return out.isEmpty() ? List.of() : List.of(out);
    }

    @Override
    public void close() {
        scripts.close();
    }
}
