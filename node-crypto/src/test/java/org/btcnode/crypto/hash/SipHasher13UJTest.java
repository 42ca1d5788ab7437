package org.btcnode.crypto.hash;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SipHasher13UJTest {
    private static final List<SipVectors> VECTORS = SipVectors.all();

    /** An 8-byte piece is a normal block (its little-endian value), a 32-byte piece a jumbo block. */
    private static SipHasher13UJ write(SipHasher13UJ hasher, byte[] piece) {
        if (piece.length == 8) {
            return hasher.write(LittleEndian.getLong(piece, 0));
        }
        assertThat(piece).hasSize(32);
        return hasher.writeJumbo(piece);
    }

    @Test
    void hashesEverySiphash13ujVectorOfSiphashJson() {
        int rows = 0;
        for (SipVectors v : VECTORS) {
            if (v.siphash13uj() == null) {
                // only rows made of 8- and 32-byte pieces define the block-oriented variant
                assertThat(v.pieces()).as(v.toString()).anyMatch(p -> p.length != 8 && p.length != 32);
                continue;
            }
            SipHasher13UJ hasher = new SipHasher13UJ(v.k0(), v.k1());
            v.pieces().forEach(p -> write(hasher, p));
            assertThat(hasher.finalizeHash()).as(v.toString()).isEqualTo(v.siphash13uj().longValue());
            assertThat(hasher.finalizeHash()).as("finalizing leaves the state").isEqualTo(v.siphash13uj().longValue());
            rows++;
        }
        assertThat(rows).isEqualTo(64);
    }

    @Test
    void presaltedHashPathsMatchTheRowsEndingInAJumboBlock() {
        int hashRows = 0;
        int extraRows = 0;
        for (SipVectors v : VECTORS) {
            List<byte[]> p = v.pieces();
            int n = p.size();
            if (v.siphash13uj() == null || n == 0) {
                continue;
            }
            long expected = v.siphash13uj();
            if (p.get(n - 1).length == 32) {           // Core's Hash(uint256) after the blocks before it
                SipHasher13UJ hasher = new SipHasher13UJ(v.k0(), v.k1());
                p.subList(0, n - 1).forEach(piece -> write(hasher, piece));
                long before = hasher.finalizeHash();
                assertThat(hasher.hash(p.get(n - 1))).as(v.toString()).isEqualTo(expected);
                byte[] shifted = new byte[34];
                System.arraycopy(p.get(n - 1), 0, shifted, 2, 32);
                assertThat(hasher.hashAt(shifted, 2)).isEqualTo(expected);
                assertThat(hasher.finalizeHash()).as("hash() leaves the state").isEqualTo(before);
                hashRows++;
            } else if (n >= 2 && p.get(n - 2).length == 32 && p.get(n - 1).length == 8) {
                // Core's Hash(uint256, uint64_t extra): an outpoint's txid and index
                SipHasher13UJ hasher = new SipHasher13UJ(v.k0(), v.k1());
                p.subList(0, n - 2).forEach(piece -> write(hasher, piece));
                long before = hasher.finalizeHash();
                long extra = LittleEndian.getLong(p.get(n - 1), 0);
                assertThat(hasher.hash(p.get(n - 2), extra)).as(v.toString()).isEqualTo(expected);
                byte[] shifted = new byte[32 + 7];
                System.arraycopy(p.get(n - 2), 0, shifted, 7, 32);
                assertThat(hasher.hashAt(shifted, 7, extra)).isEqualTo(expected);
                assertThat(hasher.finalizeHash()).as("hash() leaves the state").isEqualTo(before);
                extraRows++;
            }
        }
        assertThat(hashRows).isGreaterThanOrEqualTo(13);
        assertThat(extraRows).isGreaterThanOrEqualTo(11);
    }

    @Test
    void refusesJumboBlocksThatAreNot32Bytes() {
        SipHasher13UJ hasher = new SipHasher13UJ(0, 0);
        assertThatThrownBy(() -> hasher.writeJumbo(new byte[8])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hash(new byte[31], 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hasher.hashAt(new byte[32], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Property
    void aJumboBlockWithZeroUpperWordsIsANormalBlock(@ForAll long k0, @ForAll long k1, @ForAll long d0,
            @ForAll @Size(value = 8) byte[] first) {
        // siphash.h: "if d1..d3=0, it is identical to processing a normal block d0"
        byte[] jumbo = new byte[32];
        for (int i = 0; i < 8; i++) {
            jumbo[i] = (byte) (d0 >>> (8 * i));
        }
        long prefix = LittleEndian.getLong(first, 0);
        long normal = new SipHasher13UJ(k0, k1).write(prefix).write(d0).finalizeHash();
        assertThat(new SipHasher13UJ(k0, k1).write(prefix).writeJumbo(jumbo).finalizeHash()).isEqualTo(normal);
        assertThat(new SipHasher13UJ(k0, k1).write(prefix).hash(jumbo)).isEqualTo(normal);
    }

    @Property
    void hashEqualsWritingTheSameBlocks(@ForAll long k0, @ForAll long k1, @ForAll @Size(value = 32) byte[] val,
            @ForAll long extra) {
        SipHasher13UJ presalted = new SipHasher13UJ(k0, k1);
        assertThat(presalted.hash(val)).isEqualTo(new SipHasher13UJ(k0, k1).writeJumbo(val).finalizeHash());
        assertThat(presalted.hash(val, extra))
                .isEqualTo(new SipHasher13UJ(k0, k1).writeJumbo(val).write(extra).finalizeHash());
        assertThat(presalted.finalizeHash()).isEqualTo(new SipHasher13UJ(k0, k1).finalizeHash());
    }
}
