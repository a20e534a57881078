package io.chainplay.connectors.solana.client.decode;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Event data that does not follow its IDL layout, with the reason and where it went wrong.
 *
 * <p>The message reads like {@code TradeEvent (IDL pump@0): field shareholders[2].bps: ran out of
 * data ...}. The field path is collected while the decoder unwinds, so the happy path pays nothing
 * for it. Decoding bad data is routine (it goes to the DLQ), so no stack trace is taken.
 */
public class DecodeException extends RuntimeException {

    private final FailureKind kind;
    private final String detail;
    private final Deque<String> path = new ArrayDeque<>();
    private String context;

    public DecodeException(FailureKind kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.detail = detail;
    }

    public FailureKind kind() {
        return kind;
    }

    /** The reason without context or path. */
    public String detail() {
        return detail;
    }

    /** Prepends a field name (or {@code [i]} index) to the path; used while unwinding. */
    DecodeException inField(String name) {
        path.addFirst(name);
        return this;
    }

    DecodeException inIndex(long index) {
        path.addFirst("[" + index + "]");
        return this;
    }

    /** Sets the leading context, e.g. {@code TradeEvent (IDL pump@0)}, if none is set yet. */
    DecodeException withContext(String context) {
        if (this.context == null) {
            this.context = context;
        }
        return this;
    }

    /** The dotted field path, e.g. {@code shareholders[2].bps}; empty at top level. */
    public String path() {
        StringBuilder text = new StringBuilder();
        for (String segment : path) {
            if (text.length() > 0 && !segment.startsWith("[")) {
                text.append('.');
            }
            text.append(segment);
        }
        return text.toString();
    }

    @Override
    public String getMessage() {
        String where = path();
        return (context != null ? context + ": " : "")
                + (where.isEmpty() ? "" : "field " + where + ": ")
                + detail;
    }
}
