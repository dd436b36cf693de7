package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.PipelineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How a byte stream becomes messages: {@code lines} (one message per line; a trailing {@code \r} is dropped, as
 * Go's line scanner does; or split on {@code custom_delimiter}) or {@code to_the_end} (the whole stream is one
 * message). Chosen by the {@code scanner} field, or by the deprecated {@code codec} field of {@code stdin}.
 */
public record Scanner(boolean wholeStream, byte[] delimiter, int maxBuffer) {
    public static final FieldSpec FIELD = FieldSpec.object("scanner",
            FieldSpec.object("lines",
                    FieldSpec.optional("custom_delimiter", FieldType.STRING, ""),
                    FieldSpec.optional("max_buffer_size", FieldType.INT, 65536)),
            FieldSpec.object("to_the_end"));

    public static Scanner lines() {
        return new Scanner(false, null, 65536);
    }

    /** The problems of a {@code scanner} block: it must name exactly one scanner. */
    public static List<String> validate(JsonNode scanner) {
        if (scanner == null || scanner.isNull() || !scanner.isObject()) {
            return List.of();
        }
        if (scanner.size() != 1) {
            return List.of("scanner must name exactly one of lines, to_the_end");
        }
        return List.of();
    }

    /** The scanner of a component config: {@code scanner}, else the deprecated {@code codec}, else lines. */
    public static Scanner of(Conf conf, int defaultMaxBuffer) {
        JsonNode scanner = conf.node().get("scanner");
        if (scanner != null && scanner.isObject() && scanner.size() > 0) {
            Iterator<String> names = scanner.fieldNames();
            String name = names.next();
            if (name.equals("to_the_end")) {
                return new Scanner(true, null, 0);
            }
            Conf lines = conf.child("scanner").child("lines");
            String delim = lines.string("custom_delimiter", "");
            return new Scanner(false, delim.isEmpty() ? null : delim.getBytes(StandardCharsets.UTF_8),
                    (int) lines.integer("max_buffer_size", 65536));
        }
        String codec = conf.string("codec", "lines");
        if (codec.isEmpty() || codec.equals("lines")) {
            return new Scanner(false, null, defaultMaxBuffer);
        }
        if (codec.equals("all-bytes")) {
            return new Scanner(true, null, 0);
        }
        if (codec.startsWith("delim:") && codec.length() > "delim:".length()) {
            return new Scanner(false, codec.substring(6).getBytes(StandardCharsets.UTF_8), defaultMaxBuffer);
        }
        throw new PipelineException(conf.where() + ".codec: codec " + codec + " is not supported; use lines, all-bytes or delim:<x>");
    }

    /** The codec values {@code validate} accepts for stdin. */
    public static List<String> validateCodec(JsonNode conf) {
        JsonNode codec = conf.get("codec");
        if (codec == null || codec.isNull()) {
            return List.of();
        }
        String c = codec.asText();
        if (c.isEmpty() || c.equals("lines") || c.equals("all-bytes") || c.startsWith("delim:") && c.length() > 6) {
            return List.of();
        }
        return List.of("codec " + c + " is not supported; use lines, all-bytes or delim:<x>");
    }

    /** Reads tokens from one stream. Not thread-safe. */
    public Reader open(InputStream in) {
        return new Reader(new BufferedInputStream(in, 65536));
    }

    /** Successive tokens of a stream; {@code null} at the end. */
    public final class Reader {
        private final InputStream in;
        private boolean done;

        private Reader(InputStream in) {
            this.in = in;
        }

        public byte[] next() throws IOException {
            if (done) {
                return null;
            }
            if (wholeStream) {
                done = true;
                return in.readAllBytes();
            }
            byte[] delim = delimiter == null ? new byte[] {'\n'} : delimiter;
            byte[] buf = new byte[128];
            int len = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    done = true;
                    // The last token without a delimiter counts only when it is not empty.
                    return len == 0 ? null : strip(java.util.Arrays.copyOf(buf, len));
                }
                if (len == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                buf[len++] = (byte) b;
                if (len >= delim.length && b == (delim[delim.length - 1] & 0xff)
                        && java.util.Arrays.equals(buf, len - delim.length, len, delim, 0, delim.length)) {
                    return strip(java.util.Arrays.copyOf(buf, len - delim.length));
                }
                if (maxBuffer > 0 && len > maxBuffer + delim.length) {
                    throw new IOException("line longer than max_buffer_size (" + maxBuffer + " bytes)");
                }
            }
        }

        private byte[] strip(byte[] token) {
            if (delimiter == null && token.length > 0 && token[token.length - 1] == '\r') {
                byte[] out = new byte[token.length - 1];
                System.arraycopy(token, 0, out, 0, out.length);
                return out;
            }
            return token;
        }
    }

    /** Convenience for tests and small inputs: every token of {@code in}. */
    public List<byte[]> readAll(InputStream in) throws IOException {
        Reader r = open(in);
        List<byte[]> out = new ArrayList<>();
        byte[] t;
        while ((t = r.next()) != null) {
            out.add(t);
        }
        return out;
    }
}
