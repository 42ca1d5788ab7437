package org.btcnode.store.rocksdb;

import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.params.Magic;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;

/**
 * Real regtest blocks for the block store's tests, mined with {@link BlockAssembler}: a coinbase
 * to OP_TRUE and, for bulk, one transaction whose output script is {@code padBytes} long (not a
 * valid spend; the store does not validate).
 */
final class TestBlocks {
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    private static final Bytes OP_TRUE = Bytes.of((byte) 0x51);
    static final Magic MAGIC = REGTEST.magic();

    private TestBlocks() {
    }

    /** {@code count} blocks above regtest's genesis, each about {@code padBytes} plus 250 bytes. */
    static List<Block> chain(int count, int padBytes) {
        Miner miner = new Miner(padBytes);
        List<Block> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(miner.next());
        }
        return out;
    }

    /** Mines the same chain as {@link #chain} one block at a time, without end. */
    static final class Miner {
        private final int padBytes;
        private final HeaderTree tree = new HeaderTree(REGTEST.genesisBlock().header());
        private BlockIndexEntry prev = tree.genesis();

        Miner(int padBytes) {
            this.padBytes = padBytes;
        }

        Block next() {
            int height = prev.height() + 1;
            List<Transaction> txs = padBytes > 0 ? List.of(padding(height, padBytes)) : List.of();
            Block template = BlockAssembler.createNewBlock(prev, OP_TRUE, txs, prev.time() + 600,
                    REGTEST.consensus());
            Block block = BlockAssembler.solve(template, BlockAssembler.DEFAULT_MAX_TRIES, REGTEST.consensus())
                    .block().orElseThrow();
            prev = tree.add(block.header());
            return block;
        }
    }

    private static Transaction padding(int height, int padBytes) {
        byte[] id = new byte[Hash256.LENGTH];
        id[0] = (byte) height;
        id[1] = (byte) (height >> 8);
        id[2] = (byte) (height >> 16);
        byte[] script = new byte[padBytes];
        for (int i = 0; i < padBytes; i++) {
            script[i] = (byte) (i * 31 + height);          // not all zeros: compression must not flatter
        }
        TxIn in = new TxIn(new OutPoint(Hash256.wrap(id), 0), Bytes.EMPTY, TxIn.SEQUENCE_FINAL);
        return new Transaction(2, List.of(in), List.of(new TxOut(Amount.ZERO, Bytes.of(script))), 0);
    }
}
