package io.influxdb3j.catalog;

import io.influxdb3j.common.InfluxException;

/** Database name rules of the v3 API (spec §2.7) and the stricter namespace rules of v1/v2 writes. */
public final class NameRules {
    private NameRules() {
    }

    public static void validateDatabaseName(String name) {
        if (name == null || name.isEmpty()) {
            throw InfluxException.invalid("db name cannot be empty");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 511) {
            throw InfluxException.invalid("db name too long: max 511");
        }
        char first = name.charAt(0);
        if (!(isAsciiLetterOrDigit(first))) {
            throw InfluxException.invalid("db name did not start with a number or letter");
        }
        int slashes = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/') {
                slashes++;
                if (slashes > 1 || i == name.length() - 1) {
                    throw InfluxException.invalid("db name with invalid retention policy, if providing a retention policy name, must be of form '<db_name>/<rp_name>'");
                }
                continue;
            }
            if (!(isAsciiLetterOrDigit(c) || c == '_' || c == '-')) {
                throw InfluxException.invalid("invalid character in database or rp name: must be ASCII, containing only letters, numbers, underscores, or hyphens");
            }
        }
    }

    /** The v1/v2 write namespace pre-check: 1..64 chars of alphanumerics, '_', '-', '/'. */
    public static void validateV1Namespace(String name) {
        if (name.isEmpty() || name.length() > 64) {
            throw InfluxException.invalid("namespace name " + name + " length must be between 1 and 64 characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '/')) {
                throw InfluxException.invalid("namespace name '" + name + "' contains invalid character, character number " + i + " is not allowed");
            }
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
