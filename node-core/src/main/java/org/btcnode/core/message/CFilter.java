package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * cfilter: the compact filter of one block (BIP 157/158), in answer to getcfilters. The filter
 * is bounded only by the payload limit. Immutable.
 */
public record CFilter(int filterType, Hash256 blockHash, Bytes filter) implements Message {
    public static final WireCodec<CFilter> CODEC = WireCodec.of(CFilter::read, CFilter::write);

    public CFilter {
        BlockFilterType.check(filterType);
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(filter, "filter");
    }

    static CFilter read(WireReader in) {
        return new CFilter(in.readUint8(), Hash256.read(in), Bytes.read(in, Integer.MAX_VALUE));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        blockHash.write(out);
        filter.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.CFILTER;
    }
}
