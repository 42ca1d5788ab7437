package org.btcnode.core.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.chain.Pow;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;

/**
 * Mined regtest headers and blocks for tests in every module (node-core's test jar): trivial
 * proof of work (the nonce is ground until the hash meets 0x207fffff, about two tries), a
 * coinbase-only block whose coinbase pushes its height as BIP 34 asks, encoded as Core encodes it.
 */
public final class RegtestBlocks {
    public static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    public static final long REGTEST_BITS = 0x207fffffL;

    private RegtestBlocks() {
    }

    /** The smallest nonce from the template's that makes the header meet its own target on these params. */
    public static BlockHeader mine(BlockHeader template, ConsensusParams params) {
        BlockHeader h = template;
        for (long nonce = template.nonce(); !Pow.checkProofOfWork(h.hash(), h.bits(), params); nonce++) {
            h = template.withNonce(nonce + 1);
        }
        return h;
    }

    /**
     * A coinbase whose scriptSig starts with the height as Core's miner pushes it
     * ({@code CScript() << height}: OP_1..OP_16 up to 16, else a minimal push; see
     * {@link BlockAssembler#heightPush}), then a 4-byte push of {@code salt} (so forks differ,
     * and the scriptSig is never under consensus's two-byte minimum); pays 50 BTC to OP_TRUE.
     */
    public static Transaction coinbase(int height, int salt) {
        byte[] heightPush = BlockAssembler.heightPush(height).toByteArray();
        byte[] script = Arrays.copyOf(heightPush, heightPush.length + 5);
        script[heightPush.length] = 4;                           // push 4 bytes of salt
        for (int i = 0; i < 4; i++) {
            script[heightPush.length + 1 + i] = (byte) (salt >> (8 * i));
        }
        TxIn in = new TxIn(OutPoint.NULL, Bytes.of(script), TxIn.SEQUENCE_FINAL);
        TxOut out = new TxOut(new Amount(50 * Amount.COIN), Bytes.of((byte) 0x51));
        return new Transaction(2, List.of(in), List.of(out), 0);
    }

    /**
     * {@code count} transactions, the i-th spending output i of {@code txid} to OP_TRUE: filler
     * for blocks with more than a coinbase (nothing checks that the outputs exist yet).
     */
    public static List<Transaction> spends(Hash256 txid, int count) {
        List<Transaction> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            TxIn in = new TxIn(new OutPoint(txid, i), Bytes.EMPTY, TxIn.SEQUENCE_FINAL);
            out.add(new Transaction(2, List.of(in), List.of(new TxOut(Amount.ZERO, Bytes.of((byte) 0x51))), 0));
        }
        return out;
    }

    /** A mined block with these transactions on top of {@code prev}. */
    public static Block block(Hash256 prev, long time, List<Transaction> txs) {
        Block unmined = new Block(new BlockHeader(4, prev, Hash256.ZERO, time, REGTEST_BITS, 0), txs);
        Hash256 root = unmined.computeMerkleRoot().root();
        return new Block(mine(unmined.header().withMerkleRoot(root), REGTEST.consensus()), txs);
    }

    /**
     * {@code count} coinbase-only blocks on top of {@code prev} (at height {@code prevHeight}, time
     * {@code prevTime}), one every {@code spacing} seconds; {@code salt} makes forks differ.
     */
    public static List<Block> chain(Hash256 prev, int prevHeight, long prevTime, int count, long spacing, int salt) {
        List<Block> out = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Block b = block(prev, prevTime + i * spacing, List.of(coinbase(prevHeight + i, salt)));
            out.add(b);
            prev = b.hash();
        }
        return out;
    }

    /** The headers of these blocks. */
    public static List<BlockHeader> headers(List<Block> blocks) {
        return blocks.stream().map(Block::header).toList();
    }

    /**
     * Stores these blocks, which build on genesis, as a node that downloaded and checked them
     * before would have them: each header with height, chain work and BLOCK_HAVE_DATA at
     * BLOCK_VALID_TRANSACTIONS, the last one as the tip, and the serialised blocks. The blocks are
     * taken one at a time, so a generated chain of large blocks need not be held in memory at once.
     */
    public static void preload(HeaderStore headers, BlockStore blocks, Iterable<Block> chain) {
        List<StoredHeader> stored = new ArrayList<>();
        ChainWork work = ChainWork.ofBits(genesis().header().bits());
        int status = BlockStatus.raiseValidity(BlockStatus.BLOCK_VALID_TREE | BlockStatus.BLOCK_HAVE_DATA,
                BlockStatus.BLOCK_VALID_TRANSACTIONS);
        int height = 0;
        for (Block b : chain) {
            work = work.add(ChainWork.ofBits(b.header().bits()));
            stored.add(new StoredHeader(b.header(), ++height, work, status));
            blocks.put(b.hash(), Bytes.of(b.toByteArray()));
        }
        if (stored.isEmpty()) {
            throw new IllegalArgumentException("no blocks to preload");
        }
        headers.append(stored, stored.get(stored.size() - 1).header().hash());
    }

    /** The regtest genesis block. */
    public static Block genesis() {
        return REGTEST.genesisBlock();
    }
}
