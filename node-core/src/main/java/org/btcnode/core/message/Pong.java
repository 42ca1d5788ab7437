package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * pong: answers a ping with its nonce (BIP 31). Core logs a short pong and
 * carries on; here a short payload is {@code TRUNCATED} and node logic decides. Immutable.
 */
public record Pong(long nonce) implements Message {
    public static final WireCodec<Pong> CODEC = WireCodec.of(Pong::read, Pong::write);

    static Pong read(WireReader in) {
        return new Pong(in.readInt64());
    }

    void write(WireWriter out) {
        out.writeInt64(nonce);
    }

    @Override
    public MessageType type() {
        return MessageType.PONG;
    }
}
