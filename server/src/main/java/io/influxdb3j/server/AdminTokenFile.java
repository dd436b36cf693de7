package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code serve --admin-token-file F}: registers the token written by {@code create token --admin --offline}. */
final class AdminTokenFile {
    private static final Logger LOG = LoggerFactory.getLogger(AdminTokenFile.class);

    private AdminTokenFile() {
    }

    static void load(Path file, Catalog catalog) {
        JsonNode node;
        try {
            node = Reply.JSON.readTree(Files.readAllBytes(file));
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.warn("admin token file {} is readable by group or others: chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw InfluxException.invalid("cannot read --admin-token-file " + file + ": " + e.getMessage());
        }
        String token = node.path("token").asText("");
        if (!token.startsWith("apiv3_")) {
            throw InfluxException.invalid("--admin-token-file " + file + ": the token must start with apiv3_");
        }
        String name = node.path("name").asText(Catalog.OPERATOR_TOKEN_NAME);
        Long expiry = node.hasNonNull("expiry_millis") ? node.get("expiry_millis").asLong() : null;
        if (catalog.importToken(name, token, expiry) == null) {
            LOG.info("token '{}' from --admin-token-file already exists; skipped", name);
        }
    }
}
