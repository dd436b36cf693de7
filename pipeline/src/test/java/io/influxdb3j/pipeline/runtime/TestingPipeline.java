package io.influxdb3j.pipeline.runtime;

import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.config.ConfigLoader;
import io.influxdb3j.pipeline.config.LintError;
import io.influxdb3j.pipeline.config.Linter;
import io.influxdb3j.pipeline.config.PipelineConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds and runs a pipeline from YAML text with in-memory stdin and stdout, failing on lint errors. */
final class TestingPipeline {
    final PipelineRunner runner;
    private final ByteArrayOutputStream out;

    private TestingPipeline(PipelineRunner runner, ByteArrayOutputStream out) {
        this.runner = runner;
        this.out = out;
    }

    static TestingPipeline build(String yaml, String stdin, Path dir, Optional<PipelineContext.LineProtocolSink> sink,
                                 ComponentFactory... extra) {
        ComponentRegistry registry = ComponentRegistry.standard().with(extra);
        PipelineConfig config = ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get, List.of());
        List<LintError> errors = Linter.lint(config, registry);
        if (!errors.isEmpty()) {
            throw new AssertionError("lint errors: " + errors);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PipelineRunner.Environment env = new PipelineRunner.Environment("test", dir,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                sink, "test");
        return new TestingPipeline(PipelineRunner.build(config, registry, env), out);
    }

    static TestingPipeline build(String yaml, String stdin, ComponentFactory... extra) {
        return build(yaml, stdin, Path.of("."), Optional.empty(), extra);
    }

    int run() {
        return runner.run();
    }

    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
