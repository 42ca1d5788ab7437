package org.btcnode.crypto.hash;

/**
 * The four SipHash state words and their round, compression and finalization steps, after Core's
 * {@code SipHashState} (crypto/siphash.h); the building block of {@link SipHasher} and
 * {@link SipHasher13UJ}. Mutable, allocation-free, one thread at a time.
 */
final class SipState {
    private long v0;
    private long v1;
    private long v2;
    private long v3;

    SipState(long k0, long k1) {
        v0 = SipHash.C0 ^ k0;
        v1 = SipHash.C1 ^ k1;
        v2 = SipHash.C2 ^ k0;
        v3 = SipHash.C3 ^ k1;
    }

    private void round() {
        v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
        v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
    }

    /** One 8-byte block with {@code rounds} SipRounds (2 for SipHash-2-4, 1 for SipHash-1-3). */
    void compress(long m, int rounds) {
        v3 ^= m;
        for (int r = 0; r < rounds; r++) {
            round();
        }
        v0 ^= m;
    }

    /**
     * One 32-byte jumbo block of little-endian words d0..d3 with one SipRound (siphash.h
     * {@code Compress1Jumbo}): (v0,v1,v2,v3) ^= (d1,d2,d3,d0) before the round and ^= (d0,d1,d2,d3)
     * after it, so d1 = d2 = d3 = 0 is a normal block d0.
     */
    void compressJumbo(long d0, long d1, long d2, long d3) {
        v3 ^= d0;
        v0 ^= d1;
        v1 ^= d2;
        v2 ^= d3;
        round();
        v0 ^= d0;
        v1 ^= d1;
        v2 ^= d2;
        v3 ^= d3;
    }

    /**
     * v2 ^= {@code finalizer}, {@code rounds} SipRounds, and v0 ^ v1 ^ v2 ^ v3. Spends this state: the
     * hashers finish a scratch copy, so that Core's {@code Finalize() const} leaves theirs untouched.
     */
    long finish(long finalizer, int rounds) {
        v2 ^= finalizer;
        for (int r = 0; r < rounds; r++) {
            round();
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /** Makes this state a copy of {@code other} (Core's {@code Copy()}, into a preallocated scratch). */
    SipState copyFrom(SipState other) {
        v0 = other.v0;
        v1 = other.v1;
        v2 = other.v2;
        v3 = other.v3;
        return this;
    }
}
