package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getcfcheckpt: asks for the filter headers at every 1,000th block up to {@code stopHash}
 * (BIP 157). Immutable.
 */
public record GetCFCheckpt(int filterType, Hash256 stopHash) implements Message {
    public static final WireCodec<GetCFCheckpt> CODEC = WireCodec.of(GetCFCheckpt::read, GetCFCheckpt::write);

    public GetCFCheckpt {
        BlockFilterType.check(filterType);
        Objects.requireNonNull(stopHash, "stopHash");
    }

    static GetCFCheckpt read(WireReader in) {
        return new GetCFCheckpt(in.readUint8(), Hash256.read(in));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        stopHash.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.GETCFCHECKPT;
    }
}
