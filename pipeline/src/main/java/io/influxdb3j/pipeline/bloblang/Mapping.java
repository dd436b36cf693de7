package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.bloblang.Node.Statement;
import java.util.List;
import java.util.Map;

/**
 * A parsed Bloblang mapping; immutable and safe to run from several threads at once (each run has its own
 * state; only {@code counter()} occurrences share theirs, atomically).
 */
public final class Mapping {
    private static final Message EMPTY = new Message(new byte[0]);
    private final List<Statement> statements;
    private final String text;

    private Mapping(String text, List<Statement> statements) {
        this.text = text;
        this.statements = statements;
    }

    /** Parses {@code text}; a {@link BloblangException} names the line and column of the first error. */
    public static Mapping parse(String text) {
        return new Mapping(text, Parser.parseMapping(text));
    }

    public String text() {
        return text;
    }

    /** What a run produced: the root (possibly {@link Values#DELETED} or {@link Values#NOTHING}) and the metadata. */
    public record Result(Object root, Map<String, Object> metadata) {
        public boolean deleted() {
            return root == Values.DELETED;
        }
    }

    /**
     * Runs the mapping over {@code input} ({@code null} for none, as the {@code generate} input does). In a mapping
     * root starts as nothing; in a mutation it starts as the input document. Throws {@link BloblangException} naming
     * the failing line.
     */
    public Result run(Message input, boolean mutation) {
        return run(input, 0, 1, mutation);
    }

    public Result run(Message input, int batchIndex, int batchSize, boolean mutation) {
        Ctx c = new Ctx(input == null ? EMPTY : input, batchIndex, batchSize, mutation);
        Evaluator.execute(statements, c);
        Object root = c.root == Ctx.UNREAD_INPUT ? Values.NOTHING : c.root;
        return new Result(root, c.meta);
    }

    /**
     * The message a {@code mapping} (or {@code mutation}) processor makes of {@code input}: null when the root was
     * deleted; the input's content when the root was never assigned; otherwise the root as raw text or JSON. The
     * metadata is the input's with the mapping's changes; the error flag is kept.
     */
    public Message apply(Message input, int batchIndex, int batchSize, boolean mutation) {
        Result r = run(input, batchIndex, batchSize, mutation);
        if (r.deleted()) {
            return null;
        }
        boolean unchanged = r.root() == Values.NOTHING;
        Message out = new Message(unchanged ? input.content() : Values.toBytes(r.root()), r.metadata());
        out.setError(input.error());
        if (unchanged) {
            out.setCarried(input.carried());
        }
        return out;
    }

    /** Runs the mapping as a query and returns its root value (null when nothing was assigned). */
    public Object query(Message input) {
        Object root = run(input, false).root();
        return root == Values.NOTHING ? null : root;
    }
}
