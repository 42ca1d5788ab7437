package org.btcnode.crypto.hash;

import java.util.Objects;

/**
 * Core's {@code SipHasher13UJ} (crypto/siphash.h): a weaker, faster SipHash for salted hash tables,
 * not standard SipHash. SipHash-1-3 rounds (1 per block, 3 to finalize), no padding (the input is a
 * sequence of blocks, so no length byte; the empty input is allowed), a different finalizer
 * ({@code v2 ^= "unpadded"} in LE64) and "jumbo" blocks: a 32-byte hash absorbed in one round as four
 * little-endian words, which is not the same as writing its four words as normal blocks. Core keys
 * its block, txid and outpoint maps and its txindex rows with it. Allocation-free after construction;
 * mutable, for one thread; {@link #hash} leaves the hasher untouched, so one presalted instance
 * serves any number of lookups on its thread.
 */
public final class SipHasher13UJ {
    /** siphash.h: FINALIZER_UNPADDED, "unpadded" as a little-endian 64-bit word. */
    static final long FINALIZER_UNPADDED = 0x6465646461706e75L;

    private static final int JUMBO_LENGTH = 32;

    private final SipState state;
    private final SipState scratch;

    /** A SipHash-1-3-UJ keyed with the 128-bit key (k0, k1). */
    public SipHasher13UJ(long k0, long k1) {
        state = new SipState(k0, k1);
        scratch = new SipState(k0, k1);
    }

    /** Hashes one normal block, the 64-bit {@code data}. */
    public SipHasher13UJ write(long data) {
        state.compress(data, 1);
        return this;
    }

    /** Hashes the 32 bytes of {@code bytes} from {@code offset} as one jumbo block. */
    public SipHasher13UJ writeJumbo(byte[] bytes, int offset) {
        Objects.checkFromIndexSize(offset, JUMBO_LENGTH, bytes.length);
        state.compressJumbo(LittleEndian.getLong(bytes, offset), LittleEndian.getLong(bytes, offset + 8),
                LittleEndian.getLong(bytes, offset + 16), LittleEndian.getLong(bytes, offset + 24));
        return this;
    }

    /** Hashes the 32-byte {@code hash} as one jumbo block. */
    public SipHasher13UJ writeJumbo(byte[] hash) {
        SipHash.requireUint256(hash);
        return writeJumbo(hash, 0);
    }

    /** The hash of the blocks written so far (Core's {@code Finalize()}); the hasher is left as it was. */
    public long finalizeHash() {
        return scratch.copyFrom(state).finish(FINALIZER_UNPADDED, 3);
    }

    /**
     * The hash of the blocks written so far followed by the 32-byte {@code hash} as a jumbo block,
     * without changing the hasher (Core's {@code Hash(uint256)}).
     */
    public long hash(byte[] hash) {
        SipHash.requireUint256(hash);
        return hashAt(hash, 0);
    }

    /** {@link #hash(byte[])} of the 32 bytes of {@code bytes} at {@code offset}. */
    public long hashAt(byte[] bytes, int offset) {
        return jumbo(bytes, offset).finish(FINALIZER_UNPADDED, 3);
    }

    /**
     * The hash of the blocks written so far, the 32-byte {@code hash} as a jumbo block and
     * {@code extra} as a normal block, without changing the hasher (Core's
     * {@code Hash(uint256, uint64_t)}). An outpoint passes its output index unsigned:
     * {@code Integer.toUnsignedLong(n)}.
     */
    public long hash(byte[] hash, long extra) {
        SipHash.requireUint256(hash);
        return hashAt(hash, 0, extra);
    }

    /** {@link #hash(byte[], long)} of the 32 bytes of {@code bytes} at {@code offset}. */
    public long hashAt(byte[] bytes, int offset, long extra) {
        SipState s = jumbo(bytes, offset);
        s.compress(extra, 1);
        return s.finish(FINALIZER_UNPADDED, 3);
    }

    private SipState jumbo(byte[] hash, int offset) {
        Objects.checkFromIndexSize(offset, JUMBO_LENGTH, hash.length);
        SipState s = scratch.copyFrom(state);
        s.compressJumbo(LittleEndian.getLong(hash, offset), LittleEndian.getLong(hash, offset + 8),
                LittleEndian.getLong(hash, offset + 16), LittleEndian.getLong(hash, offset + 24));
        return s;
    }
}
