package io.influxdb3j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --format} of query and show commands; the value is sent to the server as is. */
enum OutputFormat {
    PRETTY("pretty"), JSON("json"), JSONL("jsonl"), CSV("csv"), PARQUET("parquet");

    private final String wireName;

    OutputFormat(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static OutputFormat parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("json_lines")) {
            return JSONL;
        }
        for (OutputFormat f : values()) {
            if (f.wireName.equals(s)) {
                return f;
            }
        }
        throw new TypeConversionException("invalid format '" + text
                + "': expected pretty, json, jsonl, csv or parquet");
    }

    static final class Converter implements ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            return parse(value);
        }
    }

    /**
     * Writes a response body to {@code output} when given, else to stdout: text with a final newline as Core's
     * {@code println!}, parquet as raw bytes and never to a terminal.
     */
    void emit(BaseCommand command, byte[] body, Path output) {
        if (output != null) {
            try {
                Files.write(output, body);
            } catch (IOException e) {
                throw new CliException("cannot write " + output + ": " + e.getMessage(), e);
            }
            return;
        }
        if (this == PARQUET) {
            if (command.ctx().terminal()) {
                throw new CliException("cannot write parquet to a terminal, use `--output <file>` or pipe the output");
            }
            command.out().flush();
            command.ctx().stdout().write(body, 0, body.length);
            command.ctx().stdout().flush();
            return;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        command.out().print(text);
        if (!text.endsWith("\n")) {
            command.out().println();
        }
        command.out().flush();
    }
}
