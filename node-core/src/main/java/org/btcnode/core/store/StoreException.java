package org.btcnode.core.store;

/**
 * A storage failure, in terms an operator can act on (STYLE.md §6). The message names the path and
 * the way out; callers branch on {@link #kind()}. Unchecked: node logic cannot recover from a
 * failing disk mid-task, the daemon turns it into one "Error: …" line and a clean stop.
 */
public final class StoreException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** The disk or the OS refused (full disk, permissions, I/O error). */
        IO,
        /** The stored bytes are not what we wrote (checksum mismatch, undecodable record). */
        CORRUPT,
        /** The database was written by a newer (or unknown) schema version. */
        UNKNOWN_SCHEMA
    }

    private final Kind kind;

    public StoreException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
