package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getaddr: asks for addresses of other nodes, answered with addr or addrv2. No payload; extra bytes
 * are ignored, as Core ignores them. Immutable.
 */
public record GetAddr() implements Message {
    public static final WireCodec<GetAddr> CODEC = WireCodec.of(GetAddr::read, GetAddr::write);

    static GetAddr read(WireReader in) {
        return new GetAddr();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.GETADDR;
    }
}
