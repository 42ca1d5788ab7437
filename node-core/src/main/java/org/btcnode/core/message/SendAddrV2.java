package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * sendaddrv2: asks for addrv2 instead of addr (BIP 155); sent between version and verack. No
 * payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record SendAddrV2() implements Message {
    public static final WireCodec<SendAddrV2> CODEC = WireCodec.of(SendAddrV2::read, SendAddrV2::write);

    static SendAddrV2 read(WireReader in) {
        return new SendAddrV2();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.SENDADDRV2;
    }
}
