package org.btcnode.net.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.HexFormat;
import java.util.Objects;

import org.btcnode.net.peer.TransportProtocol;

/**
 * What the framing layer of one channel has learned, for node logic to read from its own thread:
 * the protocol (getpeerinfo's {@code transport_protocol_type}), the BIP 324 session id once the
 * peer's version packet has authenticated, and whether an outbound v2 attempt should be retried
 * over v1 (Core's {@code V2Transport::ShouldReconnectV1}). Written only by the channel's event loop,
 * read by any thread: fields are volatile. Lives in a channel attribute.
 */
public final class TransportState {
    static final AttributeKey<TransportState> KEY = AttributeKey.valueOf("btcnode.transportState");

    private volatile TransportProtocol protocol;
    private volatile String sessionId = "";
    private volatile boolean reconnectV1;

    TransportState(TransportProtocol initial) {
        this.protocol = Objects.requireNonNull(initial, "initial");
    }

    /** The state of {@code channel}, V1 if no framer registered one (a plain v1 pipeline). */
    static TransportState of(Channel channel) {
        TransportState state = channel.attr(KEY).get();
        return state != null ? state : V1_ONLY;
    }

    private static final TransportState V1_ONLY = new TransportState(TransportProtocol.V1);

    public TransportProtocol protocol() {
        return protocol;
    }

    /** Hex of the 32-byte session id (Core's HexStr, byte order as derived), "" unless v2 is up. */
    public String sessionId() {
        return sessionId;
    }

    /** True once an outbound v2 attempt closed having sent a v1 header's worth and received nothing. */
    public boolean shouldReconnectV1() {
        return reconnectV1;
    }

    void v1() {
        protocol = TransportProtocol.V1;
    }

    void v2(byte[] session) {
        sessionId = HexFormat.of().formatHex(session);
        protocol = TransportProtocol.V2;
    }

    void reconnectV1(boolean value) {
        reconnectV1 = value;
    }
}
