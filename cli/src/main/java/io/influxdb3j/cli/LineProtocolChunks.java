package io.influxdb3j.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Splits line protocol at newlines into request bodies of at most {@code --max-request-size} bytes. */
final class LineProtocolChunks {
    private LineProtocolChunks() {
    }

    /**
     * One request body.
     *
     * @param firstLine 1-based number of its first line in the whole input
     * @param lines number of lines in it
     */
    record Chunk(byte[] body, int firstLine, int lines) {
        int lastLine() {
            return firstLine + Math.max(lines, 1) - 1;
        }
    }

    /**
     * Packs whole lines, in order, into as few bodies of at most {@code maxBytes} as a greedy pass allows. Empty input
     * gives one empty chunk so the server reports it. A single line longer than {@code maxBytes} is an error naming it:
     * it could never be sent whole.
     */
    static List<Chunk> split(byte[] input, long maxBytes) {
        List<Chunk> chunks = new ArrayList<>();
        if (input.length <= maxBytes) {
            chunks.add(new Chunk(input, 1, countLines(input)));
            return chunks;
        }
        int chunkStart = 0;
        int chunkFirstLine = 1;
        int linesInChunk = 0;
        int lineNumber = 0;
        int pos = 0;
        while (pos < input.length) {
            int end = pos;
            while (end < input.length && input[end] != '\n') {
                end++;
            }
            int lineEnd = end < input.length ? end + 1 : end; // include the newline
            lineNumber++;
            long lineBytes = lineEnd - pos;
            if (lineBytes > maxBytes) {
                throw new CliException("line " + lineNumber + " is " + lineBytes + " bytes, larger than"
                        + " --max-request-size " + maxBytes
                        + ": raise --max-request-size (the server accepts up to its --max-http-request-size)");
            }
            if (lineEnd - chunkStart > maxBytes) {
                chunks.add(new Chunk(Arrays.copyOfRange(input, chunkStart, pos), chunkFirstLine, linesInChunk));
                chunkStart = pos;
                chunkFirstLine = lineNumber;
                linesInChunk = 0;
            }
            linesInChunk++;
            pos = lineEnd;
        }
        if (chunkStart < input.length) {
            chunks.add(new Chunk(Arrays.copyOfRange(input, chunkStart, input.length), chunkFirstLine, linesInChunk));
        }
        return chunks;
    }

    private static int countLines(byte[] input) {
        int n = 0;
        for (byte b : input) {
            if (b == '\n') {
                n++;
            }
        }
        return input.length > 0 && input[input.length - 1] != '\n' ? n + 1 : n;
    }
}
