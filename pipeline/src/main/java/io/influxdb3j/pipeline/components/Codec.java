package io.influxdb3j.pipeline.components;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How an output frames messages in a stream: {@code lines} adds {@code \n} only when the payload does not already
 * end with one, {@code append} adds nothing, {@code delim:<x>} adds {@code x}; {@code all-bytes} (file output)
 * writes each message as a whole file.
 */
record Codec(String name, byte[] delimiter, boolean onlyIfMissing, boolean wholeFile) {
    static Codec parse(String codec, boolean allowAllBytes) {
        if (codec == null || codec.isEmpty() || codec.equals("lines")) {
            return new Codec("lines", new byte[] {'\n'}, true, false);
        }
        if (codec.equals("append")) {
            return new Codec("append", new byte[0], false, false);
        }
        if (codec.startsWith("delim:") && codec.length() > 6) {
            return new Codec(codec, codec.substring(6).getBytes(StandardCharsets.UTF_8), false, false);
        }
        if (allowAllBytes && codec.equals("all-bytes")) {
            return new Codec(codec, new byte[0], false, true);
        }
        throw new IllegalArgumentException("codec " + codec + " is not supported; use lines, append, delim:<x>"
                + (allowAllBytes ? " or all-bytes" : ""));
    }

    static List<String> validate(com.fasterxml.jackson.databind.JsonNode config, boolean allowAllBytes) {
        com.fasterxml.jackson.databind.JsonNode c = config.get("codec");
        if (c == null || c.isNull()) {
            return List.of();
        }
        try {
            parse(c.asText(), allowAllBytes);
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    void write(OutputStream out, byte[] payload) throws IOException {
        out.write(payload);
        if (onlyIfMissing && payload.length > 0 && payload[payload.length - 1] == delimiter[0]) {
            return;
        }
        out.write(delimiter);
    }
}
