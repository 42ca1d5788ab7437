package org.btcnode.core.wire;

/**
 * A payload that does not decode. Peers can trigger it at will, so it is unchecked and carries no
 * stack trace (cheap to throw); callers branch on {@link #kind()}, never on the message text.
 */
public final class WireFormatException extends RuntimeException {
    /** Why the bytes were refused. */
    public enum Kind {
        /** The payload ended before a field was complete. */
        TRUNCATED,
        /** A CompactSize (or other field) used a longer encoding than the minimal one. */
        NON_CANONICAL,
        /** A count or length is over the limit Core enforces for that field. */
        LIMIT_EXCEEDED,
        /** A field holds a value that is not allowed (wrong address length, bad flag, …). */
        INVALID_VALUE
    }

    private final Kind kind;

    public WireFormatException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "WireFormatException(" + kind + "): " + getMessage();
    }
}
