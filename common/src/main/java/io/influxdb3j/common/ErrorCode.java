package io.influxdb3j.common;

/** Stable error codes, each in one category; the category decides the HTTP status. */
public enum ErrorCode {
    INVALID_ARGUMENT(Category.USER),
    LINE_PROTOCOL(Category.USER),
    SCHEMA_CONFLICT(Category.USER),
    NOT_FOUND(Category.NOT_FOUND),
    ALREADY_EXISTS(Category.CONFLICT),
    ALREADY_DELETED(Category.CONFLICT),
    LIMIT_EXCEEDED(Category.LIMIT),
    UNAUTHORIZED(Category.AUTH),
    FORBIDDEN(Category.FORBIDDEN),
    PAYLOAD_TOO_LARGE(Category.TOO_LARGE),
    QUERY(Category.USER),
    NOT_IMPLEMENTED(Category.NOT_IMPLEMENTED),
    RESOURCES(Category.RESOURCES),
    INTERNAL(Category.INTERNAL);

    public enum Category {
        USER(400), NOT_FOUND(404), CONFLICT(409), LIMIT(422), AUTH(401), FORBIDDEN(403),
        TOO_LARGE(413), NOT_IMPLEMENTED(405), RESOURCES(503), INTERNAL(500);

        private final int httpStatus;

        Category(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Category category;

    ErrorCode(Category category) {
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
