package io.influxdb3j.pipeline.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.influxdb3j.pipeline.BatchPolicy;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.ComponentFactory.Kind;
import io.influxdb3j.pipeline.ComponentRegistry;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.Output;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.Processor;
import io.influxdb3j.pipeline.bloblang.BloblangException;
import io.influxdb3j.pipeline.config.Location;
import io.influxdb3j.pipeline.config.PipelineConfig;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one pipeline: an input thread reads batches, {@code pipeline.threads} workers run every processor in order
 * (one shared instance each), and an output thread writes the results in input order (batching them when the
 * output has a {@code batching} policy) and acks or nacks each batch back to its input.
 *
 * <p>Delivery: a failed write is logged at ERROR and the batch is nacked. Inputs with {@code auto_replay_nacks}
 * (true by default) get their batch sent through the pipeline again, with back-off, until it is delivered; other
 * inputs are told the batch failed. A processor that throws flags every message of its batch with the error (logged
 * at ERROR) and the batch goes on unchanged.
 *
 * <p>Ending: when the input ends, everything in flight is processed, written and acked, then the components are
 * closed and {@link #run()} returns 0. {@link #stop()} (SIGINT/SIGTERM) stops reading and drains what is in flight
 * within {@code shutdown_timeout}; overrunning it returns 1, as does an input that fails.
 */
public final class PipelineRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineRunner.class);
    private static final Transaction POISON = new Transaction(-1, null, List.of());

    /** Where a pipeline runs: its name, working directory, standard streams and (inside a server) the write sink. */
    public record Environment(String name, Path workingDirectory, InputStream stdin, PrintStream stdout,
                              Optional<PipelineContext.LineProtocolSink> lineProtocolSink, String version) {
        public static Environment standalone(String name, Path workingDirectory) {
            return new Environment(name, workingDirectory, System.in, System.out, Optional.empty(), "0.1.0");
        }
    }

    /** Where a runner is in its life, for status displays (e.g. a system table of managed pipelines). */
    public enum State { BUILT, RUNNING, STOPPING, FINISHED, FAILED }

    /** A built component and where its config is. */
    private record Named<T>(String path, String type, T component) {
    }

    private final PipelineConfig config;
    private final PipelineSettings settings;
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final ServiceHttpServer http;
    private final Named<Input> input;
    private final boolean replayNacks;
    private final List<Named<Processor>> processors;
    private final Named<Output> output;
    private final BatchPolicy batching;

    private final LinkedBlockingQueue<Transaction> work = new LinkedBlockingQueue<>();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore permits;
    private final Object intake = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeMap<Long, Transaction> ready = new TreeMap<>();
    private final CountDownLatch outputDone = new CountDownLatch(1);
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final ScheduledExecutorService replays;
    private volatile boolean stopping;
    private volatile boolean inputEnded;
    private volatile boolean inputFailed;
    private volatile boolean connected;
    private volatile State state = State.BUILT;
    private volatile PipelineException failure;
    private final java.util.concurrent.atomic.AtomicBoolean inputClosed = new java.util.concurrent.atomic.AtomicBoolean();
    private Thread inputThread;

    private PipelineRunner(PipelineConfig config, PipelineSettings settings, ComponentRegistry registry, Environment env) {
        this.config = config;
        this.settings = settings;
        this.http = settings.http().enabled()
                ? new ServiceHttpServer(settings.http(), metrics, () -> connected, env.version()) : null;
        PipelineContext context = new PipelineContext(env.name(), env.workingDirectory(), settings.threads(),
                env.lineProtocolSink(), env.stdin(), env.stdout(), Optional.ofNullable(http));
        JsonNode root = config.root();
        JsonNode inputNode = root.path("input");
        Spec inputSpec = inputNode.isMissingNode() || inputNode.isNull()
                ? new Spec("input", "stdin", JsonNodeFactory.instance.objectNode(), null, registry.find(Kind.INPUT, "stdin").orElseThrow())
                : spec(registry, inputNode, "input", Kind.INPUT);
        this.input = new Named<>(inputSpec.path(), inputSpec.type(), create(inputSpec, context));
        this.replayNacks = inputSpec.factory().fields().stream().anyMatch(f -> f.name().equals("auto_replay_nacks"))
                && inputSpec.config().path("auto_replay_nacks").asBoolean(true);
        List<Named<Processor>> chain = new ArrayList<>();
        addProcessors(chain, registry, inputSpec.processors(), inputSpec.path() + ".processors", context);
        addProcessors(chain, registry, root.path("pipeline").path("processors"), "pipeline.processors", context);
        JsonNode outputNode = root.path("output");
        Spec outputSpec = outputNode.isMissingNode() || outputNode.isNull()
                ? new Spec("output", "stdout", JsonNodeFactory.instance.objectNode(), null, registry.find(Kind.OUTPUT, "stdout").orElseThrow())
                : spec(registry, outputNode, "output", Kind.OUTPUT);
        addProcessors(chain, registry, outputSpec.processors(), outputSpec.path() + ".processors", context);
        this.processors = List.copyOf(chain);
        this.output = new Named<>(outputSpec.path(), outputSpec.type(), create(outputSpec, context));
        boolean batches = outputSpec.factory().fields().stream().map(FieldSpec::name).anyMatch("batching"::equals);
        this.batching = batches ? BatchPolicy.of(outputSpec.config()) : BatchPolicy.NONE;
        this.permits = new Semaphore(Math.max(16, settings.threads() * 4));
        // (see Delivery.releasePermit)
        this.replays = Executors.newSingleThreadScheduledExecutor(daemon("pipeline-replay"));
    }

    /**
     * Builds every component of a (linted) config; a failure names the file, line and key of the component.
     */
    public static PipelineRunner build(PipelineConfig config, ComponentRegistry registry, Environment env) {
        return new PipelineRunner(config, PipelineSettings.of(config), registry, env);
    }

    public PipelineSettings settings() {
        return settings;
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    public State state() {
        return state;
    }

    /**
     * Why {@link #run()} returned 1 (the input failed, or the shutdown overran): a message naming the file, line and
     * component, with the original exception as cause; empty after a clean run.
     */
    public Optional<PipelineException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The port of the service-wide HTTP server once running, or -1. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /** The built input (for tests that need, e.g., the port of an http_server input). */
    public Input input() {
        return input.component();
    }

    private record Spec(String path, String type, JsonNode config, JsonNode processors, ComponentFactory factory) {
    }

    private Spec spec(ComponentRegistry registry, JsonNode node, String path, Kind kind) {
        if (!node.isObject()) {
            throw fail(path, "expected an object naming the " + ComponentRegistry.kindName(kind) + " type");
        }
        if (node.has("resource")) {
            String label = node.get("resource").asText();
            String list = ComponentRegistry.kindName(kind) + "_resources";
            JsonNode resources = config.root().path(list);
            for (int i = 0; i < resources.size(); i++) {
                if (label.equals(resources.get(i).path("label").asText(null))) {
                    return spec(registry, resources.get(i), list + "." + i, kind);
                }
            }
            throw fail(path + ".resource", ComponentRegistry.kindName(kind) + " resource '" + label + "' is not defined in " + list);
        }
        String type = node.path("type").asText(null);
        if (type == null) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!key.equals("label") && !key.equals("processors")) {
                    if (type != null) {
                        throw fail(path, ComponentRegistry.kindName(kind) + " has more than one type: " + type + ", " + key);
                    }
                    type = key;
                }
            }
        }
        if (type == null) {
            throw fail(path, ComponentRegistry.kindName(kind) + " has no type; expected one of " + registry.types(kind));
        }
        String t = type;
        ComponentFactory factory = registry.find(kind, type).orElseThrow(() -> fail(path + "." + t,
                "unknown " + ComponentRegistry.kindName(kind) + " type '" + t + "'; " + ComponentRegistry.kindName(kind)
                        + " types are " + String.join(", ", registry.types(kind))));
        JsonNode conf = node.has(type) ? node.get(type) : JsonNodeFactory.instance.objectNode();
        if (conf.isNull() && factory.configType() == FieldSpec.FieldType.OBJECT) {
            conf = JsonNodeFactory.instance.objectNode();
        }
        return new Spec(path + "." + type, type, conf, node.get("processors"), factory);
    }

    private void addProcessors(List<Named<Processor>> chain, ComponentRegistry registry, JsonNode list, String path,
                               PipelineContext context) {
        if (list == null || !list.isArray()) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            Spec s = spec(registry, list.get(i), path + "." + i, Kind.PROCESSOR);
            chain.add(new Named<>(s.path(), s.type(), create(s, context)));
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T create(Spec s, PipelineContext context) {
        try {
            Object c = switch (s.factory().kind()) {
                case INPUT -> s.factory().createInput(s.config(), context);
                case PROCESSOR -> s.factory().createProcessor(s.config(), context);
                case OUTPUT -> s.factory().createOutput(s.config(), context);
            };
            return (T) c;
        } catch (PipelineException | BloblangException | UnsupportedOperationException | IllegalArgumentException e) {
            throw fail(s.path(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw fail(s.path(), "failed to create " + s.type() + ": " + describe(e), e);
        }
    }

    private PipelineException fail(String path, String message) {
        return fail(path, message, null);
    }

    private PipelineException fail(String path, String message, Throwable cause) {
        Location l = config.keyLocation(path);
        String where = config.fileName() + (l.known() ? "(" + l.line() + "," + l.column() + ")" : "");
        return new PipelineException(where + " " + path + ": " + message, cause);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ------------------------------------------------------------------ running

    /** Requests a graceful shutdown (what SIGINT/SIGTERM do); returns at once. */
    public void stop() {
        stopRequested.countDown();
    }

    /**
     * Connects the components and runs until the input ends (then drains) or {@link #stop()}; returns the exit code:
     * 0 after a clean drain, 1 when the input failed or the shutdown overran {@code shutdown_timeout}. A failure to
     * connect is thrown as a {@link PipelineException} naming the component.
     */
    public int run() {
        int code = 1;
        try {
            code = runToEnd();
            return code;
        } finally {
            state = code == 0 ? State.FINISHED : State.FAILED;
        }
    }

    private int runToEnd() {
        state = State.RUNNING;
        try {
            if (http != null) {
                String problem = http.start();
                if (problem != null) {
                    LOG.error("{}", problem);
                } else {
                    LOG.info("Listening for HTTP requests at: http://{}", http.address());
                }
            }
            connect(output);
            LOG.info("Output type {} is now active", output.type());
            connect(input);
            LOG.info("Input type {} is now active", input.type());
            connected = true;
        } catch (RuntimeException e) {
            closeAll(Duration.ofSeconds(5));
            throw e;
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < settings.threads(); i++) {
            Thread w = new Thread(this::workerLoop, "pipeline-worker-" + i);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        Thread out = new Thread(this::outputLoop, "pipeline-output");
        out.setDaemon(true);
        out.start();
        inputThread = new Thread(this::inputLoop, "pipeline-input");
        inputThread.setDaemon(true);
        inputThread.start();

        boolean clean = awaitOutput();
        for (int i = 0; i < workers.size(); i++) {
            work.add(POISON);
        }
        replays.shutdownNow();
        if (!clean) {
            String message = "failed to stop the pipeline within shutdown_timeout (" + settings.shutdownTimeout() + "): "
                    + inFlight.get() + " batch(es) still in flight were not delivered";
            LOG.error("{}", message);
            failure = new PipelineException(config.fileName() + ": " + message);
            closeAll(Duration.ofSeconds(1));
            return 1;
        }
        if (inputEnded && !stopping) {
            LOG.info("Pipeline has terminated. Shutting down the service");
        }
        boolean closed = closeAll(settings.shutdownTimeout());
        if (!closed) {
            String message = "failed to close the pipeline components within shutdown_timeout (" + settings.shutdownTimeout() + ")";
            LOG.error("{}", message);
            failure = new PipelineException(config.fileName() + ": " + message);
            return 1;
        }
        return inputFailed ? 1 : 0;
    }

    private void connect(Named<?> c) {
        try {
            if (c.component() instanceof Input i) {
                i.connect();
            } else if (c.component() instanceof Output o) {
                o.connect();
            }
        } catch (PipelineException e) {
            throw fail(c.path(), e.getMessage(), e);
        } catch (Exception e) {
            throw fail(c.path(), "failed to connect: " + describe(e), e);
        }
    }

    /** Waits for the output loop to finish; after a stop request, at most shutdown_timeout. False on overrun. */
    private boolean awaitOutput() {
        try {
            while (true) {
                if (outputDone.await(50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (stopRequested.getCount() == 0) {
                    break;
                }
            }
            LOG.info("Received the signal to stop, shutting down the pipeline");
            long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
            if (!settings.shutdownDelay().isZero()) {
                Thread.sleep(settings.shutdownDelay().toMillis());
            }
            beginStopping();
            return outputDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** No new batches are taken; the input is closed (on its own thread, as a read may block) to wake it. */
    private void beginStopping() {
        synchronized (intake) {
            stopping = true;
        }
        state = State.STOPPING;
        Thread closer = new Thread(this::closeInput, "pipeline-input-close");
        closer.setDaemon(true);
        closer.start();
        if (inputThread != null) {
            inputThread.interrupt();
        }
        signal();
    }

    private void closeInput() {
        if (inputClosed.compareAndSet(false, true)) {
            try {
                input.component().close();
            } catch (Exception e) {
                LOG.warn("closing input {}: {}", input.type(), describe(e));
            }
        }
    }

    /** Closes input, processors and output (in that order) within {@code timeout}; false when it overran. */
    private boolean closeAll(Duration timeout) {
        Thread closer = new Thread(() -> {
            closeInput();
            List<AutoCloseable> all = new ArrayList<>();
            processors.forEach(p -> all.add(p.component()));
            all.add(output.component());
            for (AutoCloseable c : all) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("closing {}: {}", c.getClass().getSimpleName(), describe(e));
                }
            }
            if (http != null) {
                http.stop();
            }
        }, "pipeline-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !closer.isAlive();
    }

    // ------------------------------------------------------------------ input

    /** One read batch from the input and its fate: acked once, after delivery or a final failure. */
    private final class Delivery {
        final Input.Ack ack;
        final List<Message> originals;
        final java.util.concurrent.atomic.AtomicBoolean holdsPermit = new java.util.concurrent.atomic.AtomicBoolean(true);
        int attempts;

        Delivery(Input.Ack ack, List<Message> originals) {
            this.ack = ack;
            this.originals = originals;
        }

        void finish(boolean delivered) {
            try {
                ack.ack(delivered);
            } catch (RuntimeException e) {
                LOG.warn("input {} failed to handle an ack: {}", input.type(), describe(e));
            }
            inFlight.decrementAndGet();
            releasePermit();
            signal();
        }

        /**
         * The permit bounds batches between the input and the output thread; it is given back when the output thread
         * takes the batch (not at the ack), so an output's batching policy can collect more than the bound.
         */
        void releasePermit() {
            if (holdsPermit.compareAndSet(true, false)) {
                permits.release();
            }
        }
    }

    /** One pass of a delivery through the processors; {@code seq} orders the output. */
    private static final class Transaction {
        final long seq;
        final Delivery delivery;
        final List<Message> messages;
        List<List<Message>> results;
        int pending;
        boolean failed;

        Transaction(long seq, Delivery delivery, List<Message> messages) {
            this.seq = seq;
            this.delivery = delivery;
            this.messages = messages;
        }
    }

    private void inputLoop() {
        Input in = input.component();
        try {
            while (!stopping) {
                permits.acquire();
                Input.ReadBatch rb;
                try {
                    rb = in.readBatch();
                } catch (InterruptedException e) {
                    permits.release();
                    break;
                } catch (Exception e) {
                    permits.release();
                    if (!stopping) {
                        LOG.error("Input {} failed: {}", input.type(), describe(e));
                        failure = fail(input.path(), describe(e), e);
                        inputFailed = true;
                    }
                    break;
                }
                if (rb == null) {
                    permits.release();
                    break;
                }
                if (rb.messages().isEmpty()) {
                    rb.ack().ack(true);
                    permits.release();
                    continue;
                }
                metrics.inputReceived.addAndGet(rb.messages().size());
                List<Message> originals = replayNacks ? copies(rb.messages()) : null;
                Delivery d = new Delivery(rb.ack(), originals);
                synchronized (intake) {
                    if (stopping) {
                        rb.ack().ack(false);
                        permits.release();
                        break;
                    }
                    inFlight.incrementAndGet();
                    submit(d, rb.messages());
                }
            }
        } catch (InterruptedException e) {
            // stopping
        } finally {
            inputEnded = true;
            signal();
        }
    }

    private static List<Message> copies(List<Message> messages) {
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            out.add(m.copy());
        }
        return out;
    }

    private void submit(Delivery d, List<Message> messages) {
        work.add(new Transaction(issued.getAndIncrement(), d, messages));
    }

    // ------------------------------------------------------------------ processing

    private void workerLoop() {
        while (true) {
            Transaction t;
            try {
                t = work.take();
            } catch (InterruptedException e) {
                return;
            }
            if (t == POISON) {
                return;
            }
            try {
                t.results = process(t.messages);
            } catch (Throwable e) {
                // Never lose a transaction: the output stage waits for every sequence number.
                LOG.error("pipeline worker failed: {}", describe(e));
                for (Message m : t.messages) {
                    m.setError(describe(e));
                }
                t.results = List.of(t.messages);
            }
            lock.lock();
            try {
                ready.put(t.seq, t);
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private List<List<Message>> process(List<Message> batch) {
        List<List<Message>> batches = List.of(batch);
        for (Named<Processor> p : processors) {
            List<List<Message>> next = new ArrayList<>(batches.size());
            for (List<Message> b : batches) {
                try {
                    for (List<Message> r : p.component().processBatch(b)) {
                        if (!r.isEmpty()) {
                            next.add(r);
                        }
                    }
                } catch (Exception e) {
                    String error = describe(e);
                    for (Message m : b) {
                        m.setError(error);
                    }
                    metrics.processorError.addAndGet(b.size());
                    LOG.error("Processor {} ({}) failed: {}", p.type(), p.path(), error);
                    next.add(b);
                }
            }
            batches = next;
        }
        return batches;
    }

    // ------------------------------------------------------------------ output

    /** A message waiting in the batching buffer and the transaction it belongs to. */
    private record Buffered(Message message, Transaction owner) {
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void outputLoop() {
        long next = 0;
        List<Buffered> buffer = new ArrayList<>();
        long bufferBytes = 0;
        long deadline = Long.MAX_VALUE;
        try {
            while (true) {
                Transaction t = null;
                boolean flush = false;
                lock.lock();
                try {
                    while (true) {
                        t = ready.remove(next);
                        if (t != null) {
                            next++;
                            break;
                        }
                        boolean draining = inputEnded || stopping;
                        boolean caughtUp = next == issued.get();
                        if (!buffer.isEmpty() && (System.nanoTime() >= deadline || draining && caughtUp)) {
                            flush = true;
                            break;
                        }
                        if (draining && caughtUp && buffer.isEmpty() && inFlight.get() == 0) {
                            return;
                        }
                        long wait = buffer.isEmpty() || deadline == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100)
                                : Math.max(1, deadline - System.nanoTime());
                        changed.awaitNanos(Math.min(wait, TimeUnit.MILLISECONDS.toNanos(100)));
                    }
                } finally {
                    lock.unlock();
                }
                if (flush) {
                    write(buffer);
                    buffer = new ArrayList<>();
                    bufferBytes = 0;
                    deadline = Long.MAX_VALUE;
                    continue;
                }
                t.delivery.releasePermit();
                int total = 0;
                for (List<Message> b : t.results) {
                    total += b.size();
                }
                if (total == 0) {
                    finish(t, true);
                    continue;
                }
                if (batching.isNone()) {
                    t.pending = t.results.size();
                    for (List<Message> b : t.results) {
                        List<Buffered> one = new ArrayList<>(b.size());
                        for (Message m : b) {
                            one.add(new Buffered(m, t));
                        }
                        writeWhole(one, t);
                    }
                    continue;
                }
                t.pending = total;
                for (List<Message> b : t.results) {
                    for (Message m : b) {
                        if (buffer.isEmpty() && !batching.period().isZero()) {
                            deadline = System.nanoTime() + batching.period().toNanos();
                        }
                        buffer.add(new Buffered(m, t));
                        bufferBytes += m.content().length;
                        if (endsBatch(m, buffer.size(), bufferBytes)) {
                            write(buffer);
                            buffer = new ArrayList<>();
                            bufferBytes = 0;
                            deadline = Long.MAX_VALUE;
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            outputDone.countDown();
        }
    }

    private boolean endsBatch(Message m, int count, long bytes) {
        if (batching.count() > 0 && count >= batching.count()) {
            return true;
        }
        if (batching.byteSize() > 0 && bytes >= batching.byteSize()) {
            return true;
        }
        if (batching.check() != null) {
            try {
                Object r = batching.check().query(m);
                return Boolean.TRUE.equals(r);
            } catch (BloblangException e) {
                LOG.error("batching check failed: {}", e.getMessage());
            }
        }
        return false;
    }

    /** Writes one pipeline batch of {@code t} (no batching policy); {@code t} finishes after its last batch. */
    private void writeWhole(List<Buffered> batch, Transaction t) {
        boolean ok = attempt(batch);
        t.failed |= !ok;
        if (--t.pending == 0) {
            finish(t, !t.failed);
        }
    }

    /** Writes a batch collected by the batching policy; each transaction finishes once all its messages are written. */
    private void write(List<Buffered> batch) {
        boolean ok = attempt(batch);
        for (Buffered b : batch) {
            Transaction t = b.owner();
            t.failed |= !ok;
            if (--t.pending == 0) {
                finish(t, !t.failed);
            }
        }
    }

    private boolean attempt(List<Buffered> batch) {
        List<Message> messages = new ArrayList<>(batch.size());
        for (Buffered b : batch) {
            messages.add(b.message());
        }
        try {
            output.component().writeBatch(messages);
            metrics.outputSent.addAndGet(messages.size());
            metrics.outputBatchSent.incrementAndGet();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Failed to send {} message(s) to {}: interrupted", messages.size(), output.type());
        } catch (Exception e) {
            LOG.error("Failed to send {} message(s) to {}: {}", messages.size(), output.type(), describe(e));
            if (LOG.isDebugEnabled()) {
                LOG.debug("output failure", e);
            }
        }
        metrics.outputError.incrementAndGet();
        return false;
    }

    private void finish(Transaction t, boolean delivered) {
        Delivery d = t.delivery;
        if (delivered) {
            d.finish(true);
            return;
        }
        if (d.originals == null || stopping) {
            if (stopping && d.originals != null) {
                LOG.error("Dropping {} undelivered message(s) from {} at shutdown", d.originals.size(), input.type());
            }
            d.finish(false);
            return;
        }
        // auto_replay_nacks: the same messages go through the pipeline again after a back-off.
        long delayMillis = Math.min(1000, 1L << Math.min(10, d.attempts));
        d.attempts++;
        metrics.replayed.incrementAndGet();
        try {
            replays.schedule(() -> {
                synchronized (intake) {
                    if (stopping) {
                        LOG.error("Dropping {} undelivered message(s) from {} at shutdown", d.originals.size(), input.type());
                        d.finish(false);
                    } else {
                        submit(d, copies(d.originals));
                    }
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            d.finish(false);
        }
    }
}
