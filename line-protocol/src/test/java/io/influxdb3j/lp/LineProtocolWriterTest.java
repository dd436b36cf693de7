package io.influxdb3j.lp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineProtocolWriterTest {
    @Test
    void escapesLikeInfluxDbForOrdinaryText() {
        assertThat(LineProtocolWriter.escapeMeasurement("my meas,x=y")).isEqualTo("my\\ meas\\,x=y");
        assertThat(LineProtocolWriter.escapeTagKey("a b,c=d")).isEqualTo("a\\ b\\,c\\=d");
        assertThat(LineProtocolWriter.escapeTagValue("C:\\path")).isEqualTo("C:\\path");
        assertThat(LineProtocolWriter.escapeFieldKey("x=1")).isEqualTo("x\\=1");
        assertThat(LineProtocolWriter.escapeStringFieldValue("say \"hi\"")).isEqualTo("say \\\"hi\\\"");
    }

    @Test
    void doublesBackslashesOnlyWhereABareOneWouldChangeTheText() {
        assertThat(LineProtocolWriter.escapeTagValue("a\\,b")).isEqualTo("a\\\\\\,b");
        assertThat(LineProtocolWriter.escapeTagValue("a\\\\b")).isEqualTo("a\\\\\\b");
        assertThat(LineProtocolWriter.escapeMeasurement("a\\=b")).isEqualTo("a\\=b");
        assertThat(LineProtocolWriter.escapeTagKey("a\\=b")).isEqualTo("a\\\\\\=b");
        assertThat(LineProtocolWriter.escapeStringFieldValue("end\\")).isEqualTo("end\\\\");
        assertThat(LineProtocolWriter.escapeStringFieldValue("a\\\"")).isEqualTo("a\\\\\\\"");
        assertThat(LineProtocolWriter.escapeStringFieldValue("a\\n")).isEqualTo("a\\n");
    }

    @Test
    void buildsLines() {
        LineProtocolWriter w = new LineProtocolWriter();
        assertThat(w.measurement("cpu").tag("host", "a b").floatField("usage", 0.5).intField("count", 3)
                .uintField("big", -1L).stringField("s", "x\"y").boolField("ok", true).timestamp(-5).build())
                .isEqualTo("cpu,host=a\\ b usage=0.5,count=3i,big=18446744073709551615u,s=\"x\\\"y\",ok=true -5");
        assertThat(w.measurement("m").floatField("f", 1.0).build()).isEqualTo("m f=1");
    }

    @Test
    void rejectsWhatLineProtocolCannotCarry() {
        LineProtocolWriter w = new LineProtocolWriter();
        assertThatThrownBy(() -> w.measurement("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("#cpu")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("a\tb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("ab\\")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m").tag("k", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m").tag("k\n", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m").floatField("f", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m").floatField("f", Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.measurement("m").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> w.measurement("m").floatField("f", 1).tag("k", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new LineProtocolWriter().floatField("f", 1)).isInstanceOf(IllegalStateException.class);
        // A tab right after a backslash is representable: both are kept as written.
        assertThat(w.measurement("a\\\tb").floatField("f", 1).build()).isEqualTo("a\\\tb f=1");
    }

    @Test
    void formatsFloatsLikeInfluxDb() {
        assertThat(LineProtocolWriter.formatFloat(1.0)).isEqualTo("1");
        assertThat(LineProtocolWriter.formatFloat(-0.0)).isEqualTo("-0");
        assertThat(LineProtocolWriter.formatFloat(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(LineProtocolWriter.formatFloat(1e20)).isEqualTo("100000000000000000000");
        assertThat(LineProtocolWriter.formatFloat(1.5e-7)).isEqualTo("0.00000015");
        assertThat(LineProtocolWriter.formatFloat(-123.25)).isEqualTo("-123.25");
        assertThat(LineProtocolWriter.formatFloat(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(LineProtocolWriter.formatFloat(Double.NaN)).isEqualTo("NaN");
    }
}
