package io.influxdb3j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.InfluxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Property: decode(encode(s)) equals s for random catalogs, and encoding is deterministic. */
class CatalogCodecRoundTripTest {
    private static final long SEED = 20240310L;
    private static final String[] ALPHABET = {"a", "Z", "0", "_", "-", " ", "\"", "\\", "/", "\n", "\t", "\u0000",
            "\u001f", "é", "ß", "日本", "😀", "::", ",", "=", "{", "}", "[", "]", "\u2028", "\uFEFF"};

    @Test
    void randomCatalogsRoundTrip() {
        Random r = new Random(SEED);
        for (int i = 0; i < 100; i++) {
            CatalogSnapshot s = randomCatalog(r);
            byte[] encoded = CatalogCodec.encode(s);
            CatalogSnapshot decoded = CatalogCodec.decode("test/" + i + ".json", encoded);
            assertThat(decoded).as("catalog #%d", i).isEqualTo(s);
            assertThat(CatalogCodec.encode(decoded)).as("re-encoding #%d", i).isEqualTo(encoded);
        }
    }

    @Test
    void anySingleByteFlipInTheBodyIsDetectedOrHarmless() {
        Random r = new Random(SEED + 1);
        CatalogSnapshot s = randomCatalog(r);
        byte[] encoded = CatalogCodec.encode(s);
        int refused = 0;
        for (int i = 0; i < 400; i++) {
            byte[] damaged = encoded.clone();
            int pos = r.nextInt(damaged.length);
            damaged[pos] = (byte) (damaged[pos] ^ (1 << r.nextInt(7)));
            try {
                CatalogSnapshot decoded = CatalogCodec.decode("x.json", damaged);
                // Only whitespace or key-order-neutral damage may pass, and then the catalog is intact.
                assertThat(decoded).as("flip at %d", pos).isEqualTo(s);
            } catch (InfluxException e) {
                assertThat(e.getMessage()).startsWith("catalog file x.json is unreadable: ");
                refused++;
            }
        }
        assertThat(refused).isGreaterThan(300);
    }

    @Test
    void documentHasFormatVersionAndChecksum() {
        String text = new String(CatalogCodec.encode(randomCatalog(new Random(SEED))), StandardCharsets.UTF_8);
        assertThat(text).contains("\"format\" : \"influxdb3j-catalog\"", "\"version\" : 1", "\"crc32c\" : ");
        assertThatThrownBy(() -> CatalogCodec.decode("y.json", "not json".getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("catalog file y.json is unreadable");
    }

    static CatalogSnapshot randomCatalog(Random r) {
        Map<String, DatabaseSchema> dbs = new HashMap<>();
        int dbCount = r.nextInt(5);
        for (int d = 0; d < dbCount; d++) {
            String name = uniqueName(r, dbs.keySet());
            Map<String, TableSchema> tables = new HashMap<>();
            int tableCount = r.nextInt(5);
            for (int t = 0; t < tableCount; t++) {
                String tname = uniqueName(r, tables.keySet());
                List<ColumnDef> cols = new ArrayList<>();
                cols.add(new ColumnDef(0, "time", ColumnType.TIME));
                List<Integer> seriesKey = new ArrayList<>();
                int colCount = r.nextInt(8);
                List<String> used = new ArrayList<>();
                used.add("time");
                for (int c = 1; c <= colCount; c++) {
                    String cname = uniqueName(r, used);
                    used.add(cname);
                    ColumnType type = ColumnType.values()[r.nextInt(ColumnType.values().length)];
                    if (type == ColumnType.TIME) {
                        type = ColumnType.TAG;
                    }
                    cols.add(new ColumnDef(c, cname, type));
                    if (type == ColumnType.TAG) {
                        seriesKey.add(c);
                    }
                }
                boolean deleted = r.nextInt(4) == 0;
                tables.put(tname, new TableSchema(t, tname, cols, seriesKey, deleted, deleted ? nullableLong(r) : null));
            }
            boolean deleted = r.nextInt(4) == 0;
            dbs.put(name, new DatabaseSchema(d, name, nullableLong(r), deleted, deleted ? nullableLong(r) : null,
                    tables, tableCount + r.nextInt(3)));
        }
        List<TokenInfo> tokens = new ArrayList<>();
        int tokenCount = r.nextInt(4);
        List<String> tokenNames = new ArrayList<>();
        for (int t = 0; t < tokenCount; t++) {
            String name = t == 0 && r.nextBoolean() ? Catalog.OPERATOR_TOKEN_NAME : uniqueName(r, tokenNames);
            tokenNames.add(name);
            tokens.add(new TokenInfo(t, name, Catalog.sha512Hex("apiv3_" + r.nextLong()), r.nextLong(), nullableLong(r),
                    nullableLong(r)));
        }
        return new CatalogSnapshot(1 + (r.nextLong() & Long.MAX_VALUE) % 1_000_000_000_000L, new java.util.UUID(r.nextLong(), r.nextLong()).toString(),
                name(r), r.nextBoolean() ? 600_000_000_000L : r.nextLong(), dbs, dbCount + r.nextInt(3), tokens,
                tokenCount + r.nextInt(3));
    }

    private static Long nullableLong(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> Long.MAX_VALUE;
            case 2 -> Long.MIN_VALUE;
            case 3 -> 0L;
            default -> r.nextLong();
        };
    }

    private static String uniqueName(Random r, java.util.Collection<String> taken) {
        while (true) {
            String n = name(r);
            if (!taken.contains(n)) {
                return n;
            }
        }
    }

    private static String name(Random r) {
        int len = 1 + r.nextInt(10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(ALPHABET[r.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }
}
