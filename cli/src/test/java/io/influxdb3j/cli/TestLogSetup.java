package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.influxdb3j.common.InfluxException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestLogSetup {
    @Test
    void rootAndTargets() {
        var filter = LogSetup.parse(
                "warn, io.influxdb3j.wal=debug,com.linecorp.armeria=ERROR,influxdb3_server::http=trace");

        assertThat(filter.root()).isEqualTo(Level.WARN);
        assertThat(filter.loggers()).isEqualTo(Map.of(
                "io.influxdb3j.wal", Level.DEBUG,
                "com.linecorp.armeria", Level.ERROR,
                "influxdb3_server.http", Level.TRACE));
    }

    @Test
    void defaultRootIsInfo() {
        assertThat(LogSetup.parse("io.netty=off").root()).isEqualTo(Level.INFO);
        assertThat(LogSetup.parse("io.netty=off").loggers()).containsEntry("io.netty", Level.OFF);
    }

    @Test
    void badDirectives() {
        assertThatThrownBy(() -> LogSetup.parse("verbose")).isInstanceOf(InfluxException.class)
                .hasMessageContaining("'verbose' is not LEVEL or target=LEVEL");
        assertThatThrownBy(() -> LogSetup.parse("=debug")).isInstanceOf(InfluxException.class);
    }
}
