package io.influxdb3j.server;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Small constructors for the response shapes InfluxDB uses. */
final class Reply {
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType PLAIN = MediaType.PLAIN_TEXT_UTF_8;

    private Reply() {
    }

    /** A status with an empty body, as Core answers (Armeria's {@code HttpResponse.of(status)} would add "200 OK"). */
    static HttpResponse empty(int status) {
        return HttpResponse.of(com.linecorp.armeria.common.ResponseHeaders.of(HttpStatus.valueOf(status)));
    }

    static HttpResponse text(int status, String body) {
        return HttpResponse.of(HttpStatus.valueOf(status), PLAIN, body);
    }

    static HttpResponse json(int status, Object value) {
        try {
            return HttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON, JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse jsonText(int status, String json) {
        return HttpResponse.of(HttpStatus.valueOf(status), MediaType.JSON, json);
    }

    static HttpResponse bytes(int status, String contentType, byte[] body) {
        ResponseHeaders headers = ResponseHeaders.builder(HttpStatus.valueOf(status))
                .set("content-type", contentType).build();
        return HttpResponse.of(headers, HttpData.wrap(body));
    }

    static String errorJson(String message) {
        try {
            return "{\"error\":" + JSON.writeValueAsString(message) + "}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
