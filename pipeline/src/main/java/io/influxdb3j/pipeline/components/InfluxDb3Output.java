package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxdb3j.pipeline.BatchPolicy;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.bloblang.BloblangException;
import io.influxdb3j.pipeline.bloblang.Mapping;
import io.influxdb3j.pipeline.bloblang.Values;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code influxdb3}: writes line protocol into InfluxDB 3. Each message gives its lines: the {@code lines} mapping's
 * result when set (a {@code deleted()} result skips the message), else the message content. A batch (see
 * {@code batching}) is one write. Standalone it POSTs to {@code url}{@code /api/v3/write_lp} with {@code token};
 * a 5xx or a connection error is retried with back-off ({@code retry_period} doubling up to
 * {@code max_retry_backoff}, {@code max_retries} times); a 4xx fails the batch with the server's message. Inside a
 * server ({@link PipelineContext#lineProtocolSink()}) it writes in-process instead.
 */
public final class InfluxDb3Output implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDb3Output.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String token;
    private final String database;
    private final String precision;
    private final Mapping lines;
    private final boolean noSync;
    private final Duration timeout;
    private final Retry retry;
    private final Optional<PipelineContext.LineProtocolSink> sink;
    private HttpClient client;

    InfluxDb3Output(String url, String token, String database, String precision, Mapping lines, boolean noSync,
                    Duration timeout, Retry retry, Optional<PipelineContext.LineProtocolSink> sink) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.token = token;
        this.database = database;
        this.precision = precision;
        this.lines = lines;
        this.noSync = noSync;
        this.timeout = timeout;
        this.retry = retry;
        this.sink = sink;
    }

    @Override
    public void connect() {
        if (sink.isEmpty()) {
            client = HttpClient.newBuilder().connectTimeout(timeout).build();
        }
    }

    @Override
    public void writeBatch(List<Message> batch) throws Exception {
        String body = lineProtocol(batch);
        if (body.isEmpty()) {
            return;
        }
        if (sink.isPresent()) {
            sink.get().write(database, body, precision);
            return;
        }
        post(body, batch.size());
    }

    /** The batch's line protocol, one line (or several) per message, each ending in a newline. */
    String lineProtocol(List<Message> batch) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            String text;
            if (lines == null) {
                text = m.contentAsString();
            } else {
                Mapping.Result r;
                try {
                    r = lines.run(m, i, batch.size(), false);
                } catch (BloblangException e) {
                    throw new PipelineException("influxdb3 output: lines mapping failed: " + e.getMessage());
                }
                if (r.deleted()) {
                    continue;
                }
                text = r.root() == Values.NOTHING ? m.contentAsString() : Values.toText(r.root());
            }
            String stripped = text.strip();
            if (!stripped.isEmpty()) {
                sb.append(stripped).append('\n');
            }
        }
        return sb.toString();
    }

    private void post(String body, int messages) throws Exception {
        StringBuilder target = new StringBuilder(url).append("/api/v3/write_lp?db=")
                .append(URLEncoder.encode(database, StandardCharsets.UTF_8))
                .append("&precision=").append(URLEncoder.encode(precision, StandardCharsets.UTF_8))
                .append("&accept_partial=false");
        if (noSync) {
            target.append("&no_sync=true");
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.toString())).timeout(timeout)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = b.build();
        String lastError = null;
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code / 100 == 2) {
                    return;
                }
                String message = serverMessage(r.body());
                if (code / 100 != 5) {
                    throw new PipelineException("influxdb3 output: writing " + messages + " message(s) to database '"
                            + database + "' at " + url + " failed with HTTP " + code + ": " + message);
                }
                lastError = "HTTP " + code + ": " + message;
            } catch (IOException e) {
                lastError = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            }
            if (attempt >= retry.retries()) {
                throw new PipelineException("influxdb3 output: writing to database '" + database + "' at " + url
                        + " failed after " + (attempt + 1) + " attempts: " + lastError);
            }
            Duration wait = retry.delay(attempt);
            LOG.warn("influxdb3 output: write to {} failed ({}); retrying in {}", url, lastError, wait);
            Retry.sleep(wait);
        }
    }

    /** The server's error text: {@code error} and {@code data} of a JSON body, else the body itself. */
    static String serverMessage(String body) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode n = JSON.readTree(text);
            if (n != null && n.isObject() && n.has("error")) {
                String error = n.get("error").asText();
                JsonNode data = n.get("data");
                return data == null || data.isNull() ? error : error + ": " + data;
            }
        } catch (IOException e) {
            // not JSON: use the text as it is
        }
        return text.isEmpty() ? "(empty response)" : text;
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "influxdb3";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.optional("url", FieldType.STRING, "http://127.0.0.1:8181"),
                    FieldSpec.optional("token", FieldType.STRING, ""),
                    FieldSpec.required("database", FieldType.STRING),
                    FieldSpec.oneOf("precision", "auto", "auto", "s", "ms", "us", "ns", "second", "millisecond",
                            "microsecond", "nanosecond"),
                    FieldSpec.optional("lines", FieldType.BLOBLANG, ""),
                    FieldSpec.optional("no_sync", FieldType.BOOL, false),
                    FieldSpec.optional("timeout", FieldType.DURATION, "10s"),
                    FieldSpec.optional("max_retries", FieldType.INT, 3),
                    FieldSpec.optional("retry_period", FieldType.DURATION, "500ms"),
                    FieldSpec.optional("max_retry_backoff", FieldType.DURATION, "10s"),
                    BatchPolicy.FIELD);
        }

        @Override
        public List<String> validate(JsonNode config) {
            String url = config.path("url").asText("http://127.0.0.1:8181");
            if (!(url.startsWith("http://") || url.startsWith("https://"))) {
                return List.of("url must start with http:// or https://, got " + url);
            }
            if (config.path("database").asText("").isBlank()) {
                return List.of("field database must not be empty");
            }
            return List.of();
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "output.influxdb3");
            String lines = conf.string("lines", "");
            return new InfluxDb3Output(conf.string("url", "http://127.0.0.1:8181"), conf.string("token", ""),
                    conf.requiredString("database"), conf.string("precision", "auto").toLowerCase(java.util.Locale.ROOT),
                    lines.isBlank() ? null : Mapping.parse(lines), conf.bool("no_sync", false),
                    conf.duration("timeout", Duration.ofSeconds(10)),
                    new Retry((int) conf.integer("max_retries", 3), conf.duration("retry_period", Duration.ofMillis(500)),
                            conf.duration("max_retry_backoff", Duration.ofSeconds(10))),
                    context.lineProtocolSink());
        }
    }
}
