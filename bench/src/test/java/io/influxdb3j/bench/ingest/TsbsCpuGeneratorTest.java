package io.influxdb3j.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.lp.FieldKind;
import io.influxdb3j.lp.LineError;
import io.influxdb3j.lp.LineProtocolParser;
import io.influxdb3j.lp.LineSink;
import io.influxdb3j.lp.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TsbsCpuGeneratorTest {
    private static final long TEN_SECONDS = 10_000_000_000L;

    @Test
    void rowCountIsHostsTimesDurationOverTenSeconds() {
        TsbsCpuGenerator g = new TsbsCpuGenerator(100, Duration.ofHours(1), 1);
        assertThat(g.rowsPerHost()).isEqualTo(360);
        assertThat(g.rowCount()).isEqualTo(36_000);
        // a partial interval at the end adds no row
        assertThat(new TsbsCpuGenerator(3, Duration.ofSeconds(25), 1).rowCount()).isEqualTo(6);
    }

    @Test
    void batchesHoldEveryRowInBatchSizedBodies() {
        TsbsCpuGenerator g = new TsbsCpuGenerator(7, Duration.ofMinutes(10), 1);
        List<byte[]> batches = g.batches(50);
        assertThat(g.rowCount()).isEqualTo(7 * 60);
        assertThat(batches).hasSize(9); // 420 = 8 x 50 + 20
        for (int i = 0; i < batches.size() - 1; i++) {
            assertThat(TsbsCpuGenerator.lineCount(batches.get(i))).isEqualTo(50);
        }
        assertThat(TsbsCpuGenerator.lineCount(batches.get(8))).isEqualTo(20);
        for (byte[] b : batches) {
            assertThat(b[b.length - 1]).isEqualTo((byte) '\n');
        }
    }

    @Test
    void sameArgumentsGiveSameBytesAndAnotherSeedDoesNot() {
        List<byte[]> a = new TsbsCpuGenerator(10, Duration.ofMinutes(5), 42).batches(100);
        List<byte[]> b = new TsbsCpuGenerator(10, Duration.ofMinutes(5), 42).batches(100);
        List<byte[]> c = new TsbsCpuGenerator(10, Duration.ofMinutes(5), 43).batches(100);
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
        assertThat(a.get(0)).isNotEqualTo(c.get(0));
    }

    @Test
    void batchSizeDoesNotChangeTheData() {
        TsbsCpuGenerator g = new TsbsCpuGenerator(5, Duration.ofMinutes(3), 7);
        assertThat(concat(g.batches(1))).isEqualTo(concat(g.batches(1000)));
    }

    @Test
    void everyLineParsesWithTenTagsTenFloatsAndTheExpectedTimestamp() {
        int hosts = 4;
        TsbsCpuGenerator g = new TsbsCpuGenerator(hosts, Duration.ofMinutes(2), 1);
        List<LineError> errors = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Set<String> hostnames = new HashSet<>();
        LineSink sink = new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                assertThat(line.measurement()).isEqualTo("cpu");
                assertThat(line.tagCount()).isEqualTo(10);
                for (int t = 0; t < 10; t++) {
                    assertThat(line.tagKey(t)).isEqualTo(TsbsCpuGenerator.TAG_KEYS.get(t));
                }
                hostnames.add(line.tagValue(0));
                assertThat(line.fieldCount()).isEqualTo(10);
                for (int f = 0; f < 10; f++) {
                    assertThat(line.fieldKey(f)).isEqualTo(TsbsCpuGenerator.FIELD_KEYS.get(f));
                    assertThat(line.fieldKind(f)).isEqualTo(FieldKind.FLOAT);
                    assertThat(line.floatValue(f)).isBetween(0.0, 100.0);
                }
                assertThat(line.hasTimestamp()).isTrue();
                int row = lines.size();
                assertThat(line.timestamp()).isEqualTo(TsbsCpuGenerator.DEFAULT_START_NANOS + (row / hosts) * TEN_SECONDS);
                lines.add(line.originalLine());
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                errors.add(error);
                return true;
            }
        };
        LineProtocolParser parser = new LineProtocolParser();
        for (byte[] body : g.batches(5)) {
            parser.parse(body, 0, body.length, sink);
        }
        assertThat(errors).isEmpty();
        assertThat(lines).hasSize((int) g.rowCount());
        assertThat(hostnames).containsExactlyInAnyOrder("host_0", "host_1", "host_2", "host_3");
        assertThat(g.endNanos()).isEqualTo(TsbsCpuGenerator.DEFAULT_START_NANOS + 11 * TEN_SECONDS);
    }

    @Test
    void hostTagsComeFromTheFixedListsAndStayPutAcrossRows() {
        TsbsCpuGenerator g = new TsbsCpuGenerator(50, Duration.ofMinutes(1), 3);
        List<List<String>> tags = g.hostTags();
        assertThat(tags).hasSize(50);
        assertThat(tags.get(49).get(0)).isEqualTo("host_49");
        for (List<String> t : tags) {
            assertThat(t.get(2)).startsWith(t.get(1)); // datacenter lies in its region
            assertThat(t.get(4)).isIn("Ubuntu16.10", "Ubuntu16.04LTS", "Ubuntu15.10");
            assertThat(t.get(9)).isIn("production", "staging", "test");
        }
        String text = new String(concat(g.batches(1000)), StandardCharsets.US_ASCII);
        String firstLineOfHost7 = text.lines().filter(l -> l.startsWith("cpu,hostname=host_7,")).findFirst().orElseThrow();
        String seriesKey = firstLineOfHost7.substring(0, firstLineOfHost7.indexOf(' '));
        assertThat(text.lines().filter(l -> l.startsWith("cpu,hostname=host_7,"))).allMatch(l -> l.startsWith(seriesKey + " "));
    }

    @Test
    void maxBatchesStopsEarlyAndAnotherMeasurementNameIsUsed() {
        TsbsCpuGenerator g = new TsbsCpuGenerator(10, Duration.ofHours(1), 2, TsbsCpuGenerator.DEFAULT_START_NANOS, "cpu_warmup");
        List<byte[]> firstTwo = g.batches(100, 2);
        assertThat(firstTwo).hasSize(2);
        List<byte[]> all = g.batches(100);
        assertThat(firstTwo.get(0)).isEqualTo(all.get(0));
        assertThat(firstTwo.get(1)).isEqualTo(all.get(1));
        assertThat(new String(firstTwo.get(0), StandardCharsets.US_ASCII)).startsWith("cpu_warmup,hostname=host_0,");
        assertThat(g.batches(100, 0)).isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new TsbsCpuGenerator(0, Duration.ofHours(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TsbsCpuGenerator(1, Duration.ofSeconds(9), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TsbsCpuGenerator(1, Duration.ofHours(1), 1).batches(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(List<byte[]> parts) {
        int n = parts.stream().mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
