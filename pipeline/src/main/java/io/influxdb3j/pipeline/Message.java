package io.influxdb3j.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message: a payload of bytes, metadata (string or structured values), an error flag, and
 * optionally an object carried without serialisation (a Python object for {@code serializer: none}).
 * Not thread-safe: a message belongs to one pipeline thread at a time.
 */
public final class Message {
    private byte[] content;
    private final LinkedHashMap<String, Object> metadata;
    private String error;
    private Object carried;

    public Message(byte[] content) {
        this(content, new LinkedHashMap<>());
    }

    public Message(byte[] content, Map<String, ?> metadata) {
        this.content = Objects.requireNonNull(content, "content");
        this.metadata = new LinkedHashMap<>(metadata);
    }

    public static Message ofString(String content) {
        return new Message(content.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] content() {
        return content;
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    public void setContent(byte[] content) {
        this.content = Objects.requireNonNull(content, "content");
    }

    /** Metadata in insertion order; values are Strings or structured values (List, Map, numbers). */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** The metadata value rendered as a string, as Bloblang's {@code meta("key")} does; null if absent. */
    public String metadataString(String key) {
        Object value = metadata.get(key);
        return value == null ? null : value.toString();
    }

    /** The error this message carries after a failed processor, or null. */
    public String error() {
        return error;
    }

    public boolean errored() {
        return error != null;
    }

    public void setError(String error) {
        this.error = error;
    }

    /** An object carried in-process (a Python object handle for serializer none), or null. */
    public Object carried() {
        return carried;
    }

    public void setCarried(Object carried) {
        this.carried = carried;
    }

    /** A deep-enough copy: new content array reference kept (arrays are never mutated), new metadata map. */
    public Message copy() {
        Message copy = new Message(content, metadata);
        copy.error = error;
        copy.carried = carried;
        return copy;
    }

    @Override
    public String toString() {
        return "Message[" + contentAsString() + ", " + metadata + (error == null ? "" : ", error=" + error) + "]";
    }
}
