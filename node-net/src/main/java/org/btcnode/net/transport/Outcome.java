package org.btcnode.net.transport;

/** What the node does to a peer that broke a protocol rule, after Core; there are no scores. */
public enum Outcome {
    /** Ignore the offending message, keep the connection (Core: {@code reject_message}, logged only). */
    DROP,
    /** Close the connection (Core: the transport reports failure, the node is disconnected). */
    DISCONNECT,
    /** Disconnect and discourage the address (Core: {@code Misbehaving} → {@code m_should_discourage}). */
    DISCOURAGE
}
