package org.btcnode.daemon.cli;

/**
 * Why a btcnode-cli call failed: printed as "error: " + message, exit code 1, as bitcoin-cli's
 * {@code std::runtime_error}. {@link Kind#CONNECTION_FAILED} is bitcoin-cli's
 * {@code CConnectionFailed}, the one {@code -rpcwait} retries. No stack trace.
 */
final class CliException extends Exception {
    /** What went wrong. */
    enum Kind {
        /** No HTTP answer (refused, reset, timed out) or the server is warming up: -rpcwait tries again. */
        CONNECTION_FAILED,
        /** Anything else: bad option values, authorization, an unparsable reply. */
        ERROR
    }

    private final Kind kind;

    CliException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    static CliException error(String message) {
        return new CliException(Kind.ERROR, message);
    }

    Kind kind() {
        return kind;
    }
}
