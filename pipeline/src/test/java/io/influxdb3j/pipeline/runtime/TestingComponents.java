package io.influxdb3j.pipeline.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.Processor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written Java components for runner tests. */
final class TestingComponents {
    private TestingComponents() {
    }

    /** {@code testing_upper}: upper-cases each message; a message containing {@code fail_on} makes the batch throw. */
    static final class Upper implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.PROCESSOR;
        }

        @Override
        public String type() {
            return "testing_upper";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.optional("fail_on", FieldType.STRING, ""), FieldSpec.optional("drop", FieldType.STRING, ""));
        }

        @Override
        public Processor createProcessor(JsonNode config, PipelineContext context) {
            String failOn = config.path("fail_on").asText("");
            String drop = config.path("drop").asText("");
            return batch -> {
                List<Message> out = new ArrayList<>();
                for (Message m : batch) {
                    String s = m.contentAsString();
                    if (!failOn.isEmpty() && s.contains(failOn)) {
                        throw new IllegalStateException("cannot handle '" + s + "'");
                    }
                    if (!drop.isEmpty() && s.equals(drop)) {
                        continue;
                    }
                    Message copy = m.copy();
                    copy.setContent(s.toUpperCase(Locale.ROOT).getBytes());
                    copy.metadata().put("upper", "yes");
                    out.add(copy);
                }
                return out.isEmpty() ? List.of() : List.of(out);
            };
        }
    }

    /** {@code testing_flaky}: fails the first {@code failures} writes, records every delivered message. */
    static final class Flaky implements ComponentFactory {
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final AtomicInteger attempts = new AtomicInteger();
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        volatile CountDownLatch block;

        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "testing_flaky";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.optional("failures", FieldType.INT, 0), io.influxdb3j.pipeline.BatchPolicy.FIELD);
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            int failures = config.path("failures").asInt(0);
            return batch -> {
                CountDownLatch b = block;
                if (b != null) {
                    b.await();
                }
                if (attempts.incrementAndGet() <= failures) {
                    throw new IllegalStateException("flaky failure " + attempts.get());
                }
                batchSizes.add(batch.size());
                for (Message m : batch) {
                    delivered.add(m.contentAsString() + (m.errored() ? " [error: " + m.error() + "]" : ""));
                }
            };
        }
    }
}
