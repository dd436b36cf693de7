package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code influxdb3 connect run|lint} through the CLI, with pipelines that need no Python. */
@Timeout(120)
class TestConnectCommand {
    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private TestingCli cli() {
        return new TestingCli().workingDir(dir);
    }

    @Test
    void runsTheSeedGenerateExampleToStdoutAndExitsZero() throws IOException {
        write("gen.yaml", """
                input:
                  generate:
                    count: 3
                    interval: ""
                    mapping: |
                      root.title = "this is a test"
                      root.uuid = uuid_v4()
                      root.i = counter()

                output:
                  stdout: {}

                logger:
                  level: OFF
                """);
        TestingCli.Result r = cli().run("connect", "run", "--set", "http.enabled=false", "gen.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        String[] lines = r.out().split("\n");
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(lines[i]).matches("\\{\"i\":" + (i + 1) + ",\"title\":\"this is a test\",\"uuid\":\"[0-9a-f-]{36}\"}");
        }
    }

    @Test
    void stdinLinesThroughAMappingAndLogsGoToStderrWhenOutputIsStdout() throws IOException {
        write("upper.yaml", """
                input:
                  stdin: {}
                pipeline:
                  processors:
                    - mapping: |
                        root.original = content().string()
                        root.shout = content().string().uppercase()
                output:
                  stdout: {}
                http:
                  enabled: false
                """);
        TestingCli.Result r = cli().stdin("My voice is my passport\nverify me\n").run("connect", "run", "upper.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("""
                {"original":"My voice is my passport","shout":"MY VOICE IS MY PASSPORT"}
                {"original":"verify me","shout":"VERIFY ME"}
                """);
        assertThat(r.err()).contains("level=info msg=\"Input type stdin is now active\" @service=benthos")
                .contains("level=info msg=\"Pipeline has terminated. Shutting down the service\"");
    }

    @Test
    void logsGoToStdoutInJsonWhenTheOutputIsNotStdout() throws IOException {
        write("json.yaml", """
                input:
                  generate: {count: 1, interval: "", mapping: 'root = "x"'}
                output:
                  file: {path: out.txt}
                http: {enabled: false}
                logger:
                  format: json
                  static_fields: {"@service": influxdb3}
                """);
        TestingCli.Result r = cli().run("connect", "run", "json.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("{\"@service\":\"influxdb3\",\"level\":\"info\",\"msg\":\"Output type file is now active\"}");
        assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("x\n");
    }

    @Test
    void loggerFileSendsLogsToAFile() throws IOException {
        write("tofile.yaml", """
                input: {generate: {count: 1, interval: "", mapping: 'root = "x"'}}
                output: {stdout: {}}
                http: {enabled: false}
                logger:
                  level: INFO
                  file: {path: logs/pipeline.log}
                """);
        TestingCli.Result r = cli().run("connect", "run", "tofile.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("x\n");
        assertThat(r.err()).isEmpty();
        assertThat(Files.readString(dir.resolve("logs/pipeline.log"))).contains("level=info msg=\"Output type stdout is now active\"");
    }

    @Test
    void lintPrintsEveryErrorWithFileLineAndKeyAndExitsOne() throws IOException {
        write("bad.yaml", """
                input:
                  generate:
                    mapping: root = 1
                    cont: 5
                pipeline:
                  processors:
                    - mapping: |
                        root.a = this.a
                        root.b = this.b.nope()
                output:
                  stdout:
                    codec: sideways
                """);
        write("good.yaml", "input: {stdin: {}}\noutput: {drop: {}}\n");
        TestingCli.Result r = cli().run("connect", "lint", "good.yaml", "bad.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("""
                bad.yaml(4,5) input.generate.cont: field cont not recognised; expected one of auto_replay_nacks, batch_size, count, interval, mapping
                bad.yaml(9,25) pipeline.processors.0.mapping: bloblang: unrecognised method 'nope'
                bad.yaml(11,3) output.stdout: codec sideways is not supported; use lines, append, delim:<x>
                """);
        TestingCli.Result ok = cli().run("connect", "lint", "good.yaml");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.err()).isEmpty();
    }

    @Test
    void runRefusesLintErrorsUnlessChilled() throws IOException {
        write("chilly.yaml", """
                input:
                  stdin:
                    nope: true
                output:
                  stdout: {}
                http: {enabled: false}
                logger: {level: off}
                """);
        TestingCli.Result refused = cli().stdin("a\n").run("connect", "run", "chilly.yaml");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).isEqualTo("""
                chilly.yaml(3,5) input.stdin.nope: field nope not recognised; expected one of auto_replay_nacks, codec, max_buffer, scanner
                Shutting down due to linter errors, to prevent shutdown run with --chilled
                """);
        TestingCli.Result chilled = cli().stdin("a\n").run("connect", "run", "--chilled", "chilly.yaml");
        assertThat(chilled.exitCode()).isZero();
        assertThat(chilled.out()).isEqualTo("a\n");
    }

    @Test
    void anUnknownComponentNamesFileLineAndKeyWithoutAStackTrace() throws IOException {
        write("unknown.yaml", """
                input:
                  kafka_nope:
                    addresses: [x]
                """);
        TestingCli.Result r = cli().run("connect", "run", "unknown.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("unknown.yaml(2,3) input.kafka_nope: unknown input type 'kafka_nope'; input types are ")
                .doesNotContain("\tat ");
    }

    @Test
    void unreadableInputFailsWithExitOneAndAStackTraceOnlyInDebug() throws IOException {
        write("missing.yaml", """
                input:
                  file:
                    paths: [nope.txt]
                output: {drop: {}}
                http: {enabled: false}
                """);
        TestingCli.Result r = cli().run("connect", "run", "missing.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("Connect command failed: missing.yaml(2,3) input.file: input file: cannot read nope.txt: no such file\n");
        TestingCli.Result debug = cli().run("connect", "run", "--log.level", "debug", "missing.yaml");
        assertThat(debug.exitCode()).isEqualTo(1);
        assertThat(debug.err()).contains("Connect command failed: missing.yaml(2,3) input.file").contains("\tat io.influxdb3j.");
    }

    @Test
    void anInputThatFailsMidwayEndsWithExitOneAndSaysWhyEvenWithTheLoggerOff() throws IOException {
        write("big.yaml", """
                input:
                  stdin:
                    scanner:
                      lines: {max_buffer_size: 10}
                output: {stdout: {}}
                http: {enabled: false}
                logger: {level: OFF}
                """);
        TestingCli.Result r = cli().stdin("short\n" + "x".repeat(50) + "\n").run("connect", "run", "big.yaml");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("short\n");
        assertThat(r.err()).isEqualTo("Connect command failed: big.yaml(2,3) input.stdin: line longer than max_buffer_size (10 bytes)\n");
    }

    @Test
    void missingConfigAndMissingVariablesAreErrors() throws IOException {
        TestingCli.Result none = cli().run("connect", "run", "absent.yaml");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).isEqualTo("Connect command failed: absent.yaml: config file not found\n");
        write("env.yaml", "output:\n  influxdb3:\n    database: ${DB_NAME}\n");
        TestingCli.Result env = cli().run("connect", "run", "env.yaml");
        assertThat(env.exitCode()).isEqualTo(1);
        assertThat(env.err()).isEqualTo("Connect command failed: env.yaml: required environment variable is not set: DB_NAME "
                + "(set it or give a default with ${NAME:default})\n");
    }

    @Test
    void environmentVariablesSetOverridesAndTheOldDashCForm() throws IOException {
        write("vars.yaml", """
                input:
                  generate:
                    count: ${COUNT:2}
                    interval: ""
                    mapping: 'root = "${WORD}"'
                output: {stdout: {}}
                http: {enabled: false}
                logger: {level: OFF}
                """);
        TestingCli.Result r = cli().env("WORD", "hey").run("connect", "run", "vars.yaml");
        assertThat(r.out()).isEqualTo("hey\nhey\n");
        TestingCli.Result set = cli().env("WORD", "hey").run("connect", "run", "-s", "input.generate.count=1",
                "--set", "input.generate.mapping=root = \"set\"", "vars.yaml");
        assertThat(set.out()).isEqualTo("set\n");
        TestingCli.Result old = cli().env("WORD", "old").env("COUNT", "1").run("connect", "-c", "vars.yaml");
        assertThat(old.exitCode()).isZero();
        assertThat(old.out()).isEqualTo("old\n");
        Path envFile = write("my.env", "WORD=from-file\n");
        assertThat(cli().run("connect", "run", "-e", envFile.toString(), "--set", "input.generate.count=1", "vars.yaml").out())
                .isEqualTo("from-file\n");
    }

    @Test
    void resourceFilesAddLabelledComponents() throws IOException {
        write("res.yaml", """
                processor_resources:
                  - label: shout
                    mapping: root = content().string().uppercase() + "!"
                """);
        write("main.yaml", """
                input: {stdin: {}}
                pipeline:
                  processors:
                    - resource: shout
                output: {stdout: {}}
                http: {enabled: false}
                logger: {level: OFF}
                """);
        TestingCli.Result r = cli().stdin("hi\n").run("connect", "run", "-r", "res.yaml", "main.yaml");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("HI!\n");
    }

    @Test
    void sigtermStopsARunningPipelineGracefullyWithExitZero() throws Exception {
        write("forever.yaml", """
                input:
                  generate: {interval: 20ms, mapping: 'root = counter()'}
                output: {stdout: {}}
                http: {enabled: false}
                logger: {level: INFO}
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Influxdb3.class.getName(), "connect", "run", "forever.yaml"));
        Path out = dir.resolve("child.out");
        Path err = dir.resolve("child.err");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (Files.readString(out).split("\n").length < 5) {
            assertThat(p.isAlive()).as(Files.readString(err)).isTrue();
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(50);
        }
        p.destroy();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(err)).contains("Received the signal to stop");
        String[] lines = Files.readString(out).split("\n");
        for (int i = 0; i < lines.length; i++) {
            assertThat(lines[i]).isEqualTo(Integer.toString(i + 1));
        }
    }
}
