package org.btcnode.core.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;
import org.btcnode.crypto.hash.Sha256;
import org.junit.jupiter.api.Test;

class BlockCheckTest {
    private static final ConsensusParams MAIN = NetworkParameters.MAIN.consensus();
    private static final ConsensusParams REGTEST = NetworkParameters.REGTEST.consensus();
    private static final Block BLOCK_413567 = read413567();

    private static Block read413567() {
        try (InputStream in = BlockCheckTest.class.getResourceAsStream("/vectors/blocks/block413567.raw")) {
            return Block.CODEC.decodeExactly(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String reason(Block b, ConsensusParams params) {
        return BlockCheck.checkBlock(b, params).rejectReason();
    }

    @Test
    void mainnetBlock413567PassesBeforeAndAfterSegwit() {
        assertThat(BlockCheck.checkBlock(BLOCK_413567, MAIN, false).isValid()).isTrue();
        assertThat(BlockCheck.checkBlock(BLOCK_413567, MAIN, true).isValid()).isTrue();
        assertThat(BlockCheck.isBlockMutated(BLOCK_413567, true)).isFalse();
    }

    /**
     * For blocks that are not mutated (any change to the transactions is, as the header commits to
     * them), skipping the two trees gives what checkBlock gives: valid, or a header failure.
     */
    @Test
    void checkingANotMutatedBlockAgreesWithTheFullCheck() {
        List<Block> blocks = new ArrayList<>();
        blocks.add(BLOCK_413567);
        blocks.add(new Block(BLOCK_413567.header().withNonce(BLOCK_413567.header().nonce() + 1),
                BLOCK_413567.transactions()));                                  // high-hash
        for (Block b : blocks) {
            for (boolean segwit : new boolean[] {false, true}) {
                if (!BlockCheck.isBlockMutated(b, segwit)) {
                    assertThat(BlockCheck.checkBlockNotMutated(b, MAIN, segwit))
                            .isEqualTo(BlockCheck.checkBlock(b, MAIN, segwit));
                }
            }
        }
        assertThat(BlockCheck.checkBlockNotMutated(BLOCK_413567, MAIN, true).isValid()).isTrue();
        assertThat(BlockCheck.checkBlockNotMutated(blocks.get(1), MAIN, true).rejectReason()).isEqualTo("high-hash");
    }

    @Test
    void aChangedNonceIsHighHash() {
        Block b = new Block(BLOCK_413567.header().withNonce(BLOCK_413567.header().nonce() + 1),
                BLOCK_413567.transactions());
        BlockValidationState state = BlockCheck.checkBlock(b, MAIN);
        assertThat(state.rejectReason()).isEqualTo("high-hash");
        assertThat(state.result()).isEqualTo(BlockValidationResult.BLOCK_INVALID_HEADER);
    }

    @Test
    void swappedTransactionsAreABadMerkleRootAndAMutation() {
        List<Transaction> txs = new ArrayList<>(BLOCK_413567.transactions());
        Transaction t = txs.get(1);
        txs.set(1, txs.get(2));
        txs.set(2, t);
        Block b = new Block(BLOCK_413567.header(), txs);
        BlockValidationState state = BlockCheck.checkBlock(b, MAIN);
        assertThat(state.rejectReason()).isEqualTo("bad-txnmrklroot");
        assertThat(state.result()).isEqualTo(BlockValidationResult.BLOCK_MUTATED);
        assertThat(BlockCheck.isBlockMutated(b, true)).isTrue();
    }

    @Test
    void theLastTransactionRepeatedKeepsTheRootButIsDuplicate() {
        // 1,557 transactions: an odd count, so the tree already pairs the last one with itself (CVE-2012-2459)
        assertThat(BLOCK_413567.transactions().size() % 2).isEqualTo(1);
        List<Transaction> txs = new ArrayList<>(BLOCK_413567.transactions());
        txs.add(txs.get(txs.size() - 1));
        Block b = new Block(BLOCK_413567.header(), txs);
        assertThat(b.computeMerkleRoot().root()).isEqualTo(BLOCK_413567.header().merkleRoot());
        assertThat(reason(b, MAIN)).isEqualTo("bad-txns-duplicate");
        assertThat(BlockCheck.checkBlock(b, MAIN).result()).isEqualTo(BlockValidationResult.BLOCK_MUTATED);
    }

    @Test
    void aBlockWithoutTransactionsIsBadLength() {
        assertThat(reason(RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L, List.of()), REGTEST))
                .isEqualTo("bad-blk-length");
    }

    @Test
    void theCoinbaseMustBeFirstAndOnly() {
        Transaction spend = spend(Bytes.EMPTY, List.of());
        assertThat(reason(RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L, List.of(spend)), REGTEST))
                .isEqualTo("bad-cb-missing");
        Block two = RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L,
                List.of(RegtestBlocks.coinbase(1, 0), RegtestBlocks.coinbase(1, 1)));
        assertThat(reason(two, REGTEST)).isEqualTo("bad-cb-multiple");
        Block one = RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L, List.of(RegtestBlocks.coinbase(1, 0), spend));
        assertThat(BlockCheck.checkBlock(one, REGTEST).isValid()).isTrue();
    }

    @Test
    void witnessDataNeedsACommitment() {
        Transaction witnessSpend = spend(Bytes.EMPTY, List.of(Bytes.of((byte) 1)));
        Block b = RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L, List.of(RegtestBlocks.coinbase(1, 0), witnessSpend));
        BlockValidationState state = BlockCheck.checkBlock(b, REGTEST);
        assertThat(state.rejectReason()).isEqualTo("unexpected-witness");
        assertThat(state.result()).isEqualTo(BlockValidationResult.BLOCK_MUTATED);
    }

    @Test
    void theWitnessCommitmentIsChecked() {
        Transaction witnessSpend = spend(Bytes.EMPTY, List.of(Bytes.of((byte) 1)));
        Bytes reserved = Bytes.of(new byte[32]);
        Block good = committed(witnessSpend, List.of(reserved), false);
        assertThat(BlockCheck.checkBlock(good, REGTEST).isValid()).isTrue();
        assertThat(reason(committed(witnessSpend, List.of(reserved), true), REGTEST))
                .isEqualTo("bad-witness-merkle-match");
        assertThat(reason(committed(witnessSpend, List.of(), false), REGTEST)).isEqualTo("bad-witness-nonce-size");
        assertThat(reason(committed(witnessSpend, List.of(Bytes.of(new byte[31])), false), REGTEST))
                .isEqualTo("bad-witness-nonce-size");
        // before segwit a commitment is not looked at and witness data is unexpected
        assertThat(BlockCheck.checkBlock(good, REGTEST, false).rejectReason()).isEqualTo("unexpected-witness");
    }

    @Test
    void moreThanFourMillionWeightIsBadWeight() {
        Transaction heavy = spend(Bytes.EMPTY, List.of(Bytes.of(new byte[Block.MAX_BLOCK_WEIGHT])));
        Block b = committed(heavy, List.of(Bytes.of(new byte[32])), false);
        assertThat(b.strippedSize() * 4).isLessThan(Block.MAX_BLOCK_WEIGHT);
        assertThat(reason(b, REGTEST)).isEqualTo("bad-blk-weight");
    }

    private static Transaction spend(Bytes scriptSig, List<Bytes> witness) {
        TxIn in = new TxIn(new OutPoint(Hash256.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}), 0), scriptSig, TxIn.SEQUENCE_FINAL);
        if (!witness.isEmpty()) {
            in = in.withWitness(witness);
        }
        return new Transaction(2, List.of(in), List.of(new TxOut(Amount.ZERO, Bytes.of((byte) 0x51))), 0);
    }

    /** A block of a coinbase with a BIP 141 commitment (to the right root unless {@code wrong}) and {@code tx}. */
    private static Block committed(Transaction tx, List<Bytes> coinbaseWitness, boolean wrong) {
        Transaction plain = RegtestBlocks.coinbase(1, 0);
        Block draft = new Block(RegtestBlocks.genesis().header(), List.of(plain, tx));
        byte[] commitment = Sha256.hashTwice(draft.witnessMerkleRoot().root().toByteArray(), new byte[32]);
        if (wrong) {
            commitment[0] ^= 1;
        }
        byte[] script = new byte[38];
        script[0] = 0x6a;
        script[1] = 0x24;
        script[2] = (byte) 0xaa;
        script[3] = 0x21;
        script[4] = (byte) 0xa9;
        script[5] = (byte) 0xed;
        System.arraycopy(commitment, 0, script, 6, 32);
        List<TxOut> outs = new ArrayList<>(plain.outputs());
        outs.add(new TxOut(Amount.ZERO, Bytes.of(script)));
        TxIn in = plain.inputs().get(0);
        if (!coinbaseWitness.isEmpty()) {
            in = in.withWitness(coinbaseWitness);
        }
        Transaction coinbase = new Transaction(plain.version(), List.of(in), outs, plain.lockTime());
        return RegtestBlocks.block(Hash256.ZERO, 1_700_000_000L, List.of(coinbase, tx));
    }
}
