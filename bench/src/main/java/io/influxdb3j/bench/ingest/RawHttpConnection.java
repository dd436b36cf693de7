package io.influxdb3j.bench.ingest;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection that POSTs line-protocol bodies, the way a lean load generator
 * (TSBS's Go loader, Telegraf) does: the request head and the body go out in one blocking write of
 * the caller's array, with no copies or per-request objects beyond the head, and the answer is read
 * with a small buffer. The JDK's {@code HttpClient} cost the benchmark ≈ 4.8 µs of CPU per 400-byte
 * row, more than either server, on the same two cores as the servers.
 *
 * <p>Understands the answers both servers give: a status line, headers, then a body framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked} (or none, for 204). Reconnects when
 * the server closes the connection or asks to ({@code Connection: close}). Not thread-safe: one per
 * client thread.
 */
final class RawHttpConnection implements AutoCloseable {
    /** A complete answer: status and body text. */
    record Answer(int status, String body) {
    }

    private final URI uri;
    private final byte[] headPrefix;
    private final int timeoutMillis;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    RawHttpConnection(URI uri, int timeoutMillis) {
        this.uri = uri;
        this.timeoutMillis = timeoutMillis;
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String head = "POST " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: ";
        this.headPrefix = head.getBytes(StandardCharsets.US_ASCII);
    }

    /** POSTs {@code body}; one retry on a fresh connection when a kept-alive one turns out closed before any answer. */
    Answer post(byte[] body) throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange(body);
        } catch (EOFException | java.net.SocketException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange(body);
        }
    }

    private Answer exchange(byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        byte[] length = (body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] head = new byte[headPrefix.length + length.length];
        System.arraycopy(headPrefix, 0, head, 0, headPrefix.length);
        System.arraycopy(length, 0, head, headPrefix.length, length.length);
        out.write(head);
        out.write(body);
        out.flush();
        return readAnswer();
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), timeoutMillis);
        socket = s;
        out = s.getOutputStream();
        in = s.getInputStream();
        pos = 0;
        limit = 0;
    }

    private Answer readAnswer() throws IOException {
        String statusLine = readLine();
        if (!statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long contentLength = -1;
        boolean chunked = false;
        boolean closeAfter = statusLine.startsWith("HTTP/1.0");
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> contentLength = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0;
                    size = Long.parseLong(chunkSize(readLine()), 16)) {
                readBytes(body, size);
                readLine();
            }
            for (String trailer = readLine(); !trailer.isEmpty(); trailer = readLine()) {
                // trailers are ignored
            }
        } else if (contentLength > 0) {
            readBytes(body, contentLength);
        } else if (contentLength < 0 && status != 204 && status != 304 && status >= 200) {
            // no framing: the body runs to the end of the connection
            for (int b = read(); b >= 0; b = read()) {
                body.write(b);
            }
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Answer(status, body.toString(StandardCharsets.UTF_8));
    }

    private static String chunkSize(String line) {
        int semicolon = line.indexOf(';');
        return (semicolon < 0 ? line : line.substring(0, semicolon)).trim();
    }

    private void readBytes(ByteArrayOutputStream to, long n) throws IOException {
        for (long i = 0; i < n; i++) {
            int b = read();
            if (b < 0) {
                throw new EOFException("connection closed in a body");
            }
            to.write(b);
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = read();
            if (b < 0) {
                throw new EOFException("connection closed before the answer was complete");
            }
            if (b == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) b);
        }
    }

    private int read() throws IOException {
        if (pos == limit) {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return -1;
            }
            pos = 0;
            limit = n;
        }
        return buf[pos++] & 0xFF;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
        in = null;
    }
}
