package io.influxdb3j.query.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultFormatTest {

    @ParameterizedTest
    @CsvSource({
        "json, JSON", "JSON, JSON", "jsonl, JSONL", "json_lines, JSONL", "csv, CSV", "Pretty, PRETTY",
        "parquet, PARQUET"
    })
    void parsesFormatParameter(String text, ResultFormat expected) {
        assertThat(ResultFormat.parse(text)).isEqualTo(expected);
    }

    @Test
    void rejectsUnknownFormatListingValidOnes() {
        assertThatThrownBy(() -> ResultFormat.parse("xml"))
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .hasMessage("invalid format 'xml': valid formats are json, jsonl (or json_lines), csv, pretty, parquet");
    }

    @Test
    void contentTypes() {
        assertThat(ResultFormat.JSON.contentType()).isEqualTo("application/json");
        assertThat(ResultFormat.JSONL.contentType()).isEqualTo("application/jsonl");
        assertThat(ResultFormat.CSV.contentType()).isEqualTo("text/csv");
        assertThat(ResultFormat.PRETTY.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(ResultFormat.PARQUET.contentType()).isEqualTo("application/vnd.apache.parquet");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/vnd.apache.parquet | PARQUET",
        "text/csv | CSV",
        "text/plain | PRETTY",
        "application/json | JSON",
        "*/* | JSON",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | JSON",
        "text/html | JSON",
        "application/xml, */* | JSON",
        "text/csv, */* | JSON",
    })
    void mapsAcceptHeader(String accept, ResultFormat expected) {
        assertThat(ResultFormat.fromAccept(accept)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = "")
    void absentAcceptMeansJson(String accept) {
        assertThat(ResultFormat.fromAccept(accept)).isEqualTo(ResultFormat.JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain; charset=utf-8", "application/xml", "application/jsonl", "text/csv;q=1",
        "application/json; charset=utf-8"})
    void rejectsOtherMediaTypes(String accept) {
        assertThatThrownBy(() -> ResultFormat.fromAccept(accept))
                .isInstanceOfSatisfying(InfluxException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("invalid mime type (" + accept + ")");
    }
}
