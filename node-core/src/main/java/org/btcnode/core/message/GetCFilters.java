package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getcfilters: asks for the compact filters of the blocks from {@code startHeight} to {@code
 * stopHash} (BIP 157). The range limit ({@code MAX_GETCFILTERS_SIZE}) is node logic. Immutable.
 */
public record GetCFilters(int filterType, long startHeight, Hash256 stopHash) implements Message {
    public static final WireCodec<GetCFilters> CODEC = WireCodec.of(GetCFilters::read, GetCFilters::write);
    /** net_processing.cpp: the most filters one getcfilters may ask for. */
    public static final int MAX_GETCFILTERS_SIZE = 1000;

    public GetCFilters {
        BlockFilterType.check(filterType);
        BlockFilterType.checkHeight(startHeight);
        Objects.requireNonNull(stopHash, "stopHash");
    }

    static GetCFilters read(WireReader in) {
        return new GetCFilters(in.readUint8(), in.readUint32(), Hash256.read(in));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        out.writeUint32(startHeight);
        stopHash.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.GETCFILTERS;
    }
}
