package io.influxdb3j.query.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FloatTextTest {

    @ParameterizedTest
    @CsvSource({
        "2.0, 2.0", "0.54, 0.54", "-1.5, -1.5", "0.0, 0.0", "-0.0, -0.0",
        "0.001, 0.001", "0.0001, 0.0001", "0.00001, 0.00001", "0.000001, 1.0e-6", "1.25e-7, 1.25e-7",
        "1234567.0, 1234567.0", "12345678.0, 12345678.0", "1.0e9, 1000000000.0", "9.99e9, 9990000000.0",
        "1.0e10, 1.0e10", "1.5e10, 1.5e10", "-2.5e20, -2.5e20", "1.7976931348623157e308, 1.7976931348623157e308",
        "0.1, 0.1", "123456.789, 123456.789",
    })
    void formatsDoublesLikeArrow(double value, String expected) {
        assertThat(FloatText.format(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"NaN, NaN", "Infinity, inf", "-Infinity, -inf"})
    void formatsNonFinite(double value, String expected) {
        assertThat(FloatText.format(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.1", "2.0, 2.0", "1.0e10, 1.0e10", "3.4028235e38, 3.4028235e38", "1.5e-3, 0.0015"})
    void formatsFloatsWithTheirOwnShortestDigits(float value, String expected) {
        assertThat(FloatText.format(value)).isEqualTo(expected);
    }
}
