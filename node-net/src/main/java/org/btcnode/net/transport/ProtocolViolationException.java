package org.btcnode.net.transport;

import java.util.Objects;

/**
 * node-net's one exception: a peer broke a protocol rule. Callers branch on {@link #violation()}
 * (and its {@link Outcome}), never on the text. Unchecked and without a stack trace, because a
 * peer can make us build one at will. Immutable.
 */
public final class ProtocolViolationException extends RuntimeException {

    private final Violation violation;

    public ProtocolViolationException(Violation violation, String detail) {
        super(violation + ": " + detail, null, false, false);
        this.violation = Objects.requireNonNull(violation, "violation");
    }

    public Violation violation() {
        return violation;
    }

    public Outcome outcome() {
        return violation.outcome();
    }
}
