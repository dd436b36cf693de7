package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.BatchPolicy;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.bloblang.InterpolatedString;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code http_client}: sends each message as the body of a request to {@code url} (both the URL and header values
 * are interpolated per message). A 2xx (or a code in {@code successful_on}) is a success; a code in {@code drop_on}
 * fails at once; codes in {@code backoff_on} are retried with exponential back-off from {@code retry_period} to
 * {@code max_retry_backoff}; other failures and connection errors are retried after {@code retry_period}, up to
 * {@code retries} times, then the batch fails with the last response.
 */
public final class HttpClientOutput implements Output {
    private static final Logger LOG = LoggerFactory.getLogger(HttpClientOutput.class);
    private final InterpolatedString url;
    private final String verb;
    private final Map<String, InterpolatedString> headers;
    private final Duration timeout;
    private final Duration retryPeriod;
    private final Retry backoff;
    private final List<Integer> backoffOn;
    private final List<Integer> dropOn;
    private final List<Integer> successfulOn;
    private final HttpClient client;

    HttpClientOutput(InterpolatedString url, String verb, Map<String, InterpolatedString> headers, Duration timeout,
                     Duration retryPeriod, Duration maxBackoff, int retries, List<Integer> backoffOn, List<Integer> dropOn,
                     List<Integer> successfulOn) {
        this.url = url;
        this.verb = verb.toUpperCase(Locale.ROOT);
        this.headers = headers;
        this.timeout = timeout;
        this.retryPeriod = retryPeriod;
        this.backoff = new Retry(retries, retryPeriod, maxBackoff);
        this.backoffOn = backoffOn;
        this.dropOn = dropOn;
        this.successfulOn = successfulOn;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void writeBatch(List<Message> batch) throws Exception {
        for (Message m : batch) {
            send(m);
        }
    }

    private void send(Message m) throws Exception {
        String target = url.render(m);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target)).timeout(timeout)
                .method(verb, HttpRequest.BodyPublishers.ofByteArray(m.content()));
        for (Map.Entry<String, InterpolatedString> h : headers.entrySet()) {
            b.header(h.getKey(), h.getValue().render(m));
        }
        HttpRequest request = b.build();
        String lastError = null;
        for (int attempt = 0; attempt <= backoff.retries(); attempt++) {
            Duration wait = retryPeriod;
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                int code = r.statusCode();
                if (code / 100 == 2 || successfulOn.contains(code)) {
                    return;
                }
                lastError = "HTTP request to " + target + " returned unexpected response code (" + code + "): "
                        + r.body().strip();
                if (dropOn.contains(code)) {
                    throw new PipelineException(lastError);
                }
                if (backoffOn.contains(code)) {
                    wait = backoff.delay(attempt);
                }
            } catch (IOException e) {
                lastError = "HTTP request to " + target + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
            if (attempt < backoff.retries()) {
                LOG.warn("{}; retrying in {}", lastError, wait);
                Retry.sleep(wait);
            }
        }
        throw new PipelineException(lastError + " (after " + backoff.retries() + " retries)");
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.OUTPUT;
        }

        @Override
        public String type() {
            return "http_client";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.required("url", FieldType.INTERPOLATED_STRING),
                    FieldSpec.optional("verb", FieldType.STRING, "POST"),
                    FieldSpec.optional("headers", FieldType.OBJECT, Map.of()),
                    FieldSpec.optional("timeout", FieldType.DURATION, "5s"),
                    FieldSpec.optional("retry_period", FieldType.DURATION, "1s"),
                    FieldSpec.optional("max_retry_backoff", FieldType.DURATION, "300s"),
                    FieldSpec.optional("retries", FieldType.INT, 3),
                    FieldSpec.optional("backoff_on", FieldType.INT_LIST, List.of(429)),
                    FieldSpec.optional("drop_on", FieldType.INT_LIST, List.of()),
                    FieldSpec.optional("successful_on", FieldType.INT_LIST, List.of()),
                    FieldSpec.optional("max_in_flight", FieldType.INT, 64),
                    BatchPolicy.FIELD);
        }

        @Override
        public List<String> validate(JsonNode config) {
            String url = config.path("url").asText("");
            if (!url.contains("${!") && !(url.startsWith("http://") || url.startsWith("https://"))) {
                return List.of("url must start with http:// or https://, got " + url);
            }
            return List.of();
        }

        @Override
        public Output createOutput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "output.http_client");
            Map<String, InterpolatedString> headers = new LinkedHashMap<>();
            conf.stringMap("headers").forEach((k, v) -> headers.put(k, InterpolatedString.parse(v)));
            return new HttpClientOutput(InterpolatedString.parse(conf.requiredString("url")), conf.string("verb", "POST"), headers,
                    conf.duration("timeout", Duration.ofSeconds(5)), conf.duration("retry_period", Duration.ofSeconds(1)),
                    conf.duration("max_retry_backoff", Duration.ofSeconds(300)), (int) conf.integer("retries", 3),
                    conf.ints("backoff_on", List.of(429)), conf.ints("drop_on", List.of()), conf.ints("successful_on", List.of()));
        }
    }
}
