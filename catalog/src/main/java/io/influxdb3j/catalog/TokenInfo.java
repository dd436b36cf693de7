package io.influxdb3j.catalog;

/** A token as stored: never the secret itself, only the hex SHA-512 of it. {@code expiryMillis} null = never. */
public record TokenInfo(long id, String name, String sha512Hex, long createdAtMillis, Long updatedAtMillis,
                        Long expiryMillis) {
    public boolean isOperator() {
        return Catalog.OPERATOR_TOKEN_NAME.equals(name);
    }
}
