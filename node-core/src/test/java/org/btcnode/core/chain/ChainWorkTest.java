package org.btcnode.core.chain;

import java.math.BigInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.CompactTarget;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChainWorkTest {
    @Test
    void difficultyOneIsCoresGenesisWork() {
        // chain.cpp GetBlockProof(0x1d00ffff) = 0x100010001, the chainwork Core shows for block 0.
        assertThat(ChainWork.ofBits(0x1d00ffffL).value()).isEqualTo(BigInteger.valueOf(0x100010001L));
        assertThat(ChainWork.ofBits(0x1d00ffffL)).hasToString("0".repeat(55) + "100010001");
        // Regtest's 0x207fffff: 2^256 / (0x7fffff * 2^232 + 1) = 2.
        assertThat(ChainWork.ofBits(0x207fffffL).value()).isEqualTo(BigInteger.TWO);
        assertThat(ChainWork.ofBits(0).value()).isZero();
        assertThat(ChainWork.ofBits(0x04923456L).value()).isZero();  // negative
        assertThat(ChainWork.ofBits(0xff123456L).value()).isZero();  // overflow
    }

    @Test
    void refusesValuesOutsideUint256() {
        assertThatThrownBy(() -> new ChainWork(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChainWork(BigInteger.ONE.shiftLeft(256))).isInstanceOf(IllegalArgumentException.class);
    }

    /** ChainWork.ofBits is the header's own work (BlockHeader.work) for any bits. */
    @Property
    void ofBitsEqualsHeaderWork(@ForAll @LongRange(min = 0, max = 0xffffffffL) long bits) {
        BlockHeader h = new BlockHeader(1, Hash256.ZERO, Hash256.ZERO, 0, bits, 0);
        assertThat(ChainWork.ofBits(bits).value()).isEqualTo(h.work());
    }

    @Property
    void bytesRoundTrip(@ForAll @LongRange(min = 0x17000000L, max = 0x207fffffL) long bits,
            @ForAll @LongRange(min = 1, max = 1_000_000) long blocks) {
        ChainWork w = new ChainWork(ChainWork.ofBits(bits).value().multiply(BigInteger.valueOf(blocks)));
        byte[] bytes = w.toBytes();
        assertThat(bytes).hasSize(ChainWork.SIZE);
        assertThat(ChainWork.fromBytes(bytes, 0)).isEqualTo(w);
        assertThat(new BigInteger(w.toString(), 16)).isEqualTo(w.value());
    }

    /** A compact target that is already normal survives decode/encode; its work falls as the target rises. */
    @Property
    void compactTargetRoundTripsAndWorkIsMonotonic(@ForAll @LongRange(min = 0x03000001L, max = 0x1d00ffffL) long bits) {
        CompactTarget t = CompactTarget.decode(bits);
        if (!t.isUsable()) {
            return;
        }
        long normal = CompactTarget.encode(t.value());
        assertThat(CompactTarget.decode(normal).value()).isEqualTo(t.value());
        assertThat(CompactTarget.encode(CompactTarget.decode(normal).value())).isEqualTo(normal);
        BigInteger easier = t.value().shiftLeft(1);
        assertThat(ChainWork.ofBits(CompactTarget.encode(easier))).isLessThanOrEqualTo(ChainWork.ofBits(normal));
    }
}
