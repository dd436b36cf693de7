package io.influxdb3j.engine;

import io.influxdb3j.common.InfluxException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A cron schedule with the grammar of the Rust {@code cron} crate that InfluxDB 3 uses, always in
 * UTC: 6 or 7 fields ({@code sec min hour day-of-month month day-of-week [year]}), each {@code *},
 * {@code N}, {@code A-B}, {@code X/step} or a comma list; {@code ?} in the day fields; month and
 * weekday names; weekday numbers 1-7 with 1 = Sunday; years 1970-2100; and the shorthands
 * {@code @yearly @monthly @weekly @daily @hourly}. A time matches when every field matches.
 */
public final class CronSchedule {
    private static final Map<String, String> SHORTHANDS = Map.of(
            "@yearly", "0 0 0 1 1 * *", "@annually", "0 0 0 1 1 * *", "@monthly", "0 0 0 1 * * *",
            "@weekly", "0 0 0 * * 1 *", "@daily", "0 0 0 * * * *", "@midnight", "0 0 0 * * * *",
            "@hourly", "0 0 * * * * *");
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private final String text;
    private final BitSet seconds;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek; // 1 = Sunday ... 7 = Saturday
    private final BitSet years;

    private CronSchedule(String text, BitSet[] f) {
        this.text = text;
        this.seconds = f[0];
        this.minutes = f[1];
        this.hours = f[2];
        this.daysOfMonth = f[3];
        this.months = f[4];
        this.daysOfWeek = f[5];
        this.years = f[6];
    }

    public static CronSchedule parse(String expression) {
        String text = expression == null ? "" : expression.strip();
        String expanded = SHORTHANDS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        String[] parts = expanded.split("\\s+");
        if (parts.length != 6 && parts.length != 7) {
            throw invalid(text, "expected 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), got "
                    + (expanded.isEmpty() ? 0 : parts.length));
        }
        BitSet[] f = new BitSet[7];
        f[0] = field(text, parts[0], 0, 59, null, false, "seconds");
        f[1] = field(text, parts[1], 0, 59, null, false, "minutes");
        f[2] = field(text, parts[2], 0, 23, null, false, "hours");
        f[3] = field(text, parts[3], 1, 31, null, true, "day of month");
        f[4] = field(text, parts[4], 1, 12, MONTHS, false, "month");
        f[5] = field(text, parts[5], 1, 7, DAYS, true, "day of week");
        f[6] = parts.length == 7 ? field(text, parts[6], 1970, 2100, null, false, "year") : range(1970, 2100);
        return new CronSchedule(text, f);
    }

    public String text() {
        return text;
    }

    /** The first fire time strictly after {@code after} (whole seconds), or null if there is none before 2101. */
    public Instant next(Instant after) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(after.getEpochSecond() + 1, 0, ZoneOffset.UTC);
        while (t.getYear() <= 2100) {
            if (!years.get(t.getYear())) {
                t = LocalDateTime.of(t.getYear() + 1, 1, 1, 0, 0);
                continue;
            }
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).toLocalDate().plusMonths(1).atStartOfDay();
                continue;
            }
            LocalDate d = t.toLocalDate();
            if (!daysOfMonth.get(d.getDayOfMonth()) || !daysOfWeek.get(sundayFirst(d.getDayOfWeek()))) {
                t = d.plusDays(1).atStartOfDay();
                continue;
            }
            if (!hours.get(t.getHour())) {
                t = t.withMinute(0).withSecond(0).plusHours(1);
                continue;
            }
            if (!minutes.get(t.getMinute())) {
                t = t.withSecond(0).plusMinutes(1);
                continue;
            }
            if (!seconds.get(t.getSecond())) {
                t = t.plusSeconds(1);
                continue;
            }
            return t.toInstant(ZoneOffset.UTC);
        }
        return null;
    }

    private static int sundayFirst(DayOfWeek d) {
        return d == DayOfWeek.SUNDAY ? 1 : d.getValue() + 1;
    }

    private static BitSet field(String text, String spec, int min, int max, String[] names, boolean questionAllowed, String what) {
        BitSet out = new BitSet();
        for (String item : spec.split(",")) {
            if (item.isEmpty()) {
                throw invalid(text, "empty item in the " + what + " field");
            }
            if (item.equals("?")) {
                if (!questionAllowed) {
                    throw invalid(text, "'?' is only allowed in the day-of-month and day-of-week fields");
                }
                out.or(range(min, max));
                continue;
            }
            int step = 1;
            String base = item;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                base = item.substring(0, slash);
                step = number(text, item.substring(slash + 1), 1, Integer.MAX_VALUE, null, what + " step");
                if (step == 0) {
                    throw invalid(text, "a step of 0 in the " + what + " field");
                }
            }
            int from;
            int to;
            if (base.equals("*")) {
                from = min;
                to = max;
            } else if (base.contains("-")) {
                String[] ab = base.split("-", 2);
                from = number(text, ab[0], min, max, names, what);
                to = number(text, ab[1], min, max, names, what);
                if (from > to) {
                    throw invalid(text, "range " + base + " in the " + what + " field goes backwards");
                }
            } else {
                from = number(text, base, min, max, names, what);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return out;
    }

    private static int number(String text, String s, int min, int max, String[] names, String what) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (s.length() >= 3 && names[i].equalsIgnoreCase(s.substring(0, 3))) {
                    return i + 1;
                }
            }
        }
        int v;
        try {
            v = Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw invalid(text, "'" + s + "' is not a valid value for the " + what + " field");
        }
        if (v < min || v > max) {
            throw invalid(text, what + " value " + v + " is outside " + min + "-" + max);
        }
        return v;
    }

    private static BitSet range(int from, int to) {
        BitSet b = new BitSet();
        b.set(from, to + 1);
        return b;
    }

    private static InfluxException invalid(String text, String why) {
        return InfluxException.invalid("invalid cron expression '" + text + "': " + why);
    }
}
