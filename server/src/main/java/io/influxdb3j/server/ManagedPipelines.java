package io.influxdb3j.server;

import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.Precision;
import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.config.ConfigLoader;
import io.influxdb3j.pipeline.config.LintError;
import io.influxdb3j.pipeline.config.Linter;
import io.influxdb3j.pipeline.config.PipelineConfig;
import io.influxdb3j.pipeline.runtime.PipelineRunner;
import io.influxdb3j.query.SystemTable;
import io.influxdb3j.storage.Storage;
import io.influxdb3j.storage.ValidatedWrite;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines of {@code serve --pipeline-dir DIR}: each {@code *.yaml}/{@code *.yml} file there is
 * linted, built and run on its own thread for the server's life, named after its file. Their
 * {@code influxdb3} outputs write in-process through {@link Storage#write} (durably, no HTTP); their
 * service-wide {@code http} block is off. A file that does not lint or build is reported as
 * {@code failed} with the reason; a pipeline whose input ends is {@code finished}. State and counters
 * are in {@code system.pipelines} (in {@code _internal}).
 */
final class ManagedPipelines implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ManagedPipelines.class);

    private record Managed(String name, Path file, PipelineRunner runner, Thread thread, String problem) {
    }

    private final Map<String, Managed> pipelines = new ConcurrentHashMap<>();

    private ManagedPipelines() {
    }

    static ManagedPipelines start(Path dir, Storage storage, String version) {
        ManagedPipelines managed = new ManagedPipelines();
        if (!Files.isDirectory(dir)) {
            throw InfluxException.invalid("--pipeline-dir " + dir + " is not a directory: create it or fix the flag");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw InfluxException.invalid("cannot list --pipeline-dir " + dir + ": " + e.getMessage());
        }
        PipelineContext.LineProtocolSink sink = (database, lines, precision) -> write(storage, database, lines, precision);
        ComponentRegistry registry = ComponentRegistry.standard();
        for (Path file : files) {
            managed.startOne(file, registry, sink, version);
        }
        return managed;
    }

    private static void write(Storage storage, String database, String lines, String precision) {
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);
        ValidatedWrite result = storage.write(database, body, 0, body.length, Precision.parseV3(precision), false, false);
        if (result.hasErrors()) {
            var first = result.errors().get(0);
            throw InfluxException.invalid("write to " + database + " rejected: line " + first.lineNumber() + ": "
                    + first.message());
        }
    }

    private void startOne(Path file, ComponentRegistry registry, PipelineContext.LineProtocolSink sink, String version) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.lastIndexOf('.'));
        PipelineRunner runner;
        try {
            PipelineConfig config = ConfigLoader.load(file, file.toString(), System::getenv, List.of("http.enabled=false"));
            List<LintError> errors = Linter.lint(config, registry);
            if (!errors.isEmpty()) {
                fail(name, file, errors.stream().map(LintError::toString).reduce((a, b) -> a + "; " + b).orElseThrow());
                return;
            }
            runner = PipelineRunner.build(config, registry, new PipelineRunner.Environment(name,
                    file.toAbsolutePath().getParent(), InputStream.nullInputStream(), System.out, Optional.of(sink),
                    version));
        } catch (PipelineException | InfluxException e) {
            fail(name, file, e.getMessage());
            return;
        }
        Thread thread = Thread.ofPlatform().daemon(true).name("pipeline-" + name).start(() -> {
            try {
                int code = runner.run();
                LOG.info("pipeline {} ended with exit code {}", name, code);
            } catch (RuntimeException e) {
                LOG.error("pipeline {} failed: {}", name, e.getMessage());
            }
        });
        pipelines.put(name, new Managed(name, file, runner, thread, null));
        LOG.info("pipeline {} started from {}", name, file);
    }

    private void fail(String name, Path file, String problem) {
        LOG.error("pipeline {} not started: {}", name, problem);
        pipelines.put(name, new Managed(name, file, null, null, problem));
    }

    /** {@code system.pipelines}, in {@code _internal}. */
    SystemTable systemTable() {
        return new SystemTable() {
            @Override
            public String schema() {
                return "system";
            }

            @Override
            public String name() {
                return "pipelines";
            }

            @Override
            public String columnsDdl() {
                return "pipeline_name VARCHAR, config_file VARCHAR, state VARCHAR, input_received BIGINT, "
                        + "output_sent BIGINT, processor_errors BIGINT, output_errors BIGINT, error VARCHAR";
            }

            @Override
            public boolean internalOnly() {
                return true;
            }

            @Override
            public List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db) {
                List<Object[]> rows = new ArrayList<>();
                pipelines.values().stream().sorted(java.util.Comparator.comparing(Managed::name)).forEach(m -> {
                    if (m.runner() == null) {
                        rows.add(new Object[]{m.name(), m.file().toString(), "failed", 0L, 0L, 0L, 0L, m.problem()});
                        return;
                    }
                    var metrics = m.runner().metrics();
                    String error = m.runner().failure().map(Throwable::getMessage).orElse(null);
                    rows.add(new Object[]{m.name(), m.file().toString(),
                            m.runner().state().name().toLowerCase(java.util.Locale.ROOT), metrics.inputReceived(),
                            metrics.outputSent(), metrics.processorErrors(), metrics.outputErrors(), error});
                });
                return rows;
            }
        };
    }

    @Override
    public void close() {
        for (Managed m : pipelines.values()) {
            if (m.runner() != null) {
                m.runner().stop();
            }
        }
        for (Managed m : pipelines.values()) {
            if (m.thread() != null) {
                try {
                    m.thread().join(TimeUnit.SECONDS.toMillis(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
