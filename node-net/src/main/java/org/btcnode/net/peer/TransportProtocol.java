package org.btcnode.net.peer;

/** The transport a connection speaks, as getpeerinfo's {@code transport_protocol_type}. Immutable. */
public enum TransportProtocol {
    /** Inbound with BIP324 enabled, before the first bytes told v1 from v2. */
    DETECTING("detecting"),
    /** Plaintext v1 framing (magic, command, length, checksum). */
    V1("v1"),
    /** BIP324 encrypted transport. */
    V2("v2");

    private final String rpcName;

    TransportProtocol(String rpcName) {
        this.rpcName = rpcName;
    }

    /** The value getpeerinfo prints. */
    public String rpcName() {
        return rpcName;
    }
}
