package org.btcnode.core.types;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.btcnode.core.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlockHeaderTest {
    private static final BigInteger MAIN_POW_LIMIT =
            new BigInteger("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff", 16);
    /** Mainnet genesis header as on the wire (version 1, zero prev, merkle 4a5e1e…, time, 0x1d00ffff, nonce). */
    private static final String MAIN_GENESIS_HEADER = "01000000" + "00".repeat(32)
            + "3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a"
            + "29ab5f49" + "ffff001d" + "1dac2b7c";

    private static BlockHeader header413567() {
        byte[] raw = BlockTest.block413567();
        return BlockHeader.CODEC.decode(Arrays.copyOf(raw, BlockHeader.SIZE));
    }

    @Test
    void decodesTheMainnetGenesisHeader() {
        byte[] bytes = HexFormat.of().parseHex(MAIN_GENESIS_HEADER);
        BlockHeader h = BlockHeader.CODEC.decodeExactly(bytes);
        assertThat(h.hash()).hasToString("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f");
        assertThat(h.merkleRoot()).hasToString("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
        assertThat(h.time()).isEqualTo(1231006505L);
        assertThat(h.bits()).isEqualTo(0x1d00ffffL);
        assertThat(h.nonce()).isEqualTo(2083236893L);
        assertThat(BlockHeader.CODEC.encode(h)).isEqualTo(bytes);
        // The same header built in code hashes the same.
        BlockHeader built = new BlockHeader(1, Hash256.ZERO, h.merkleRoot(), h.time(), h.bits(), h.nonce());
        assertThat(built).isEqualTo(h);
        assertThat(built.hash()).isEqualTo(h.hash());
    }

    @Test
    void proofOfWorkHoldsForRealHeadersAndFailsForATamperedNonce() {
        BlockHeader genesis = BlockHeader.CODEC.decode(HexFormat.of().parseHex(MAIN_GENESIS_HEADER));
        BlockHeader b413567 = header413567();
        for (BlockHeader h : new BlockHeader[] {genesis, b413567}) {
            assertThat(h.checkProofOfWork(MAIN_POW_LIMIT)).as(h.toString()).isTrue();
            assertThat(h.withNonce((h.nonce() + 1) & 0xffffffffL).checkProofOfWork(MAIN_POW_LIMIT)).isFalse();
        }
    }

    @Test
    void proofOfWorkRefusesBadTargetsAsCore() {
        BlockHeader genesis = BlockHeader.CODEC.decode(HexFormat.of().parseHex(MAIN_GENESIS_HEADER));
        // Above powLimit: regtest's easiest target is too easy for mainnet.
        BlockHeader easy = new BlockHeader(1, Hash256.ZERO, genesis.merkleRoot(), genesis.time(), 0x207fffffL, 0);
        assertThat(easy.checkProofOfWork(MAIN_POW_LIMIT)).isFalse();
        for (long bits : new long[] {0x00000000L, 0x04923456L, 0xff123456L}) { // zero, negative, overflow
            BlockHeader h = new BlockHeader(1, Hash256.ZERO, genesis.merkleRoot(), genesis.time(), bits, 0);
            assertThat(h.checkProofOfWork(MAIN_POW_LIMIT)).as(Long.toHexString(bits)).isFalse();
            assertThat(h.work()).isZero();
        }
    }

    @Test
    void workIsCoresGetBlockProof() {
        BlockHeader genesis = BlockHeader.CODEC.decode(HexFormat.of().parseHex(MAIN_GENESIS_HEADER));
        // Difficulty 1: 2^256 / (0xffff × 2^208 + 1) = 0x100010001 (the chainwork of the genesis block).
        assertThat(genesis.work()).isEqualTo(BigInteger.valueOf(0x100010001L));
        // Block 413567, bits 0x18053fd6 (mainnet, difficulty ≈ 213 billion): work ≈ difficulty × 2^32.
        BlockHeader h = header413567();
        BigInteger target = h.target().value();
        assertThat(h.work()).isEqualTo(BigInteger.ONE.shiftLeft(256).divide(target.add(BigInteger.ONE)));
        assertThat(h.work()).isGreaterThan(genesis.work().multiply(BigInteger.valueOf(100_000_000_000L)));
    }

    @Property
    void decodeOfEncodeIsIdentity(@ForAll("headers") BlockHeader header) {
        byte[] bytes = BlockHeader.CODEC.encode(header);
        assertThat(bytes).hasSize(BlockHeader.SIZE);
        BlockHeader decoded = BlockHeader.CODEC.decodeExactly(bytes);
        assertThat(decoded).isEqualTo(header);
        assertThat(decoded.hash()).isEqualTo(header.hash()).isEqualTo(Hash256.hashTwice(bytes));
    }

    @Property(tries = 100)
    void everyPrefixIsTruncated(@ForAll("headers") BlockHeader header) {
        byte[] bytes = BlockHeader.CODEC.encode(header);
        for (int cut = 0; cut < bytes.length; cut++) {
            byte[] prefix = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> BlockHeader.CODEC.decode(prefix))
                    .isInstanceOfSatisfying(WireFormatException.class,
                            e -> assertThat(e.kind()).isEqualTo(WireFormatException.Kind.TRUNCATED));
        }
    }

    @Provide
    static Arbitrary<BlockHeader> headers() {
        return Combinators.combine(Arbitraries.integers(), TransactionTest.hashes(), TransactionTest.hashes(),
                        TransactionTest.uint32(), TransactionTest.uint32(), TransactionTest.uint32())
                .as(BlockHeader::new);
    }
}
