package io.influxdb3j.lp;

/** The type of one field value in a line, as decided by its literal form. */
public enum FieldKind {
    /** {@code 1}, {@code -1.5}, {@code 2e3}: any number without a suffix. */
    FLOAT,
    /** {@code -12i}: a signed 64-bit integer. */
    INTEGER,
    /** {@code 12u}: an unsigned 64-bit integer, held in a {@code long} as its bits. */
    UINTEGER,
    /** {@code "text"}. */
    STRING,
    /** {@code t}, {@code true}, {@code F}, {@code FALSE}, ... */
    BOOLEAN
}
