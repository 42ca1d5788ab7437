package org.btcnode.core.message;

/**
 * A P2P protocol version (Core's node/protocol_version.h) as a type, not a bare int. Compared as
 * signed ints, as Core compares {@code nVersion}. Immutable.
 */
public record ProtocolVersion(int value) implements Comparable<ProtocolVersion> {
    /** The version this node speaks: wtxidrelay (BIP 339). */
    public static final ProtocolVersion PROTOCOL_VERSION = new ProtocolVersion(70016);
    /** Initial protocol version, used until the version handshake is done. */
    public static final ProtocolVersion INIT_PROTO_VERSION = new ProtocolVersion(209);
    /** Disconnect from peers older than this. */
    public static final ProtocolVersion MIN_PEER_PROTO_VERSION = new ProtocolVersion(31800);
    /** BIP 31: ping carries a nonce, pong exists (from versions above this). */
    public static final ProtocolVersion BIP0031_VERSION = new ProtocolVersion(60000);
    /** BIP 130: sendheaders. */
    public static final ProtocolVersion SENDHEADERS_VERSION = new ProtocolVersion(70012);
    /** BIP 133: feefilter. */
    public static final ProtocolVersion FEEFILTER_VERSION = new ProtocolVersion(70013);
    /** BIP 152: compact blocks (short ids). */
    public static final ProtocolVersion SHORT_IDS_BLOCKS_VERSION = new ProtocolVersion(70014);
    /** Invalid compact blocks are not punished from this version on. */
    public static final ProtocolVersion INVALID_CB_NO_BAN_VERSION = new ProtocolVersion(70015);
    /** BIP 339: wtxidrelay. */
    public static final ProtocolVersion WTXID_RELAY_VERSION = new ProtocolVersion(70016);

    public boolean isAtLeast(ProtocolVersion other) {
        return value >= other.value;
    }

    @Override
    public int compareTo(ProtocolVersion o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
