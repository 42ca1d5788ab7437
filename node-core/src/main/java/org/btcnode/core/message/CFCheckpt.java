package org.btcnode.core.message;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * cfcheckpt: the filter headers at every 1,000th block up to {@code stopHash} (BIP 157). The
 * count grows with the chain, so it is bounded only by the bytes present. Immutable.
 */
public record CFCheckpt(int filterType, Hash256 stopHash, List<Hash256> filterHeaders) implements Message {
    public static final WireCodec<CFCheckpt> CODEC = WireCodec.of(CFCheckpt::read, CFCheckpt::write);

    public CFCheckpt {
        BlockFilterType.check(filterType);
        Objects.requireNonNull(stopHash, "stopHash");
        filterHeaders = List.copyOf(filterHeaders);
    }

    static CFCheckpt read(WireReader in) {
        return new CFCheckpt(in.readUint8(), Hash256.read(in),
                in.readList((int) WireReader.MAX_SIZE, Hash256.LENGTH, Hash256::read));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        stopHash.write(out);
        out.writeList(filterHeaders, Hash256::write);
    }

    @Override
    public MessageType type() {
        return MessageType.CFCHECKPT;
    }
}
