package org.btcnode.net.connman;

/** Why a connection exists, as Core's node/connection_types.h {@code ConnectionType}. Immutable. */
public enum ConnectionType {
    /** A peer connected to us; the only kind eviction may choose. */
    INBOUND,
    /** One of our automatic full-relay outbound connections. */
    OUTBOUND_FULL_RELAY,
    /** Asked for by the operator ({@code -addnode}, {@code -connect}, {@code addnode} RPC). */
    MANUAL,
    /** A short-lived outbound connection that tests an address, then disconnects. */
    FEELER,
    /** Outbound, relays blocks only (no transactions, no addresses). */
    BLOCK_RELAY,
    /** Short-lived outbound connection to ask for addresses ({@code -seednode}). */
    ADDR_FETCH
}
