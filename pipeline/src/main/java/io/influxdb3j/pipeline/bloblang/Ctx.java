package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.Message;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The state of one execution of a mapping over one message. Not shared between threads. */
final class Ctx {
    /** The root of a mutation before anything touched it: the input document, parsed on first use. */
    static final Object UNREAD_INPUT = new Object();

    final Message input;
    final int batchIndex;
    final int batchSize;
    final Map<String, Object> meta;
    final Map<String, Object> vars = new HashMap<>();
    Object root;
    private Object thisValue;
    private boolean thisParsed;

    Ctx(Message input, int batchIndex, int batchSize, boolean mutation) {
        this.input = input;
        this.batchIndex = batchIndex;
        this.batchSize = batchSize;
        this.meta = new LinkedHashMap<>(input.metadata());
        this.root = mutation ? UNREAD_INPUT : Values.NOTHING;
    }

    /** {@code this}: the input parsed as JSON, once; a failure to parse is an error of the expression using it. */
    Object thisValue() {
        if (!thisParsed) {
            byte[] content = input.content();
            if (content.length == 0) {
                throw new Evaluator.Failure("unable to reference message as structured (with 'this'): message is empty");
            }
            try {
                thisValue = Values.parseJson(content);
            } catch (IllegalArgumentException e) {
                throw new Evaluator.Failure("unable to reference message as structured (with 'this'): " + e.getMessage());
            }
            thisParsed = true;
        }
        return thisValue;
    }

    Object rootValue() {
        if (root == UNREAD_INPUT) {
            root = Values.copy(thisValue());
        }
        return root;
    }
}
