package io.influxdb3j.bench.ingest;

import java.util.Locale;

/** Which of our write endpoints the benchmark uses ({@code --api}). QuestDB always gets {@code /write}. */
enum WriteApi {
    /** {@code POST /api/v3/write_lp?db=bench&precision=nanosecond}. */
    V3,
    /** {@code POST /api/v2/write?bucket=bench&precision=ns}. */
    V2;

    static WriteApi parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "v3", "write_lp" -> V3;
            case "v2" -> V2;
            default -> throw new IllegalArgumentException("--api must be v3 or v2, got '" + value + "'");
        };
    }

    String path() {
        return this == V3 ? "/api/v3/write_lp" : "/api/v2/write";
    }
}
