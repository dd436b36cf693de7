package io.influxdb3j.pipeline.python;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three {@code python} factories share: the fields, the checks beyond field types (the
 * mode/serializer pair, and that the script compiles, so {@code connect lint} reports Python
 * syntax errors with their line), and reading the config.
 */
abstract sealed class PythonComponentFactory implements ComponentFactory
        permits PythonInputFactory, PythonProcessorFactory, PythonOutputFactory {
    private static final Logger LOG = LoggerFactory.getLogger(PythonComponentFactory.class);

    @Override
    public final String type() {
        return "python";
    }

    @Override
    public final List<FieldSpec> fields() {
        return PythonComponentConfig.fields(kind());
    }

    @Override
    public final List<String> validate(JsonNode config) {
        List<String> problems = new ArrayList<>(PythonComponentConfig.problems(config, kind()));
        JsonNode script = config == null ? null : config.get("script");
        if (script != null && script.isTextual() && !script.asText().isBlank()) {
            try {
                InterpreterPool.syntaxError(script.asText(), "<python " + kindName() + " script>")
                        .ifPresent(error -> problems.add("script: failed to compile python script: " + error));
            } catch (RuntimeException e) {
                // Python could not start: creating the component reports that, with the cause.
                LOG.debug("could not check the python script's syntax", e);
            }
        }
        return problems;
    }

    final PythonComponentConfig read(JsonNode config) {
        PythonComponentConfig parsed = PythonComponentConfig.parse(config, kind());
        if (config.has("exe") && !PythonComponentConfig.DEFAULT_EXE.equals(parsed.exe())) {
            LOG.debug("python {}: exe '{}' is ignored: the bundled CPython runs every python component", kindName(),
                    parsed.exe());
        }
        return parsed;
    }

    final String kindName() {
        return kind().name().toLowerCase(Locale.ROOT);
    }
}
