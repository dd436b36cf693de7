package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code influxdb3 query}: SQL or InfluxQL posted as JSON to {@code /api/v3/query_sql} or {@code /query_influxql}. */
@Command(name = "query", aliases = "q", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
        description = "Perform a query against a running InfluxDB 3 Core server",
        footer = {"", "The query comes from the QUERY arguments, else from --file, else from stdin."})
final class QueryCommand extends BaseCommand {
    @Mixin
    ClientOptions client;

    @Mixin
    DatabaseOption database;

    @Option(names = "--query-host", paramLabel = "URL", description = "Send queries to this URL instead of --host")
    @Env("INFLUXDB3_QUERY_HOST_URL")
    String queryHost;

    @Option(names = {"-l", "--language", "--lang"}, paramLabel = "LANGUAGE", defaultValue = "sql",
            description = "The query language: sql or influxql (default: ${DEFAULT-VALUE})")
    String language;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
            converter = OutputFormat.Converter.class,
            description = "Output format: pretty, json, jsonl, csv or parquet (default: ${DEFAULT-VALUE});"
                    + " parquet needs --output or a pipe")
    OutputFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the query output to FILE")
    Path output;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from FILE")
    Path file;

    @Parameters(paramLabel = "QUERY", arity = "0..*", description = "The query string to execute")
    List<String> query;

    @Override
    public Integer call() {
        String path = switch (language.strip().toLowerCase(Locale.ROOT)) {
            case "sql" -> "/api/v3/query_sql";
            case "influxql" -> "/api/v3/query_influxql";
            default -> throw usageError("invalid --language '" + language + "': expected sql or influxql");
        };
        // InfluxQL may name the database in the query itself (FROM db.rp.m), so the server decides there.
        String db = path.endsWith("sql") ? database.required() : database.orNull();
        String text = readQuery();
        ObjectNode body = Json.object();
        if (db != null) {
            body.put("db", db);
        }
        body.put("q", text);
        body.put("format", format.wireName());
        if (format == OutputFormat.PARQUET && output == null && ctx().terminal()) {
            // Refuse before running a query whose result could not be shown.
            throw new CliException("cannot write parquet to a terminal, use `--output <file>` or pipe the output");
        }
        InfluxClient http = client.connect(queryHost != null ? queryHost : client.host);
        byte[] result = http.call("POST", path).json(body).send().body();
        format.emit(this, result, output);
        return 0;
    }

    private String readQuery() {
        String text;
        if (query != null && !query.isEmpty()) {
            text = String.join(" ", query);
        } else if (file != null) {
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("error reading file: " + file + ": " + e.getMessage(), e);
            }
        } else if (!ctx().terminal()) {
            try {
                text = new String(ctx().stdin().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("error reading stdin: " + e.getMessage(), e);
            }
        } else {
            text = "";
        }
        if (text.isBlank()) {
            throw new CliException("no query provided: pass it as an argument, with --file, or on stdin");
        }
        return text.strip();
    }
}
