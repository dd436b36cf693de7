package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends prepared line-protocol bodies to one write URI from {@code clients} threads at once, each
 * taking the next unsent body as soon as its previous request is answered (a closed loop: at most
 * {@code clients} requests are in flight). Every answer must be 204; anything else is a failure.
 */
final class LineProtocolSender {
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_FAILURES_KEPT = 10;

    /**
     * What one send produced.
     *
     * @param startNanos       {@link System#nanoTime()} when the first request was released
     * @param elapsedNanos     from release until the last answer
     * @param rowsAcknowledged lines in the bodies answered with 204
     * @param latenciesNanos   per request, sorted ascending
     * @param failures         the first few non-204 answers or exceptions
     */
    record Result(long startNanos, long elapsedNanos, long rowsAcknowledged, int requests, long failedRequests,
                  long[] latenciesNanos, List<String> failures) {
        long latencyPercentileNanos(double p) {
            if (latenciesNanos.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))];
        }
    }

    private final HttpClient http;
    private final int clients;
    private final boolean raw;

    /**
     * @param raw each client thread keeps one {@link RawHttpConnection} instead of sharing the JDK
     *            {@code http} client
     */
    LineProtocolSender(HttpClient http, int clients, boolean raw) {
        if (clients <= 0) {
            throw new IllegalArgumentException("clients must be positive, got " + clients);
        }
        this.http = http;
        this.clients = clients;
        this.raw = raw;
    }

    /**
     * Sends every body once.
     *
     * @param lines lines in each body, by index (counted before timing, so the loop does no scanning)
     */
    Result send(URI uri, List<byte[]> bodies, int[] lines) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicLong rows = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long[] latencies = new long[bodies.size()];
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                RawHttpConnection connection = raw ? new RawHttpConnection(uri, (int) REQUEST_TIMEOUT.toMillis()) : null;
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    String failure = connection != null ? sendRaw(connection, bodies.get(i)) : sendOne(uri, bodies.get(i));
                    latencies[i] = System.nanoTime() - sent;
                    if (failure == null) {
                        rows.addAndGet(lines[i]);
                    } else {
                        failed.incrementAndGet();
                        if (failures.size() < MAX_FAILURES_KEPT) {
                            failures.add("body " + i + ": " + failure);
                        }
                    }
                }
                if (connection != null) {
                    connection.close();
                }
            }, "lp-client-" + c);
            threads.add(t);
            t.start();
        }
        long start = System.nanoTime();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        Arrays.sort(latencies);
        return new Result(start, elapsed, rows.get(), bodies.size(), failed.get(), latencies, List.copyOf(failures));
    }

    /** One POST on the thread's own connection; null when answered 204, else what went wrong. */
    private static String sendRaw(RawHttpConnection connection, byte[] body) {
        try {
            RawHttpConnection.Answer answer = connection.post(body);
            if (answer.status() == 204) {
                return null;
            }
            String text = answer.body();
            return "HTTP " + answer.status() + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        } catch (IOException | RuntimeException e) {
            connection.close();
            return e.toString();
        }
    }

    /** One POST; null when answered 204, else what went wrong. */
    private String sendOne(URI uri, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 204) {
                return null;
            }
            String text = response.body();
            return "HTTP " + response.statusCode() + ": " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
