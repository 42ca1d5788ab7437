package org.btcnode.core.message;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * cfheaders: the filter hashes of a range of blocks ending at {@code stopHash}, and the filter
 * header before the first (BIP 157), in answer to getcfheaders. At most {@link
 * GetCFHeaders#MAX_GETCFHEADERS_SIZE} hashes, as many as a getcfheaders may ask for. Immutable.
 */
public record CFHeaders(int filterType, Hash256 stopHash, Hash256 previousFilterHeader, List<Hash256> filterHashes)
        implements Message {
    public static final WireCodec<CFHeaders> CODEC = WireCodec.of(CFHeaders::read, CFHeaders::write);

    public CFHeaders {
        BlockFilterType.check(filterType);
        Objects.requireNonNull(stopHash, "stopHash");
        Objects.requireNonNull(previousFilterHeader, "previousFilterHeader");
        filterHashes = List.copyOf(filterHashes);
        if (filterHashes.size() > GetCFHeaders.MAX_GETCFHEADERS_SIZE) {
            throw new IllegalArgumentException("cfheaders with " + filterHashes.size() + " hashes, over "
                    + GetCFHeaders.MAX_GETCFHEADERS_SIZE);
        }
    }

    static CFHeaders read(WireReader in) {
        return new CFHeaders(in.readUint8(), Hash256.read(in), Hash256.read(in),
                in.readList(GetCFHeaders.MAX_GETCFHEADERS_SIZE, Hash256.LENGTH, Hash256::read));
    }

    void write(WireWriter out) {
        out.writeUint8(filterType);
        stopHash.write(out);
        previousFilterHeader.write(out);
        out.writeList(filterHashes, Hash256::write);
    }

    @Override
    public MessageType type() {
        return MessageType.CFHEADERS;
    }
}
