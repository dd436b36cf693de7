package io.influxdb3j.pipeline.python;

import static io.influxdb3j.pipeline.python.TestingPython.captureStdout;
import static io.influxdb3j.pipeline.python.TestingPython.config;
import static io.influxdb3j.pipeline.python.TestingPython.output;
import static io.influxdb3j.pipeline.python.TestingPython.printed;
import static io.influxdb3j.pipeline.python.TestingPython.restoreStdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.python.PyModuleHandle;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PythonOutputTest {
    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void theScriptSeesEveryMessageAndItsMetadata(PythonMode mode) throws Exception {
        try (PythonOutput output = (PythonOutput) output(config("""
                msg = content().decode()
                print(f"{msg} from {metadata('origin')}")
                root = "ignored"
                meta["ignored"] = "too"
                """, "mode: " + mode.configName()))) {
            output.connect();
            List<PyModuleHandle> capture = captureStdout(output.pool());
            try {
                output.writeBatch(List.of(message("one", "a"), message("two", "b")));
                output.writeBatch(List.of(message("three", "c")));
                assertThat(printed(output.pool(), capture)).isEqualTo("one from a\ntwo from b\nthree from c\n");
            } finally {
                restoreStdout(output.pool(), capture);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(PythonMode.class)
    void aFailingScriptFailsTheWriteSoTheBatchIsNacked(PythonMode mode) throws Exception {
        try (PythonOutput output = (PythonOutput) output(config("""
                n = int(content())
                print(100 // n)
                """, "mode: " + mode.configName()))) {
            List<PyModuleHandle> capture = captureStdout(output.pool());
            try {
                assertThatThrownBy(() -> output.writeBatch(List.of(Message.ofString("4"), Message.ofString("0"),
                        Message.ofString("5"))))
                        .isInstanceOf(PipelineException.class)
                        .hasMessage("python output: problem executing Python script: ZeroDivisionError: division by zero "
                                + "(line 2 of <test.yaml python output>)");
                // The rest of the failed batch did not run; the next batch does.
                output.writeBatch(List.of(Message.ofString("10")));
                assertThat(printed(output.pool(), capture)).isEqualTo("25\n10\n");
            } finally {
                restoreStdout(output.pool(), capture);
            }
        }
    }

    private static Message message(String content, String origin) {
        Message message = Message.ofString(content);
        message.metadata().putAll(Map.of("origin", origin));
        return message;
    }
}
