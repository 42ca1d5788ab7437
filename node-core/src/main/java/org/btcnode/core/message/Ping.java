package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * ping: keeps the connection alive and measures latency; the 64-bit nonce comes back in a pong
 * (BIP 31). Core reads the nonce only from peers above {@code BIP0031_VERSION}; this codec always
 * expects it, so the empty ping of a pre-2012 peer is {@code TRUNCATED} here (a deliberate
 * simplification). Immutable.
 */
public record Ping(long nonce) implements Message {
    public static final WireCodec<Ping> CODEC = WireCodec.of(Ping::read, Ping::write);

    static Ping read(WireReader in) {
        return new Ping(in.readInt64());
    }

    void write(WireWriter out) {
        out.writeInt64(nonce);
    }

    @Override
    public MessageType type() {
        return MessageType.PING;
    }
}
