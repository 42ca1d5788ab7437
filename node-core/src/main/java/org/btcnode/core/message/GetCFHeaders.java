package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getcfheaders: asks for the filter hashes of the blocks from {@code startHeight} to {@code
 * stopHash}, and the filter header before them (BIP 157). The range limit ({@code
 * MAX_GETCFHEADERS_SIZE}) is node logic. Immutable.
 */
public record GetCFHeaders(int filterType, long startHeight, Hash256 stopHash) implements Message {
    public static final WireCodec<GetCFHeaders> CODEC = WireCodec.of(GetCFHeaders::read, GetCFHeaders::write);
    /** net_processing.cpp: the most filter hashes one getcfheaders may ask for. */
    public static final int MAX_GETCFHEADERS_SIZE = 2000;

    public GetCFHeaders {
        BlockFilterType.check(filterType);
        BlockFilterType.checkHeight(startHeight);
        Objects.requireNonNull(stopHash, "stopHash");
    }

    static GetCFHeaders read(WireReader in) {
        return new GetCFHeaders(in.readUint8(), in.readUint32(), Hash256.read(in));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        out.writeUint32(startHeight);
        stopHash.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.GETCFHEADERS;
    }
}
