package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogLimits;
import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.Precision;
import io.influxdb3j.lp.LineError;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import io.influxdb3j.wal.ColumnData;
import io.influxdb3j.wal.TableBatch;
import io.influxdb3j.wal.WalOp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriteValidatorTest {
    private static final long NOW = 1_700_000_000_123_456_789L;
    private final TestingTimeProvider time = new TestingTimeProvider(NOW);

    private Catalog catalog(CatalogLimits limits) {
        Catalog c = Catalog.loadOrCreate(new InMemoryObjectStore(), "node1", limits, Duration.ofMinutes(10).toNanos(), time);
        c.createDatabase("db", null);
        return c;
    }

    private Catalog catalog = catalog(CatalogLimits.DEFAULT);

    private ValidatedWrite validate(String lp, Precision precision, boolean acceptPartial) {
        byte[] body = lp.getBytes(StandardCharsets.UTF_8);
        return new WriteValidator(catalog, time).validate("db", body, 0, body.length, precision, acceptPartial);
    }

    private ValidatedWrite validate(String lp) {
        return validate(lp, Precision.NANOSECOND, true);
    }

    /** The rows of one table in an op, each as column name → value (absent = null column or null value). */
    private List<Map<String, Object>> rows(ValidatedWrite w, String table) {
        TableSchema schema = catalog.snapshot().database("db").table(table);
        List<Map<String, Object>> out = new ArrayList<>();
        for (TableBatch b : w.op().tables()) {
            if (!b.tableName().equals(table)) {
                continue;
            }
            assertThat(b.time()).hasSize(b.rowCount());
            for (int r = 0; r < b.rowCount(); r++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("time", b.time()[r]);
                for (ColumnData c : b.columns()) {
                    ColumnDef def = schema.columns().get(c.columnId());
                    assertThat(c.type()).isEqualTo(def.type());
                    if (c.isNull(r)) {
                        continue;
                    }
                    Object v = switch (c) {
                        case ColumnData.Strings s -> s.values()[r];
                        case ColumnData.Doubles d -> d.values()[r];
                        case ColumnData.Longs l -> l.type() == ColumnType.UINTEGER ? Long.toUnsignedString(l.values()[r]) : l.values()[r];
                        case ColumnData.Booleans bo -> bo.values()[r];
                    };
                    row.put(def.name(), v);
                }
                out.add(row);
            }
        }
        return out;
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void lineCountCountsNewlinesAtEveryOffsetOfAWord() {
        java.util.Random random = new java.util.Random(7);
        for (int len = 0; len < 70; len++) {
            byte[] b = new byte[len + 5];
            int expected = 1;
            for (int i = 0; i < b.length; i++) {
                int k = random.nextInt(4);
                b[i] = (byte) (k == 0 ? '\n' : k == 1 ? 0x8A : k == 2 ? 0x0B : 'a');
                if (i >= 2 && i < 2 + len && b[i] == '\n') {
                    expected++;
                }
            }
            assertThat(WriteValidator.lineCount(b, 2, len)).as("length %d", len).isEqualTo(expected);
        }
    }

    @Test
    void lineEstimateIsExactForSmallBodiesAndCloseForLargeOnes() {
        byte[] small = "a v=1 1\nb v=2 2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(WriteValidator.estimateLines(small, 0, small.length)).isEqualTo(3);
        byte[] large = "cpu,host=h v=1.5 1\n".repeat(20_000).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(WriteValidator.estimateLines(large, 0, large.length)).isBetween(20_000, 21_100);
    }

    @Test
    void partialWriteReportsLineNumbersCountingOnlyMeaningfulLines() {
        String lp = """
                # a comment, not counted

                cpu,host=a usage=1 1
                cpu,host=b usage= 2
                \t
                # another comment
                cpu,host=c usage=3i 3
                mem free=1i 4
                """;
        ValidatedWrite w = validate(lp);
        assertThat(w.totalLines()).isEqualTo(4);
        assertThat(w.acceptedLines()).isEqualTo(2);
        assertThat(w.errors()).extracting(LineError::lineNumber).containsExactly(2, 3);
        assertThat(w.errors().get(0).originalLine()).isEqualTo("cpu,host=b usage= 2");
        assertThat(w.errors().get(1).originalLine()).isEqualTo("cpu,host=c usage=3i 3");
        assertThat(w.errors().get(1).message()).isEqualTo(
                "invalid column type for column 'usage', expected iox::column_type::field::float, got iox::column_type::field::integer");
        assertThat(rows(w, "cpu")).containsExactly(map("time", 1L, "host", "a", "usage", 1.0));
        assertThat(rows(w, "mem")).containsExactly(map("time", 4L, "free", 1L));
        assertThat(w.op().minTimeNanos()).isEqualTo(1);
        assertThat(w.op().maxTimeNanos()).isEqualTo(4);
        assertThat(w.op().dbName()).isEqualTo("db");
        assertThat(w.op().dbId()).isEqualTo(catalog.snapshot().database("db").id());
    }

    @Test
    void newTablesAndColumnsAreCreatedInTheCatalog() {
        validate("cpu,host=a,region=eu usage=1,count=2i,big=3u,ok=true,note=\"x\" 1\ncpu,zone=z extra=1 2\nmem free=1i 3");
        TableSchema cpu = catalog.snapshot().database("db").table("cpu");
        assertThat(cpu.columns()).extracting(ColumnDef::name, ColumnDef::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("time", ColumnType.TIME),
                org.assertj.core.groups.Tuple.tuple("host", ColumnType.TAG),
                org.assertj.core.groups.Tuple.tuple("region", ColumnType.TAG),
                org.assertj.core.groups.Tuple.tuple("usage", ColumnType.FLOAT),
                org.assertj.core.groups.Tuple.tuple("count", ColumnType.INTEGER),
                org.assertj.core.groups.Tuple.tuple("big", ColumnType.UINTEGER),
                org.assertj.core.groups.Tuple.tuple("ok", ColumnType.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("note", ColumnType.STRING),
                org.assertj.core.groups.Tuple.tuple("zone", ColumnType.TAG),
                org.assertj.core.groups.Tuple.tuple("extra", ColumnType.FLOAT));
        assertThat(cpu.seriesKeyColumns()).extracting(ColumnDef::name).containsExactly("host", "region", "zone");
        assertThat(catalog.snapshot().database("db").table("mem")).isNotNull();
    }

    @Test
    void rowsCarryEveryTypeAndNullsForAbsentColumns() {
        ValidatedWrite w = validate("""
                m,t=a f=1.5,i=-2i,u=18446744073709551615u,b=t,s="héllo \\"wörld\\" 😀" 10
                m,t=b f=2 20
                m s="only" 30
                """);
        assertThat(w.errors()).isEmpty();
        assertThat(rows(w, "m")).containsExactly(
                map("time", 10L, "t", "a", "f", 1.5, "i", -2L, "u", "18446744073709551615", "b", true, "s", "héllo \"wörld\" 😀"),
                map("time", 20L, "t", "b", "f", 2.0),
                map("time", 30L, "s", "only"));
    }

    @Test
    void linesRepeatingTheLastLinesKeysAreCheckedAndStoredLikeAnyOther() {
        // existing schema, so the first pass stores rows; the repeated shapes take the validator's shortcut
        validate("cpu,host=a,dc=x usage=1,count=1i 1\nmem,host=a free=1i 1");
        ValidatedWrite w = validate("""
                cpu,host=a,dc=x usage=1,count=2i 10
                cpu,host=b,dc=y usage=2,count=3i 11
                cpu,host=c,dc=y usage=3i,count=4i 12
                cpu,host=d,dc=z usage=4,count=5i 13
                cpu,dc=z,host=e usage=5,count=6i 14
                mem,host=a free=7i 15
                cpu,host=f,dc=z usage=6,count=7i 16
                cpu,host=g,dc=z usage=7,count=8i,count=9i 17
                cpu,host=h,dc=z usage=8,count=9i 18
                cpu,host=i,dc=z usage=9,count="ten" 19
                cpu,host=j,dc=z usage=10,count=11i
                """);
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "invalid column type for column 'usage', expected iox::column_type::field::float, got iox::column_type::field::integer"),
                org.assertj.core.groups.Tuple.tuple(8, "invalid line protocol - multiple instances of 'count' field found"),
                org.assertj.core.groups.Tuple.tuple(10, "invalid column type for column 'count', expected iox::column_type::field::integer, got iox::column_type::field::string"));
        assertThat(rows(w, "cpu")).containsExactly(
                map("time", 10L, "host", "a", "dc", "x", "usage", 1.0, "count", 2L),
                map("time", 11L, "host", "b", "dc", "y", "usage", 2.0, "count", 3L),
                map("time", 13L, "host", "d", "dc", "z", "usage", 4.0, "count", 5L),
                map("time", 14L, "host", "e", "dc", "z", "usage", 5.0, "count", 6L),
                map("time", 16L, "host", "f", "dc", "z", "usage", 6.0, "count", 7L),
                map("time", 18L, "host", "h", "dc", "z", "usage", 8.0, "count", 9L),
                map("time", NOW, "host", "j", "dc", "z", "usage", 10.0, "count", 11L));
        assertThat(rows(w, "mem")).containsExactly(map("time", 15L, "host", "a", "free", 7L));
        assertThat(w.op().minTimeNanos()).isEqualTo(10L);
        assertThat(w.op().maxTimeNanos()).isEqualTo(NOW);
    }

    @Test
    void typeConflictWithExistingSchema() {
        validate("cpu,host=a usage=1,count=1i 1");
        ValidatedWrite w = validate("""
                cpu,host=a usage=1i 2
                cpu,host=a count=1u 3
                cpu host="s" 4
                cpu,usage=x count=2i 5
                cpu,host=b usage=2 6
                """);
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "invalid column type for column 'usage', expected iox::column_type::field::float, got iox::column_type::field::integer"),
                org.assertj.core.groups.Tuple.tuple(2, "invalid column type for column 'count', expected iox::column_type::field::integer, got iox::column_type::field::uinteger"),
                org.assertj.core.groups.Tuple.tuple(3, "invalid column type for column 'host', expected iox::column_type::tag, got iox::column_type::field::string"),
                org.assertj.core.groups.Tuple.tuple(4, "invalid column type for column 'usage', expected iox::column_type::field::float, got iox::column_type::tag"));
        assertThat(rows(w, "cpu")).containsExactly(map("time", 6L, "host", "b", "usage", 2.0));
    }

    @Test
    void typeConflictWithinOneBodyFirstLineWins() {
        ValidatedWrite w = validate("""
                m v=1i 1
                m v=1 2
                m v=2i 3
                n,k=a x=1 4
                n k="field" 5
                """);
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "invalid column type for column 'v', expected iox::column_type::field::integer, got iox::column_type::field::float"),
                org.assertj.core.groups.Tuple.tuple(5, "invalid column type for column 'k', expected iox::column_type::tag, got iox::column_type::field::string"));
        assertThat(rows(w, "m")).containsExactly(map("time", 1L, "v", 1L), map("time", 3L, "v", 2L));
        assertThat(catalog.snapshot().database("db").table("m").column("v").type()).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void timeCannotBeAFieldOrTag() {
        ValidatedWrite w = validate("m time=1 1\nm,time=x f=1 2\nm f=1 3");
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "invalid column type for column 'time', expected iox::column_type::timestamp, got iox::column_type::field::float"),
                org.assertj.core.groups.Tuple.tuple(2, "invalid column type for column 'time', expected iox::column_type::timestamp, got iox::column_type::tag"));
        assertThat(rows(w, "m")).containsExactly(map("time", 3L, "f", 1.0));
    }

    @Test
    void acceptPartialFalseRejectsTheWholeRequestAndChangesNoSchema() {
        long seq = catalog.snapshot().sequence();
        ValidatedWrite w = validate("newtable,t=a f=1 1\nother f=1 2\nbad line here\nnewtable f=2 4", Precision.NANOSECOND, false);
        assertThat(w.op()).isNull();
        assertThat(w.acceptedLines()).isZero();
        assertThat(w.errors()).hasSize(1);
        assertThat(w.errors().get(0).lineNumber()).isEqualTo(3);
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
        assertThat(catalog.snapshot().database("db").tables()).isEmpty();
    }

    @Test
    void acceptPartialFalseWithATypeConflictInTheBodyChangesNoSchema() {
        long seq = catalog.snapshot().sequence();
        ValidatedWrite w = validate("m v=1i 1\nm v=1 2", Precision.NANOSECOND, false);
        assertThat(w.op()).isNull();
        assertThat(w.errors()).extracting(LineError::lineNumber).containsExactly(2);
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
    }

    @Test
    void acceptPartialFalseReportsOnlyTheFirstFailingLine() {
        validate("cpu usage=1 1");
        ValidatedWrite w = validate("cpu usage=1 1\ncpu usage=1i 2\ncpu usage=\"s\" 3", Precision.NANOSECOND, false);
        assertThat(w.op()).isNull();
        assertThat(w.errors()).extracting(LineError::lineNumber).containsExactly(2);
    }

    @Test
    void acceptPartialFalseOverALimitChangesNoSchema() {
        catalog = catalog(new CatalogLimits(10, 10, 2));
        validate("t a=1 1");
        CatalogSnapshot before = catalog.snapshot();
        ValidatedWrite w = validate("t b=1 2\nt c=1 3\nu x=1 4", Precision.NANOSECOND, false);
        assertThat(w.op()).isNull();
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "Update to schema would exceed number of columns per table limit of 2 columns"));
        assertThat(catalog.snapshot().database("db").table("t").column("b")).as("column b must not be committed").isNull();
        assertThat(catalog.snapshot().database("db").table("u")).as("table u must not be committed").isNull();
        assertThat(catalog.snapshot()).isEqualTo(before);
    }

    @Test
    void limitsAreReportedPerLine() {
        catalog = catalog(new CatalogLimits(10, 2, 3));
        ValidatedWrite w = validate("""
                t1 a=1,b=2 1
                t1 c=3 2
                t1 d=4 3
                t2 x=1 4
                t3 y=1 5
                t1 a=5 6
                """);
        assertThat(w.errors()).extracting(LineError::lineNumber, LineError::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "Update to schema would exceed number of columns per table limit of 3 columns"),
                org.assertj.core.groups.Tuple.tuple(5, "Update to schema would exceed number of tables limit: attempted to create table but already have 2 table(s) (limit: 2)"));
        assertThat(w.acceptedLines()).isEqualTo(4);
        assertThat(rows(w, "t1")).containsExactly(map("time", 1L, "a", 1.0, "b", 2.0), map("time", 2L, "c", 3.0),
                map("time", 6L, "a", 5.0));
        assertThat(rows(w, "t2")).containsExactly(map("time", 4L, "x", 1.0));
        assertThat(catalog.snapshot().database("db").table("t3")).isNull();
        assertThat(catalog.snapshot().database("db").table("t1").column("d")).isNull();
    }

    @Test
    void autoPrecisionGuessesTheUnitFromTheMagnitude() {
        ValidatedWrite w = validate("""
                m v=1 1
                m v=2 1700000000
                m v=3 1700000000123
                m v=4 1700000000123456
                m v=5 1700000000123456789
                m v=6 -1700000000
                m v=7 0
                """, Precision.AUTO, true);
        assertThat(w.errors()).isEmpty();
        assertThat(rows(w, "m")).extracting(r -> r.get("time")).containsExactly(
                1_000_000_000L, 1_700_000_000_000_000_000L, 1_700_000_000_123_000_000L, 1_700_000_000_123_456_000L,
                1_700_000_000_123_456_789L, -1_700_000_000_000_000_000L, 0L);
    }

    @Test
    void explicitPrecisionMultiplies() {
        assertThat(rows(validate("m v=1 1700000000", Precision.SECOND, true), "m").get(0).get("time"))
                .isEqualTo(1_700_000_000_000_000_000L);
        assertThat(rows(validate("m v=1 1700000000123", Precision.MILLISECOND, true), "m").get(0).get("time"))
                .isEqualTo(1_700_000_000_123_000_000L);
        assertThat(rows(validate("m v=1 1700000000123456", Precision.MICROSECOND, true), "m").get(0).get("time"))
                .isEqualTo(1_700_000_000_123_456_000L);
        assertThat(rows(validate("m v=1 5", Precision.NANOSECOND, true), "m").get(0).get("time")).isEqualTo(5L);
        // an explicit unit is never second-guessed: 1 ms is 1 ms, though auto would read it as seconds
        assertThat(rows(validate("m v=1 1", Precision.MILLISECOND, true), "m").get(0).get("time")).isEqualTo(1_000_000L);
    }

    @Test
    void outOfRangeTimestampIsALineError() {
        ValidatedWrite w = validate("m v=1 9223372037\nm v=2 1", Precision.SECOND, true);
        assertThat(w.errors()).extracting(LineError::lineNumber).containsExactly(1);
        assertThat(w.errors().get(0).message()).startsWith("timestamp, 9223372037, out of range for precision: ");
        assertThat(rows(w, "m")).extracting(r -> r.get("time")).containsExactly(1_000_000_000L);
    }

    @Test
    void outOfRangeMessageNamesThePrecisionAsInfluxDbDoes() {
        // influxdb3 formats it with {:?} of the request's precision: Auto, Second, Millisecond, Microsecond, Nanosecond
        assertThat(validate("m v=1 9223372037", Precision.SECOND, true).errors().get(0).message())
                .isEqualTo("timestamp, 9223372037, out of range for precision: Second");
        assertThat(validate("m v=1 9223372036855", Precision.MILLISECOND, true).errors().get(0).message())
                .isEqualTo("timestamp, 9223372036855, out of range for precision: Millisecond");
        assertThat(validate("m v=1 9223372036854776", Precision.MICROSECOND, true).errors().get(0).message())
                .isEqualTo("timestamp, 9223372036854776, out of range for precision: Microsecond");
        // (auto never overflows: each guessed unit keeps |ts| below 5e18 ns)
    }

    @Test
    void explicitNanosecondsAcceptTheSmallestTimestamp() {
        ValidatedWrite w = validate("m v=1 -9223372036854775808", Precision.NANOSECOND, true);
        assertThat(w.errors()).isEmpty();
        assertThat(rows(w, "m").get(0).get("time")).isEqualTo(Long.MIN_VALUE);
        assertThat(rows(validate("m v=2 -9223372036854775808", Precision.AUTO, true), "m").get(0).get("time"))
                .isEqualTo(Long.MIN_VALUE);
        assertThat(validate("m v=1 -9223372036854776", Precision.MICROSECOND, true).errors().get(0).message())
                .isEqualTo("timestamp, -9223372036854776, out of range for precision: Microsecond");
    }

    @Test
    void missingTimestampUsesTheClockTruncatedForExplicitPrecision() {
        assertThat(rows(validate("m v=1", Precision.AUTO, true), "m").get(0).get("time")).isEqualTo(NOW);
        assertThat(rows(validate("m v=1", Precision.NANOSECOND, true), "m").get(0).get("time")).isEqualTo(NOW);
        assertThat(rows(validate("m v=1", Precision.MICROSECOND, true), "m").get(0).get("time")).isEqualTo(1_700_000_000_123_456_000L);
        assertThat(rows(validate("m v=1", Precision.MILLISECOND, true), "m").get(0).get("time")).isEqualTo(1_700_000_000_123_000_000L);
        assertThat(rows(validate("m v=1", Precision.SECOND, true), "m").get(0).get("time")).isEqualTo(1_700_000_000_000_000_000L);
    }

    @Test
    void unknownDatabaseIsCreatedAndBadNamesRefused() {
        byte[] body = "m v=1 1".getBytes(StandardCharsets.UTF_8);
        WriteValidator v = new WriteValidator(catalog, time);
        ValidatedWrite w = v.validate("fresh", body, 0, body.length, Precision.NANOSECOND, true);
        assertThat(w.errors()).isEmpty();
        assertThat(catalog.snapshot().database("fresh").table("m")).isNotNull();
        assertThat(w.op().dbId()).isEqualTo(catalog.snapshot().database("fresh").id());
        assertThatThrownBy(() -> v.validate("bad name", body, 0, body.length, Precision.NANOSECOND, true))
                .isInstanceOf(InfluxException.class)
                .hasMessageStartingWith("invalid character in database or rp name");
    }

    @Test
    void onlyInvalidLinesGiveNoOp() {
        ValidatedWrite w = validate("nofields\nm v=\n");
        assertThat(w.op()).isNull();
        assertThat(w.errors()).extracting(LineError::lineNumber).containsExactly(1, 2);
        assertThat(w.acceptedLines()).isZero();
    }

    @Test
    void bodyOffsetAndLengthAreHonoured() {
        byte[] body = "garbage m v=1 7\nmore garbage".getBytes(StandardCharsets.UTF_8);
        ValidatedWrite w = new WriteValidator(catalog, time).validate("db", body, 8, 7, Precision.NANOSECOND, true);
        assertThat(w.errors()).isEmpty();
        assertThat(rows(w, "m")).containsExactly(map("time", 7L, "v", 1.0));
    }
}
