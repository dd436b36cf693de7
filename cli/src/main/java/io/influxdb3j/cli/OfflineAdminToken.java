package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * Admin tokens made without a server ({@code create token --admin --offline --output-file F}): the same token format
 * as the server's ({@code apiv3_} + unpadded base64url of 64 random bytes) in a JSON file
 * {@code {"token":"apiv3_...","name":"_admin","expiry_millis":N}} that only its owner can read.
 */
final class OfflineAdminToken {
    private static final SecureRandom RANDOM = new SecureRandom();

    private OfflineAdminToken() {
    }

    static String generate() {
        byte[] bytes = new byte[64];
        RANDOM.nextBytes(bytes);
        return "apiv3_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Writes the file atomically (temp file with mode 0600, then rename); refuses to replace an existing file. */
    static void write(Path file, String token, String name, Long expiryMillis) {
        ObjectNode json = Json.object().put("token", token).put("name", name);
        if (expiryMillis != null) {
            json.put("expiry_millis", expiryMillis);
        }
        Path target = file.toAbsolutePath();
        if (Files.exists(target)) {
            throw new CliException("token file " + file + " already exists: remove it or choose another --output-file");
        }
        Path dir = target.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, ".influxdb3-token", ".tmp");
            try {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.setPosixFilePermissions(tmp, ownerOnly);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions are all we have
            }
            Files.write(tmp, Json.bytes(json));
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            tmp = null;
        } catch (FileAlreadyExistsException e) {
            throw new CliException("token file " + file + " already exists: remove it or choose another --output-file");
        } catch (IOException e) {
            throw new CliException("cannot write token file " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // best effort
                }
            }
        }
    }
}
