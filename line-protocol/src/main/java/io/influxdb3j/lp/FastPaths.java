package io.influxdb3j.lp;

/**
 * The parser's shortcuts for the shapes nearly every line has, each in one small method with no
 * loop per byte and no call per field: memoized keys with plain decimal floats, and long timestamps.
 * Each takes only what it is sure of and leaves anything else to the general path, which gives the
 * same result for what these take ({@code LineProtocolFastPathTest} checks both against each other).
 */
final class FastPaths {
    private FastPaths() {
    }

    /**
     * The usual fields, in one loop with no call per field: the key the previous line had at this
     * position ({@link NameMemo}), {@code =}, and a float of 1 to 7 digits, {@code .}, 1 to 7 digits
     * without exponent (as the two-word floats of {@code LineProtocolParser.parseNumber}), all from
     * words. Returns where the field set ends after the last field if it took them all, else {@code
     * ~start} of the first field it left to {@code LineProtocolParser.parseField} (which gives the same
     * result for what this takes).
     */
    static int floatFields(ParsedLine l, byte[] b, int p, int end) {
        NameMemo memo = l.fieldKeyMemo;
        // Fields from the first one on leave their flags unwritten (ParsedLine.leadingFloatFields).
        boolean leading = l.fieldCount == l.leadingFloatFields;
        int result = -1;
        while (p + 34 <= end) {
            int f = l.fieldCount;
            int r = memo.match(f, b, p, end);
            if (r < 0 || b[r] != '=') {
                break;
            }
            boolean negative = b[r + 1] == '-';
            int digits = negative ? r + 2 : r + 1;
            // Where the value ends comes from the two words at 'digits' alone (not from a load at an
            // address computed from the first), which keeps the chain from field to field short.
            long word = Bytes.readLong(b, digits);
            long second = Bytes.readLong(b, digits + 8);
            long stops = Bytes.nonDigits(word);
            int n = Long.numberOfTrailingZeros(stops) >>> 3;
            if (n == 0 || n == 8 || ((word >>> (n << 3)) & 0xFF) != '.') {
                break;
            }
            // The '.' cannot carry into the byte above it (see Bytes.nonDigits), so the next flag is exact.
            int afterDot = Long.numberOfTrailingZeros(stops & (stops - 1));
            afterDot += Long.numberOfTrailingZeros(Bytes.nonDigits(second)) & -(afterDot >>> 6);
            int valueEnd = digits + (afterDot >>> 3);
            int m = (afterDot >>> 3) - n - 1;
            if (m <= 0 || m >= 8 || (b[valueEnd] | 0x20) == 'e') {
                break;
            }
            long fraction = Bytes.readLong(b, digits + n + 1);
            long mantissa;
            if (n + m <= 8) {
                // The integer digits with the fraction's after them, in one word: one conversion.
                mantissa = Bytes.digitsValue((word & (-1L >>> (64 - (n << 3)))) | (fraction << (n << 3)), n + m);
            } else {
                mantissa = Bytes.digitsValue(word, n) * Numbers.LONG_POWERS_OF_TEN[m] + Bytes.digitsValue(fraction, m);
            }
            double magnitude = mantissa / Numbers.POWERS_OF_TEN[m];
            l.ensureFieldCapacity();
            // A memoized key is not stored: it starts at the field and is the memo's (see ParsedLine).
            l.fieldPosition[f] = p;
            if (!leading) {
                l.fieldFlags[f] = ParsedLine.MEMOIZED_FLOAT;
            }
            l.fieldBits[f] = Double.doubleToRawLongBits(negative ? -magnitude : magnitude);
            l.fieldCount = f + 1;
            if (b[valueEnd] != ',') {
                result = valueEnd;
                break;
            }
            p = valueEnd + 1;
        }
        if (leading) {
            l.leadingFloatFields = l.fieldCount;
        }
        return result >= 0 ? result : ~p;
    }

    /**
     * The usual timestamp, 9 to 15 or 17 to 19 digits at {@code q} (nanoseconds have 19), from three
     * words with no loop; needs 24 readable bytes. Returns where the digits end, or -1 to leave it to
     * the general path (other lengths, or 19 digits above {@code Long.MAX_VALUE}).
     */
    static int timestamp(ParsedLine l, byte[] b, int q) {
        long first = Bytes.readLong(b, q);
        long second = Bytes.readLong(b, q + 8);
        if (Bytes.nonDigits(first) != 0) {
            return -1;
        }
        int n = Bytes.leadingDigits(second);
        long v;
        int r;
        if (n < 8) {
            if (n == 0) {
                return -1;
            }
            v = Bytes.digitsValue(first, 8) * Numbers.LONG_POWERS_OF_TEN[n] + Bytes.digitsValue(second, n);
            r = q + 8 + n;
        } else {
            long third = Bytes.readLong(b, q + 16);
            int m = Bytes.leadingDigits(third);
            if (m == 0 || m > 3) {
                return -1;
            }
            // At most 19 digits: below 2^64, so a negative result means above Long.MAX_VALUE.
            v = Bytes.digitsValue(first, 8) * Numbers.LONG_POWERS_OF_TEN[8 + m] + Bytes.digitsValue(second, 8) * Numbers.LONG_POWERS_OF_TEN[m]
                    + Bytes.digitsValue(third, m);
            if (v < 0) {
                return -1;
            }
            r = q + 16 + m;
        }
        l.timestamp = v;
        l.hasTimestamp = true;
        return r;
    }
}
