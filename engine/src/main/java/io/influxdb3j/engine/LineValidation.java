package io.influxdb3j.engine;

import io.influxdb3j.lp.LineError;
import io.influxdb3j.lp.LineProtocolParser;
import io.influxdb3j.lp.LineSink;
import io.influxdb3j.lp.ParsedLine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts what a plugin wrote ({@code build()} output, possibly several lines) into lines with the real
 * parser, so a newline inside a quoted string stays in its line, and keeps the parse errors.
 */
record LineValidation(List<String> lines, List<LineError> errors) {
    static LineValidation of(String text) {
        List<String> lines = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        new LineProtocolParser().parse(text.getBytes(StandardCharsets.UTF_8), new LineSink() {
            @Override
            public boolean onLine(ParsedLine line) {
                lines.add(line.originalLine());
                return true;
            }

            @Override
            public boolean onError(LineError error) {
                lines.add(error.originalLine());
                errors.add(error);
                return true;
            }
        });
        return new LineValidation(lines, errors);
    }

    static String describe(LineError error) {
        return error.message() + " at column " + error.position() + " of '" + error.originalLine() + "'";
    }
}
