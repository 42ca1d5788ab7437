package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * wtxidrelay: announces transactions by wtxid (BIP 339); sent between version and verack. No
 * payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record WtxidRelay() implements Message {
    public static final WireCodec<WtxidRelay> CODEC = WireCodec.of(WtxidRelay::read, WtxidRelay::write);

    static WtxidRelay read(WireReader in) {
        return new WtxidRelay();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.WTXIDRELAY;
    }
}
