package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.Durations;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.bloblang.BloblangException;
import io.influxdb3j.pipeline.bloblang.Mapping;
import io.influxdb3j.pipeline.bloblang.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code generate}: runs {@code mapping} without an input message to make each message. With a duration
 * {@code interval} the first batch comes at once and the next ones one interval apart; an empty interval generates
 * as fast as the pipeline takes them. {@code count > 0} ends the input after that many messages (the last batch may
 * be smaller). A mapping that yields {@code deleted()} makes no message for that slot; one that fails is logged
 * and makes none either.
 */
public final class GenerateInput implements Input {
    private static final Logger LOG = LoggerFactory.getLogger(GenerateInput.class);
    private final Mapping mapping;
    private final Duration interval;
    private final long count;
    private final int batchSize;
    private final CountDownLatch closed = new CountDownLatch(1);
    private long slots;
    private long nextAt;
    private boolean started;

    GenerateInput(Mapping mapping, Duration interval, long count, int batchSize) {
        this.mapping = mapping;
        this.interval = interval;
        this.count = count;
        this.batchSize = Math.max(1, batchSize);
    }

    @Override
    public ReadBatch readBatch() throws InterruptedException {
        while (true) {
            if (count > 0 && slots >= count) {
                return null;
            }
            if (closed.getCount() == 0) {
                return null;
            }
            if (started && !interval.isZero()) {
                long wait = nextAt - System.nanoTime();
                if (wait > 0 && closed.await(wait, TimeUnit.NANOSECONDS)) {
                    return null;
                }
            }
            long now = System.nanoTime();
            nextAt = started ? Math.max(nextAt + interval.toNanos(), now) : now + interval.toNanos();
            if (nextAt - now > interval.toNanos()) {
                nextAt = now + interval.toNanos();
            }
            started = true;
            int n = count > 0 ? (int) Math.min(batchSize, count - slots) : batchSize;
            List<Message> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                slots++;
                try {
                    Mapping.Result r = mapping.run(null, i, n, false);
                    if (r.deleted()) {
                        continue;
                    }
                    byte[] content = r.root() == Values.NOTHING ? new byte[0] : Values.toBytes(r.root());
                    batch.add(new Message(content, r.metadata()));
                } catch (BloblangException e) {
                    LOG.error("generate: failed to execute mapping: {}", e.getMessage());
                }
            }
            if (!batch.isEmpty()) {
                return ReadBatch.of(batch);
            }
        }
    }

    @Override
    public void close() {
        closed.countDown();
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.INPUT;
        }

        @Override
        public String type() {
            return "generate";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.required("mapping", FieldType.BLOBLANG),
                    FieldSpec.optional("interval", FieldType.STRING, "1s"),
                    FieldSpec.optional("count", FieldType.INT, 0),
                    FieldSpec.optional("batch_size", FieldType.INT, 1),
                    FieldSpec.optional("auto_replay_nacks", FieldType.BOOL, true));
        }

        @Override
        public List<String> validate(JsonNode config) {
            List<String> out = new ArrayList<>();
            JsonNode interval = config.get("interval");
            if (interval != null && !interval.isNull()) {
                try {
                    parseInterval(interval.asText());
                } catch (IllegalArgumentException e) {
                    out.add("interval: " + e.getMessage());
                }
            }
            if (config.path("count").asLong(0) < 0) {
                out.add("count must not be negative");
            }
            if (config.has("batch_size") && config.path("batch_size").asLong(1) < 1) {
                out.add("batch_size must be at least 1");
            }
            return out;
        }

        /** A Go duration, {@code @every <duration>}, or "" (as fast as possible); cron expressions are refused. */
        static Duration parseInterval(String text) {
            String s = text.strip();
            if (s.isEmpty()) {
                return Duration.ZERO;
            }
            if (s.startsWith("@every ")) {
                return Durations.parse(s.substring(7));
            }
            try {
                return Durations.parse(s);
            } catch (IllegalArgumentException e) {
                if (s.startsWith("@") || s.split("\\s+").length >= 5) {
                    throw new IllegalArgumentException("cron schedules are not supported; use a duration such as 1s or @every 1s");
                }
                throw e;
            }
        }

        @Override
        public Input createInput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "input.generate");
            return new GenerateInput(Mapping.parse(conf.requiredString("mapping")),
                    parseInterval(conf.string("interval", "1s")), conf.integer("count", 0), (int) conf.integer("batch_size", 1));
        }
    }
}
