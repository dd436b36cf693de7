package io.influxdb3j.server;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.QueryParams;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import io.netty.buffer.ByteBuf;

/** An HTTP request as the handlers see it: path, query parameters, headers and the decoded body. */
final class Request {
    final AggregatedHttpRequest raw;
    final String path;
    final String rawQuery;
    final QueryParams params;
    private final long maxBodyBytes;
    private byte[] body;

    Request(AggregatedHttpRequest raw, long maxBodyBytes) {
        this.raw = raw;
        String p = raw.path();
        int q = p.indexOf('?');
        this.path = q < 0 ? p : p.substring(0, q);
        this.rawQuery = q < 0 ? null : p.substring(q + 1);
        this.params = rawQuery == null ? QueryParams.of() : QueryParams.fromQueryString(rawQuery);
        this.maxBodyBytes = maxBodyBytes;
    }

    String param(String name) {
        return params.get(name);
    }

    boolean hasQueryString() {
        return rawQuery != null && !rawQuery.isEmpty();
    }

    boolean boolParam(String name, boolean dflt) {
        String v = params.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "serde error: invalid value '" + v + "' for '" + name + "': expected true or false");
        };
    }

    String header(String name) {
        return raw.headers().get(name);
    }

    /** Bytes {@code array[offset, offset + length)}. */
    record Body(byte[] array, int offset, int length) {
    }

    /**
     * As {@link #body()}, but a body aggregated into a pooled heap buffer is read where it lies
     * (no copy): valid only until the request's content is released, after the handler returns.
     */
    Body bodyView() {
        HttpData content = raw.content();
        String encoding = header("content-encoding");
        boolean identity = encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity");
        if (identity && content.isPooled()) {
            if (content.length() > maxBodyBytes) {
                throw tooLarge();
            }
            ByteBuf buf = content.byteBuf();
            if (buf.hasArray()) {
                return new Body(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
            }
        }
        byte[] b = body();
        return new Body(b, 0, b.length);
    }

    /** The body after Content-Encoding, size-checked against {@code --max-http-request-size}. */
    byte[] body() {
        if (body != null) {
            return body;
        }
        byte[] bytes = raw.content().array();
        if (bytes.length > maxBodyBytes) {
            throw tooLarge();
        }
        String encoding = header("content-encoding");
        if (encoding == null || encoding.isEmpty() || encoding.equalsIgnoreCase("identity")) {
            body = bytes;
        } else if (encoding.equalsIgnoreCase("gzip")) {
            body = gunzip(bytes);
        } else {
            throw InfluxException.invalid("unacceptable content-encoding: " + encoding);
        }
        return body;
    }

    private byte[] gunzip(byte[] bytes) {
        // GZIPInputStream reads concatenated members, as multi-member gzip requires.
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(32, bytes.length * 4));
            byte[] buf = new byte[65536];
            int n;
            long total = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw tooLarge();
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw InfluxException.invalid("error decoding gzip stream: " + e.getMessage());
        }
    }

    private InfluxException tooLarge() {
        return new InfluxException(ErrorCode.PAYLOAD_TOO_LARGE, "max request size (" + maxBodyBytes + " bytes) exceeded");
    }
}
