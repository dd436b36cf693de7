package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.bloblang.InterpolatedString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * {@code file}: appends each message to the file at {@code path} (interpolated per message, e.g.
 * {@code /tmp/${! meta("kafka_topic") }.txt}), framed by the codec; with {@code all-bytes} each message replaces
 * the file. One file is open at a time; parent directories are created.
 */
public final class FileOutput implements Output {
    private final PipelineContext context;
    private final InterpolatedString path;
    private final Codec codec;
    private Path openPath;
    private OutputStream open;

    FileOutput(PipelineContext context, InterpolatedString path, Codec codec) {
        this.context = context;
        this.path = path;
        this.codec = codec;
    }

    @Override
    public synchronized void writeBatch(List<Message> batch) throws IOException {
        for (Message m : batch) {
            Path target = context.resolve(path.render(m));
            if (codec.wholeFile()) {
                closeOpen();
                createParents(target);
                Files.write(target, m.content());
                continue;
            }
            if (!target.equals(openPath)) {
                closeOpen();
                createParents(target);
                open = new BufferedOutputStream(Files.newOutputStream(target, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE));
                openPath = target;
            }
            codec.write(open, m.content());
        }
        if (open != null) {
            open.flush();
        }
    }

    private static void createParents(Path target) throws IOException {
        Path parent = target.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    private void closeOpen() throws IOException {
        if (open != null) {
            open.close();
            open = null;
            openPath = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closeOpen();
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "file";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.required("path", FieldType.INTERPOLATED_STRING),
                    FieldSpec.optional("codec", FieldType.STRING, "lines"));
        }

        @Override
        public List<String> validate(JsonNode config) {
            return Codec.validate(config, true);
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "output.file");
            return new FileOutput(context, InterpolatedString.parse(conf.requiredString("path")),
                    Codec.parse(conf.string("codec", "lines"), true));
        }
    }
}
