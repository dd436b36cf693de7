package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.Processor;
import io.influxdb3j.pipeline.bloblang.BloblangException;
import io.influxdb3j.pipeline.bloblang.Mapping;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code mapping} (and its old name {@code bloblang}): builds a new document per message from a Bloblang mapping;
 * {@code mutation} edits the message in place. Metadata is carried over. {@code root = deleted()} drops the
 * message. A failing mapping leaves the message unchanged, flags it with the error and logs it.
 */
public final class MappingProcessor implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(MappingProcessor.class);
    private final Mapping mapping;
    private final boolean mutation;
    private final String name;

    MappingProcessor(Mapping mapping, boolean mutation, String name) {
        this.mapping = mapping;
        this.mutation = mutation;
        this.name = name;
    }

    @Override
    public List<List<Message>> processBatch(List<Message> batch) {
        List<Message> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            try {
                Message result = mapping.apply(m, i, batch.size(), mutation);
                if (result != null) {
                    out.add(result);
                }
            } catch (BloblangException e) {
                LOG.error("{} failed: {}", name, e.getMessage());
                m.setError(e.getMessage());
                out.add(m);
            }
        }
        return out.isEmpty() ? List.of() : List.of(out);
    }

    /** The factory of one of {@code mapping}, {@code mutation}, {@code bloblang}. */
    public static final class Factory implements ComponentFactory {
        private final String type;

        public Factory(String type) {
            this.type = type;
        }

        @Override
        public Kind kind() {
            return Kind.PROCESSOR;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of();
        }

        @Override
        public FieldType configType() {
            return FieldType.BLOBLANG;
        }

        @Override
        public Processor createProcessor(JsonNode config, PipelineContext context) {
            return new MappingProcessor(Mapping.parse(config.asText()), type.equals("mutation"), type);
        }
    }
}
