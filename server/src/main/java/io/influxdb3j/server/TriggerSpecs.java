package io.influxdb3j.server;

import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import java.time.Duration;

/** Trigger specifications (spec §4.1): parsing, validation and the canonical text form. */
final class TriggerSpecs {
    sealed interface Spec permits Table, AllTables, Every, Cron, Request {
        String canonical();
    }

    record Table(String table) implements Spec {
        public String canonical() {
            return "table:" + table;
        }
    }

    record AllTables() implements Spec {
        public String canonical() {
            return "all_tables";
        }
    }

    record Every(Duration period) implements Spec {
        public String canonical() {
            return "every:" + HumanText.of(period);
        }
    }

    record Cron(String expression) implements Spec {
        public String canonical() {
            return "cron:" + expression;
        }
    }

    record Request(String path) implements Spec {
        public String canonical() {
            return "request:" + path;
        }
    }

    private static final String FORMS = "expect one of the following forms: 'table:<TABLE_NAME>', 'all_tables', "
            + "'cron:<CRON_EXPRESSION>', 'every:<DURATION>', or 'request:<PATH>'";

    private TriggerSpecs() {
    }

    static Spec parse(String text) {
        String s = text == null ? "" : text.strip();
        if (s.equals("all_tables")) {
            return new AllTables();
        }
        if (s.startsWith("table:")) {
            String t = s.substring(6).strip();
            if (t.isEmpty()) {
                throw InfluxException.invalid("invalid trigger specification '" + text + "': the table name is empty");
            }
            return new Table(t);
        }
        if (s.startsWith("every:")) {
            Duration d;
            try {
                d = HumanDuration.parse(s.substring(6).strip());
            } catch (InfluxException e) {
                throw InfluxException.invalid("invalid trigger specification '" + text + "': " + e.getMessage());
            }
            if (d.toMillis() < 1) {
                throw InfluxException.invalid("invalid trigger specification '" + text + "': the interval must be at least 1ms");
            }
            if (d.compareTo(Duration.ofSeconds(31_557_600)) > 0) {
                throw InfluxException.invalid("invalid trigger specification '" + text + "': the interval must be at most 1 year");
            }
            return new Every(d);
        }
        if (s.startsWith("cron:")) {
            String expr = s.substring(5).strip();
            io.influxdb3j.engine.CronSchedule.parse(expr); // throws a 400 naming the problem
            return new Cron(expr);
        }
        if (s.startsWith("request:")) {
            String p = s.substring(8).strip();
            if (p.isEmpty()) {
                throw InfluxException.invalid("invalid trigger specification '" + text + "': the request path is empty");
            }
            return new Request(p);
        }
        throw InfluxException.invalid("invalid trigger specification '" + text + "': " + FORMS);
    }

    /** Duration text in humantime's style: {@code 1m 30s}, {@code 1h}, {@code 500ms}. */
    static final class HumanText {
        private HumanText() {
        }

        static String of(Duration d) {
            long ms = d.toMillis();
            StringBuilder sb = new StringBuilder();
            long[] units = {86_400_000L, 3_600_000L, 60_000L, 1_000L, 1L};
            String[] names = {"days", "h", "m", "s", "ms"};
            for (int i = 0; i < units.length; i++) {
                long n = ms / units[i];
                ms %= units[i];
                if (n > 0) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(n).append(i == 0 && n == 1 ? "day" : names[i]);
                }
            }
            return sb.length() == 0 ? "0s" : sb.toString();
        }
    }
}
