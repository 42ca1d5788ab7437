package org.btcnode.core.message;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getblocks: asks for an inv of up to 500 block hashes after the first locator hash the peer
 * shares, up to {@code hashStop}. The version field is Core's unused {@code CBlockLocator} version
 * (it writes {@code DUMMY_VERSION}). At most {@link #MAX_LOCATOR_SZ} locator hashes. Immutable.
 */
public record GetBlocks(int version, List<Hash256> locator, Hash256 hashStop) implements Message {
    public static final WireCodec<GetBlocks> CODEC = WireCodec.of(GetBlocks::read, GetBlocks::write);
    /** net_processing.cpp: the most hashes a locator may carry (one constant for both locator messages). */
    public static final int MAX_LOCATOR_SZ = GetHeaders.MAX_LOCATOR_SZ;

    public GetBlocks {
        locator = List.copyOf(locator);
        Objects.requireNonNull(hashStop, "hashStop");
        if (locator.size() > MAX_LOCATOR_SZ) {
            throw new IllegalArgumentException("locator of " + locator.size() + " hashes, over " + MAX_LOCATOR_SZ);
        }
    }

    static GetBlocks read(WireReader in) {   // readList checks the count before allocating
        return new GetBlocks(in.readInt32(), in.readList(MAX_LOCATOR_SZ, Hash256.LENGTH, Hash256::read),
                Hash256.read(in));
    }

    void write(WireWriter out) {       // same fields, same order as read()
        out.writeInt32(version);
        out.writeList(locator, Hash256::write);
        hashStop.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.GETBLOCKS;
    }
}
