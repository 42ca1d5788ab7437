package org.btcnode.daemon.config;

/**
 * An operator error that stops start-up: the message is the one line printed after "Error: " on
 * stderr and in debug.log, with Core's wording where Core has the same check. Checked, the only
 * checked exception of the project (STYLE.md §6); callers branch on {@link #kind()}, never on text.
 * Carries no stack trace: it is never printed with one.
 */
public final class ConfigException extends Exception {
    /** What is wrong. */
    public enum Kind {
        /** An unknown command-line option, a dotted one, a stray token, or {@code -includeconf} on the command line. */
        INVALID_PARAMETER,
        /** A known option with a value it does not accept (bad port, bad address, bad category, bad number). */
        BAD_VALUE,
        /** bitcoin.conf (or an included file) does not parse or cannot be read. */
        CONFIG_FILE,
        /** The data directory is missing, not a directory, or cannot be created or written. */
        DATADIR,
        /** Another process holds the data directory's {@code .lock}. */
        LOCKED,
        /** The pid file or the debug log file cannot be written. */
        FILE_WRITE,
        /** The database cannot be opened: newer schema, corrupt, or an I/O failure (the message names the path). */
        DATABASE
    }

    private final Kind kind;

    public ConfigException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "ConfigException(" + kind + "): " + getMessage();
    }
}
