package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEnvironment {
    @TempDir
    Path tmp;

    @Test
    void dotEnvSyntax() throws IOException {
        Files.writeString(tmp.resolve(".env"), """
                # comment
                PLAIN=value
                export EXPORTED=yes
                  SPACED = padded value
                DOUBLE="quoted # not a comment"
                SINGLE='single'
                TRAILING=value # comment
                EMPTY=
                not a pair
                """);

        Environment env = Environment.load(Map.of(), tmp);

        assertThat(env.get("PLAIN")).hasValue("value");
        assertThat(env.get("EXPORTED")).hasValue("yes");
        assertThat(env.get("SPACED")).hasValue("padded value");
        assertThat(env.get("DOUBLE")).hasValue("quoted # not a comment");
        assertThat(env.get("SINGLE")).hasValue("single");
        assertThat(env.get("TRAILING")).hasValue("value");
        assertThat(env.get("EMPTY")).isEmpty();
        assertThat(env.asMap()).doesNotContainKey("not a pair");
    }

    @Test
    void processEnvironmentBeatsDotEnv() throws IOException {
        Files.writeString(tmp.resolve(".env"), "A=file\nB=file\n");

        Environment env = Environment.load(Map.of("A", "process"), tmp);

        assertThat(env.get("A")).hasValue("process");
        assertThat(env.get("B")).hasValue("file");
    }

    @Test
    void noDotEnvIsFine() {
        assertThat(Environment.load(Map.of("X", "1"), tmp).get("X")).hasValue("1");
    }

    @Test
    void legacyNamesAreCopiedUnlessTheCurrentNameIsSet() {
        Environment env = Environment.load(Map.of(
                "LOG_FILTER", "debug",
                "OBJECT_STORE_MAX_RETRIES", "4",
                "TRACES_EXPORTER_JAEGER_AGENT_HOST", "jaeger",
                "INFLUXDB_IOX_DB_DIR", "/old",
                "INFLUXDB_IOX_OBJECT_STORE", "file",
                "INFLUXDB3_OBJECT_STORE", "memory"), tmp);

        assertThat(env.get("INFLUXDB3_LOG_FILTER")).hasValue("debug");
        assertThat(env.get("INFLUXDB3_OBJECT_STORE_MAX_RETRIES")).hasValue("4");
        assertThat(env.get("INFLUXDB3_TRACES_EXPORTER_JAEGER_AGENT_HOST")).hasValue("jaeger");
        assertThat(env.get("INFLUXDB3_DB_DIR")).hasValue("/old");
        assertThat(env.get("INFLUXDB3_OBJECT_STORE")).hasValue("memory");
        assertThat(env.get("LOG_FILTER")).hasValue("debug");
    }

    @Test
    void blankCountsAsUnset() {
        Environment env = Environment.of(Map.of("A", "  "));

        assertThat(env.get("A")).isEmpty();
        assertThat(env.get("MISSING")).isEmpty();
    }
}
