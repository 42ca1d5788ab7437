package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * filterclear: removes the peer's bloom filter (BIP 37); decoded so that it can be refused. No
 * payload; extra bytes are ignored, as Core ignores them. Immutable.
 */
public record FilterClear() implements Message {
    public static final WireCodec<FilterClear> CODEC = WireCodec.of(FilterClear::read, FilterClear::write);

    static FilterClear read(WireReader in) {
        return new FilterClear();
    }

    void write(WireWriter out) {
        // no payload
    }

    @Override
    public MessageType type() {
        return MessageType.FILTERCLEAR;
    }
}
