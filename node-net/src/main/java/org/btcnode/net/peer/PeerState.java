package org.btcnode.net.peer;

/**
 * The version handshake of one peer, after Core's per-node flags ({@code nVersion == 0},
 * {@code fSuccessfullyConnected}, {@code fDisconnect}) made one enum. A peer exists from the
 * moment its transport is ready, so there is no "connecting" state here: outbound attempts that
 * have not connected yet are the connection manager's. Read and written on the node-logic thread only.
 */
public enum PeerState {
    /** Connected; their version not received yet (outbound: ours is sent). Only version is processed. */
    AWAIT_VERSION,
    /** Their version received, our verack sent; waiting for theirs. Handshake messages only. */
    AWAIT_VERACK,
    /** Handshake complete (Core's {@code fSuccessfullyConnected}): every message is processed. */
    READY,
    /** We decided to close (Core's {@code fDisconnect}); messages still arriving are ignored. */
    DISCONNECTING,
    /** The transport reported the connection closed; the peer is gone from the table. */
    CLOSED;

    /** Whether this state may be followed by {@code next}. */
    public boolean canMoveTo(PeerState next) {
        return switch (this) {
            case AWAIT_VERSION -> next == AWAIT_VERACK || next == DISCONNECTING || next == CLOSED;
            case AWAIT_VERACK -> next == READY || next == DISCONNECTING || next == CLOSED;
            case READY -> next == DISCONNECTING || next == CLOSED;
            case DISCONNECTING -> next == CLOSED;
            case CLOSED -> false;
        };
    }

    /** Whether messages from the peer are still processed (not disconnecting or closed). */
    public boolean isOpen() {
        return switch (this) {
            case AWAIT_VERSION, AWAIT_VERACK, READY -> true;
            case DISCONNECTING, CLOSED -> false;
        };
    }
}
