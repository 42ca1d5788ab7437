package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * mempool: asks for the txids in the peer's mempool (BIP 35); Core serves it only to bloom peers.
 * No payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record Mempool() implements Message {
    public static final WireCodec<Mempool> CODEC = WireCodec.of(Mempool::read, Mempool::write);

    static Mempool read(WireReader in) {
        return new Mempool();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.MEMPOOL;
    }
}
