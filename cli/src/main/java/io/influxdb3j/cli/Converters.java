package io.influxdb3j.cli;

import io.influxdb3j.common.DataSize;
import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.server.ServeConfig.MemorySize;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters: human durations ({@code 10m}, {@code 1month}), sizes and paths with {@code ~}. */
final class Converters {
    private Converters() {
    }

    /** {@code 10s}, {@code 5m}, {@code 1h30m}, {@code 30days}: the humantime forms Core takes. */
    static final class HumanDurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return HumanDuration.parse(value);
            } catch (InfluxException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 20%}, {@code 4096} (MB), {@code 512mb}. */
    static final class MemorySizeConverter implements ITypeConverter<MemorySize> {
        @Override
        public MemorySize convert(String value) {
            try {
                return MemorySize.parse(value);
            } catch (InfluxException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Bytes: {@code 10485760}, {@code 10mb}, {@code 512kb}. */
    static final class ByteSizeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                long bytes = DataSize.parse(value, 0);
                if (bytes <= 0 || value.strip().endsWith("%")) {
                    throw new TypeConversionException("invalid size '" + value + "': expected a positive number of"
                            + " bytes or a size like 10mb");
                }
                return bytes;
            } catch (InfluxException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A path where a leading {@code ~} means the home directory (env values are not expanded by a shell). */
    static final class HomePathConverter implements ITypeConverter<Path> {
        @Override
        public Path convert(String value) {
            return expandHome(value);
        }
    }

    static Path expandHome(String value) {
        if (value.equals("~")) {
            return Path.of(System.getProperty("user.home"));
        }
        if (value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home"), value.substring(2));
        }
        return Path.of(value);
    }
}
