package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;

/**
 * filterload: installs a BIP 37 bloom filter (Core's {@code CBloomFilter}: bit field, number of
 * hash functions, tweak, update flags). Decoded so that it can be refused (this node offers no
 * NODE_BLOOM). Core's size constraints ({@code IsWithinSizeConstraints}) are checked at decode:
 * at most {@link #MAX_BLOOM_FILTER_SIZE} bytes and {@link #MAX_HASH_FUNCS} hash functions. The
 * tweak is an unsigned 32-bit value kept in an int. Immutable.
 */
public record FilterLoad(Bytes filter, int hashFuncs, int tweak, int flags) implements Message {
    public static final WireCodec<FilterLoad> CODEC = WireCodec.of(FilterLoad::read, FilterLoad::write);
    /** common/bloom.h: 20,000 items with a false-positive rate below 0.1%. */
    public static final int MAX_BLOOM_FILTER_SIZE = 36_000;
    /** common/bloom.h. */
    public static final int MAX_HASH_FUNCS = 50;
    /** common/bloom.h {@code bloomflags}: never update the filter on a match. */
    public static final int BLOOM_UPDATE_NONE = 0;
    /** Add the outpoint of every matched output. */
    public static final int BLOOM_UPDATE_ALL = 1;
    /** Add the outpoint only for pay-to-pubkey and bare multisig outputs. */
    public static final int BLOOM_UPDATE_P2PUBKEY_ONLY = 2;

    public FilterLoad {
        Objects.requireNonNull(filter, "filter");
        if (filter.size() > MAX_BLOOM_FILTER_SIZE || hashFuncs < 0 || hashFuncs > MAX_HASH_FUNCS) {
            throw new IllegalArgumentException("bloom filter of " + filter.size() + " bytes and " + hashFuncs
                    + " hash functions is over Core's limits");
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags are one byte: " + flags);
        }
    }

    static FilterLoad read(WireReader in) {
        Bytes filter = Bytes.read(in, MAX_BLOOM_FILTER_SIZE);
        long hashFuncs = in.readUint32();
        if (hashFuncs > MAX_HASH_FUNCS) {
            throw new WireFormatException(LIMIT_EXCEEDED, "bloom filter with " + hashFuncs + " hash functions, over "
                    + MAX_HASH_FUNCS);
        }
        return new FilterLoad(filter, (int) hashFuncs, in.readInt32(), in.readUint8());
    }

    void write(WireWriter out) {
        filter.write(out);
        out.writeUint32(hashFuncs);
        out.writeInt32(tweak);
        out.writeUint8(flags);
    }

    @Override
    public MessageType type() {
        return MessageType.FILTERLOAD;
    }
}
