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

    /**
     * The v1/v2 write namespace pre-check: 1..64 bytes of UTF-8, each character alphanumeric (in the
     * Unicode sense of Rust's {@code char::is_alphanumeric}), '_', '-' or '/'. As in InfluxDB the
     * length is measured in bytes and the offset of a bad character in characters (code points).
     */
    public static void validateV1Namespace(String name) {
        int bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > 64) {
            throw InfluxException.invalid("namespace name " + name + " length must be between 1 and 64 characters");
        }
        int position = 0;
        for (int i = 0; i < name.length(); position++) {
            int cp = name.codePointAt(i);
            if (!(isUnicodeAlphanumeric(cp) || cp == '_' || cp == '-' || cp == '/')) {
                throw InfluxException.invalid("namespace name '" + name + "' contains invalid character, character number "
                        + position + " is not allowed");
            }
            i += Character.charCount(cp);
        }
    }

    /** Rust's {@code char::is_alphanumeric}: the Alphabetic property or a numeric category (Nd, Nl, No). */
    private static boolean isUnicodeAlphanumeric(int cp) {
        if (Character.isAlphabetic(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
