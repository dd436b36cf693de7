package io.influxdb3j.pipeline.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.config.ConfigLoader;
import io.influxdb3j.pipeline.config.LintError;
import io.influxdb3j.pipeline.config.Linter;
import io.influxdb3j.pipeline.config.PipelineConfig;
import io.influxdb3j.pipeline.runtime.PipelineRunner;
import io.influxdb3j.python.PyModuleHandle;
import io.influxdb3j.python.PythonInterpreter;
import io.influxdb3j.python.PythonRuntime;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The README's examples (and the reference repository's global.yaml and pickle.yaml) as whole
 * pipelines: config text → lint → {@link PipelineRunner}, with stdin and stdout in memory. Only
 * {@code --set http.enabled=false} is added, so tests do not fight over port 4195.
 */
class PythonPipelineEndToEndTest {
    private static final ComponentRegistry REGISTRY = ComponentRegistry.standard();

    record Run(int exitCode, String stdout) {}

    @Test
    void rot13AsWritten() {
        Run run = run(SeedReadmeExamplesTest.resource("rot13.yaml"), "My voice is my passport\n");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("{\"original\": \"My voice is my passport\", \"encoded\": \"Zl ibvpr vf zl cnffcbeg\"}\n");
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void rot13GivesTheSameOutputInEveryModeWithSeveralThreads(PythonMode mode) {
        Run run = run(SeedReadmeExamplesTest.resource("rot13.yaml"), "one\ntwo\nthree\nfour\n",
                "pipeline.processors.0.python.mode=" + mode.configName(), "pipeline.threads=2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                {"original": "one", "encoded": "bar"}
                {"original": "two", "encoded": "gjb"}
                {"original": "three", "encoded": "guerr"}
                {"original": "four", "encoded": "sbhe"}
                """);
    }

    @Test
    void theOutputExampleAsWritten() throws Exception {
        String printed = capturingGlobalPrints(() -> {
            Run run = run(SeedReadmeExamplesTest.resource("output.yaml"), "");
            assertThat(run.exitCode()).isZero();
            assertThat(run.stdout()).isEmpty();
            return null;
        });
        assertThat(printed).isEqualTo(String.join("", Collections.nCopies(5, "you said: 'hello world'\n")));
    }

    @Test
    void thePandasExampleWithNumpyStandingInForPandas() {
        String config = SeedReadmeExamplesTest.resource("pandas.yaml").replace("      import pandas as pd\n",
                SeedReadmeExamplesTest.resource("numpy-pandas-standin.py").indent(6));
        Run run = run(config, "");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("{\"name\": [\"Maple\", \"Moxie\"], \"age\": [8, 3]}\n");
    }

    @Test
    void objectsPassBetweenGlobalComponentsWithSerializerNone() {
        Run run = run("""
                input:
                  python:
                    serializer: none
                    name: objects
                    script: |
                      class Junk:
                        def __init__(self, msg):
                          self.msg = msg
                        def speak(self):
                          return f"i said: {self.msg}"
                      objects = iter([Junk("hey man"), Junk("how's it going?")])
                pipeline:
                  processors:
                    - python:
                        script: |
                          try:
                            root.msg = this.speak()
                            root.err = None
                          except Exception as e:
                            root.err = str(e)
                output:
                  stdout: {}
                """, "");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).isEqualTo("""
                {"msg": "i said: hey man", "err": null}
                {"msg": "i said: how's it going?", "err": null}
                """);
    }

    @Test
    void thePickleExampleFromInputThroughAnIsolatedProcessorToAPythonOutput() throws Exception {
        // The reference repository's examples/pickle.yaml, its CI smoke test.
        String printed = capturingGlobalPrints(() -> {
            Run run = run("""
                    input:
                      python:
                        name: pickle_the_time
                        batch_size: 5
                        serializer: pickle
                        script: |
                          import time
                          def pickle_the_time(state={}):
                            cnt = state.get("cnt", 0)
                            if cnt > 10:
                              return None
                            state["cnt"] = cnt + 1
                            time.sleep(0.1)
                            return {"now": time.ctime(), "cnt": cnt}
                    pipeline:
                      processors:
                        - python:
                            mode: isolated
                            script: |
                              import hashlib, pickle
                              data = content()
                              d = unpickle()
                              d["hash"] = hashlib.sha256(data).hexdigest()
                              root = pickle.dumps(d)
                    output:
                      python:
                        script: |
                          d = unpickle()
                          print(d)
                    """, "");
            assertThat(run.exitCode()).isZero();
            return null;
        });
        List<String> lines = printed.lines().toList();
        assertThat(lines).hasSize(11);
        List<Integer> counts = new ArrayList<>();
        for (String line : lines) {
            assertThat(line).matches("\\{'now': '[^']+', 'cnt': \\d+, 'hash': '[0-9a-f]{64}'}");
            counts.add(Integer.parseInt(line.replaceAll(".*'cnt': (\\d+).*", "$1")));
        }
        assertThat(counts).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void badPythonConfigsAreLintErrorsNamingTheKey() {
        List<LintError> errors = lint("""
                input:
                  python:
                    mode: isolated
                    serializer: none
                    script: |
                      data = [1
                pipeline:
                  processors:
                    - python: {}
                output:
                  python:
                    script: print(1)
                    batch_size: 3
                """);
        assertThat(errors).extracting(LintError::toString).anySatisfy(error -> assertThat(error)
                .startsWith("example.yaml(2,").contains("input.python: serializer: isolated interpreters require"));
        assertThat(errors).extracting(LintError::toString).anySatisfy(error -> assertThat(error)
                .contains("input.python: script: failed to compile python script: SyntaxError:"));
        assertThat(errors).anySatisfy(error -> {
            assertThat(error.path()).startsWith("pipeline.processors.0.python");
            assertThat(error.message()).contains("script");
        });
        assertThat(errors).extracting(LintError::path).contains("output.python.batch_size");
    }

    @Test
    void aFailingInputEndsThePipelineWithExitCode1() {
        Run run = run("""
                input:
                  python:
                    name: fetch
                    script: |
                      def fetch():
                        raise RuntimeError("no more data")
                output:
                  stdout: {}
                """, "");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
    }

    @Test
    void aMissingInputObjectFailsToConnectNamingTheComponent() {
        assertThatThrownBy(() -> run("""
                input:
                  python:
                    name: nope
                    mode: isolated
                    script: x = 1
                """, ""))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("input.python")
                .hasMessageContaining("failed to find python data generator object 'nope'");
    }

    private static List<LintError> lint(String yaml) {
        return Linter.lint(ConfigLoader.parse(yaml, "example.yaml", name -> null, List.of("http.enabled=false")), REGISTRY);
    }

    private static Run run(String yaml, String stdin, String... sets) {
        List<String> overrides = new ArrayList<>(List.of("http.enabled=false"));
        overrides.addAll(List.of(sets));
        PipelineConfig config = ConfigLoader.parse(yaml, "example.yaml", name -> null, overrides);
        assertThat(Linter.lint(config, REGISTRY)).isEmpty();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PipelineRunner runner = PipelineRunner.build(config, REGISTRY, new PipelineRunner.Environment("example.yaml",
                Path.of("."), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), Optional.empty(), "test"));
        int code = runner.run();
        return new Run(code, stdout.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code body} with the main interpreter's sys.stdout in a buffer; returns what Python printed. */
    private static String capturingGlobalPrints(Callable<Void> body) throws Exception {
        PythonInterpreter main = PythonRuntime.get().mainInterpreter();
        PyModuleHandle capture = GlobalPythonThread.call(() -> main.load("capture_stdout_e2e", """
                import io, sys
                buffer = io.StringIO()
                original = sys.stdout
                sys.stdout = buffer
                def text():
                    return buffer.getvalue()
                def restore():
                    sys.stdout = original
                """, null));
        try {
            body.call();
            return (String) GlobalPythonThread.call(() -> main.call(capture, "text"));
        } finally {
            GlobalPythonThread.call(() -> main.call(capture, "restore"));
        }
    }
}
