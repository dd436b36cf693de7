package io.influxdb3j.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.util.zip.CRC32C;

/**
 * The on-disk catalog format: one JSON document per catalog version.
 * <pre>
 * { "format": "influxdb3j-catalog", "version": 1, "crc32c": &lt;checksum of the "catalog" text&gt;,
 *   "catalog": { ...CatalogSnapshot... } }
 * </pre>
 * The checksum covers the canonical text of the {@code catalog} member so that a damaged file is
 * refused with a clear error instead of loading a wrong schema.
 */
final class CatalogCodec {
    static final String FORMAT = "influxdb3j-catalog";
    static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CatalogCodec() {
    }

    static byte[] encode(CatalogSnapshot snapshot) {
        try {
            JsonNode body = MAPPER.valueToTree(snapshot);
            byte[] bodyBytes = MAPPER.writeValueAsBytes(body);
            CRC32C crc = new CRC32C();
            crc.update(bodyBytes);
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.put("crc32c", crc.getValue());
            root.set("catalog", body);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot encode catalog: " + e.getMessage(), e);
        }
    }

    static CatalogSnapshot decode(String path, byte[] bytes) {
        try {
            JsonNode root = MAPPER.readTree(bytes);
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw corrupt(path, "not a catalog file");
            }
            int version = root.path("version").asInt(-1);
            if (version != VERSION) {
                throw corrupt(path, "unsupported catalog format version " + version + " (this server reads version " + VERSION + ")");
            }
            JsonNode body = root.get("catalog");
            byte[] bodyBytes = MAPPER.writeValueAsBytes(body);
            CRC32C crc = new CRC32C();
            crc.update(bodyBytes);
            if (crc.getValue() != root.path("crc32c").asLong()) {
                throw corrupt(path, "checksum mismatch");
            }
            return MAPPER.treeToValue(body, CatalogSnapshot.class);
        } catch (IOException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static InfluxException corrupt(String path, String why) {
        return new InfluxException(ErrorCode.INTERNAL, "catalog file " + path + " is unreadable: " + why);
    }
}
