package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * verack: acknowledges the peer's version; the handshake is done when both sides have sent one. No
 * payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record Verack() implements Message {
    public static final WireCodec<Verack> CODEC = WireCodec.of(Verack::read, Verack::write);

    static Verack read(WireReader in) {
        return new Verack();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.VERACK;
    }
}
