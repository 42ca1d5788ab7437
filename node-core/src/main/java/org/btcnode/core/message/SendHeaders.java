package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * sendheaders: asks for new blocks to be announced with headers instead of inv (BIP 130). No
 * payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record SendHeaders() implements Message {
    public static final WireCodec<SendHeaders> CODEC = WireCodec.of(SendHeaders::read, SendHeaders::write);

    static SendHeaders read(WireReader in) {
        return new SendHeaders();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.SENDHEADERS;
    }
}
