package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code file}: reads the files matching {@code paths} one after the other, each through the scanner (lines by
 * default, {@code to_the_end} for whole files); every message carries {@code path}, {@code mod_time_unix} and
 * {@code mod_time}. The input ends after the last file. {@code delete_on_finish} deletes a file once all its
 * messages were delivered.
 */
public final class FileInput implements Input {
    private static final Logger LOG = LoggerFactory.getLogger(FileInput.class);
    /** Go's {@code time.RFC3339} in the local zone. */
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private final Path base;
    private final List<String> patterns;
    private final Scanner scanner;
    private final boolean deleteOnFinish;
    private final Deque<Globs.Match> pending = new ArrayDeque<>();
    private OpenFile current;

    private final class OpenFile {
        final Globs.Match match;
        final InputStream in;
        final Scanner.Reader reader;
        final Map<String, Object> metadata = new LinkedHashMap<>();
        final AtomicInteger undelivered = new AtomicInteger(1);

        OpenFile(Globs.Match match) throws IOException {
            this.match = match;
            FileTime mod = Files.getLastModifiedTime(match.file());
            metadata.put("path", match.display());
            metadata.put("mod_time_unix", mod.toInstant().getEpochSecond());
            metadata.put("mod_time", RFC3339.format(mod.toInstant().atZone(ZoneId.systemDefault())));
            this.in = Files.newInputStream(match.file());
            this.reader = scanner.open(in);
        }

        /** Called when the file is read to its end and after each delivered batch: deletes when nothing is left. */
        void release(boolean delivered) {
            if (!delivered) {
                LOG.warn("not deleting {}: some of its messages were not delivered", match.display());
                return;
            }
            if (undelivered.decrementAndGet() == 0 && deleteOnFinish) {
                try {
                    Files.deleteIfExists(match.file());
                } catch (IOException e) {
                    LOG.error("failed to delete {}: {}", match.display(), e.getMessage());
                }
            }
        }
    }

    FileInput(Path base, List<String> patterns, Scanner scanner, boolean deleteOnFinish) {
        this.base = base;
        this.patterns = patterns;
        this.scanner = scanner;
        this.deleteOnFinish = deleteOnFinish;
    }

    @Override
    public void connect() {
        for (String p : patterns) {
            if (!Globs.isGlob(p) && !Files.isRegularFile(base.resolve(p))) {
                throw new PipelineException("input file: cannot read " + p + ": "
                        + (Files.exists(base.resolve(p)) ? "not a regular file" : "no such file"));
            }
        }
        List<Globs.Match> matches = Globs.expandAll(base, patterns);
        if (matches.isEmpty()) {
            throw new PipelineException("input file: no files match paths " + patterns);
        }
        pending.addAll(matches);
    }

    @Override
    public ReadBatch readBatch() throws Exception {
        while (true) {
            if (current == null) {
                Globs.Match next = pending.poll();
                if (next == null) {
                    return null;
                }
                try {
                    current = new OpenFile(next);
                } catch (IOException e) {
                    throw new PipelineException("input file: cannot read " + next.display() + ": " + e.getMessage(), e);
                }
            }
            byte[] token;
            try {
                token = current.reader.next();
            } catch (IOException e) {
                throw new PipelineException("input file: cannot read " + current.match.display() + ": " + e.getMessage(), e);
            }
            if (token == null) {
                OpenFile done = current;
                current = null;
                done.in.close();
                done.release(true);
                continue;
            }
            OpenFile file = current;
            file.undelivered.incrementAndGet();
            return new ReadBatch(List.of(new Message(token, file.metadata)), file::release);
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.in.close();
        }
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.INPUT;
        }

        @Override
        public String type() {
            return "file";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.required("paths", FieldType.STRING_LIST), Scanner.FIELD,
                    FieldSpec.optional("delete_on_finish", FieldType.BOOL, false),
                    FieldSpec.optional("auto_replay_nacks", FieldType.BOOL, true));
        }

        @Override
        public List<String> validate(JsonNode config) {
            return Scanner.validate(config.get("scanner"));
        }

        @Override
        public Input createInput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "input.file");
            return new FileInput(context.configDirectory(), conf.strings("paths", List.of()), Scanner.of(conf, 65536),
                    conf.bool("delete_on_finish", false));
        }
    }
}
