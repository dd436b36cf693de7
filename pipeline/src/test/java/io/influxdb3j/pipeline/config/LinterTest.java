package io.influxdb3j.pipeline.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.components.BuiltinComponents;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinterTest {
    private static final ComponentRegistry BUILTINS = ComponentRegistry.of(BuiltinComponents.factories());

    private static List<String> lint(String yaml) {
        return lint(yaml, Map.of(), List.of());
    }

    private static List<String> lint(String yaml, Map<String, String> env, List<String> sets) {
        PipelineConfig config = ConfigLoader.parse(yaml, "pipe.yaml", env::get, sets);
        // Built-ins only, so that the messages listing types do not depend on other modules on the class path.
        return Linter.lint(config, BUILTINS).stream().map(LintError::toString).toList();
    }

    @Test
    void theSeedExamplesWithoutPythonAreClean() {
        assertThat(lint("""
                input:
                  generate:
                    count: 3
                    interval: 1s
                    mapping: |
                      root.title = "this is a test"
                      root.uuid = uuid_v4()
                      root.i = counter()

                output:
                  stdout: {}

                logger:
                  level: OFF
                http:
                  enabled: false
                """)).isEmpty();
        assertThat(lint("""
                input:
                  generate:
                    count: 5
                    interval:
                    mapping: |
                      root = "hello world"
                output:
                  drop: {}
                http:
                  enabled: false
                """)).isEmpty();
    }

    @Test
    void errorsNameFileLineColumnAndKeyPath() {
        assertThat(lint("""
                input:
                  stdin:
                    scanner:
                      lines: {}
                    nope: 1
                pipeline:
                  threads: four
                  processors:
                    - mapping: 'root = this'
                    - frobnicate: {}
                output:
                  stdout:
                    codec: lines
                logger:
                  level: LOUD
                  format: logfmt
                shutdown_timeout: 20
                http:
                  enabled: "yes"
                unknown_section: {}
                """)).containsExactly(
                "pipe.yaml(5,5) input.stdin.nope: field nope not recognised; expected one of auto_replay_nacks, codec, max_buffer, scanner",
                "pipe.yaml(7,12) pipeline.threads: expected int value, got string",
                "pipe.yaml(10,7) pipeline.processors.1.frobnicate: unknown processor type 'frobnicate'; processor types are bloblang, mapping, mutation",
                "pipe.yaml(15,10) logger.level: value LOUD is not a valid option, expected one of OFF, FATAL, ERROR, WARN, INFO, DEBUG, TRACE, ALL, NONE",
                "pipe.yaml(17,19) shutdown_timeout: expected a duration such as 5s or 100ms, got number (a duration needs a unit)",
                "pipe.yaml(19,12) http.enabled: expected bool value, got string",
                "pipe.yaml(20,1) unknown_section: field unknown_section not recognised; top-level fields are buffer, cache_resources, "
                        + "http, input, input_resources, logger, metrics, output, output_resources, pipeline, processor_resources, "
                        + "rate_limit_resources, shutdown_delay, shutdown_timeout, tests, tracer");
    }

    @Test
    void missingRequiredFieldsAndComponentsOfTheWrongKind() {
        assertThat(lint("""
                input:
                  file: {}
                output:
                  stdin: {}
                """)).containsExactly(
                "pipe.yaml(2,3) input.file: field paths is required",
                "pipe.yaml(4,3) output.stdin: stdin is an input, not an output; output types are drop, file, http_client, influxdb3, stdout");
        assertThat(lint("""
                input:
                  stdin: {}
                  generate:
                    mapping: root = 1
                """)).containsExactly("pipe.yaml(3,3) input.generate: input has more than one type: stdin, generate");
    }

    @Test
    void bloblangErrorsPointIntoTheMappingText() {
        assertThat(lint("""
                input:
                  generate:
                    mapping: |
                      root.a = 1
                      root.b = nope()
                pipeline:
                  processors:
                    - mapping: root = this.x.frob()
                """)).containsExactly(
                "pipe.yaml(5,16) input.generate.mapping: bloblang: unrecognised function 'nope'",
                "pipe.yaml(8,30) pipeline.processors.0.mapping: bloblang: unrecognised method 'frob'");
    }

    @Test
    void badEnumsDurationsAndLists() {
        assertThat(lint("""
                input:
                  generate:
                    mapping: root = 1
                    interval: 5 minutes
                output:
                  influxdb3:
                    database: db
                    precision: hours
                    batching:
                      count: 10
                      period: soon
                      size: 3
                """)).containsExactly(
                "pipe.yaml(2,3) input.generate: interval: unknown unit \" minutes\" in duration \"5 minutes\"",
                "pipe.yaml(8,16) output.influxdb3.precision: value hours is not a valid option, expected one of auto, s, ms, us, ns, second, millisecond, microsecond, nanosecond",
                "pipe.yaml(11,15) output.influxdb3.batching.period: invalid duration \"soon\", expected a duration such as 5s or 100ms",
                "pipe.yaml(12,7) output.influxdb3.batching.size: field size not recognised; expected one of byte_size, check, count, period");
    }

    @Test
    void environmentVariablesAreInterpolatedWithDefaults() {
        PipelineConfig config = ConfigLoader.parse("""
                output:
                  influxdb3:
                    url: ${URL:http://localhost:8181}
                    database: ${DB}
                    token: "${TOKEN:}"
                # ${NOT_SET_IN_A_COMMENT}
                """, "pipe.yaml", Map.of("DB", "sensors")::get, List.of());
        assertThat(config.at("output.influxdb3.url").asText()).isEqualTo("http://localhost:8181");
        assertThat(config.at("output.influxdb3.database").asText()).isEqualTo("sensors");
        assertThat(config.at("output.influxdb3.token").asText()).isEmpty();
        assertThatThrownBy(() -> ConfigLoader.parse("a: ${A}\nb: ${B}\nc: ${{C}}", "pipe.yaml", Map.<String, String>of()::get, List.of()))
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipe.yaml: required environment variables are not set: A, B (set them or give a default with ${NAME:default})");
        assertThat(ConfigLoader.parse("c: ${{C}}", "p", k -> null, List.of()).at("c").asText()).isEqualTo("${C}");
        assertThat(ConfigLoader.parse("c: '${! meta(\"x\") }'", "p", k -> null, List.of()).at("c").asText()).isEqualTo("${! meta(\"x\") }");
    }

    @Test
    void setOverridesByDotPathAndParsesScalars() {
        PipelineConfig config = ConfigLoader.parse("""
                pipeline:
                  threads: 1
                  processors:
                    - mapping: root = 1
                """, "pipe.yaml", k -> null, List.of("pipeline.threads=4", "pipeline.processors.0.mapping=root = 2",
                "input.generate.mapping=root = \"x\"", "http.enabled=false"));
        assertThat(config.at("pipeline.threads").asInt()).isEqualTo(4);
        assertThat(config.at("pipeline.threads").isInt()).isTrue();
        assertThat(config.at("pipeline.processors.0.mapping").asText()).isEqualTo("root = 2");
        assertThat(config.at("input.generate.mapping").asText()).isEqualTo("root = \"x\"");
        assertThat(config.at("http.enabled").isBoolean()).isTrue();
        assertThat(Linter.lint(config, BUILTINS)).isEmpty();
        List<String> errors = lint("input: {stdin: {}}", Map.of(), List.of("input.stdin.nope=1"));
        assertThat(errors).containsExactly("pipe.yaml(--set) input.stdin.nope: field nope not recognised; expected one of auto_replay_nacks, codec, max_buffer, scanner");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("input:\n  stdin: {\n  bad", "pipe.yaml", k -> null, List.of()))
                .isInstanceOf(PipelineException.class).hasMessageStartingWith("pipe.yaml(")
                .hasMessageContaining("invalid YAML");
        assertThat(lint("input:\n  stdin: {}\ninput:\n  stdin: {}\n")).containsExactly("pipe.yaml(3,1) input: duplicate key input");
    }

    @Test
    void resourceReferencesMustExist() {
        assertThat(lint("""
                input: {resource: nope}
                processor_resources:
                  - label: up
                    mapping: root = 1
                pipeline:
                  processors: [{resource: up}]
                cache_resources:
                  - label: c
                    memory: {}
                """)).containsExactly(
                "pipe.yaml(1,19) input.resource: input resource 'nope' is not defined in input_resources",
                "pipe.yaml(8,5) cache_resources.0: cache resources are not supported");
    }

    @Test
    void oldTypeFieldFormIsAccepted() {
        assertThat(lint("input:\n  type: stdin\noutput:\n  type: file\n  file:\n    path: /tmp/x\n")).isEmpty();
        assertThat(lint("input:\n  type: nope\n")).containsExactly(
                "pipe.yaml(2,9) input.type: unknown input type 'nope'; input types are file, generate, http_server, stdin");
    }
}
