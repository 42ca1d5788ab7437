package org.btcnode.core.chain;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;
import org.btcnode.crypto.hash.Sha256;

/**
 * Builds blocks on a given parent for regtest mining, after Core's node/miner.cpp
 * ({@code BlockAssembler::CreateNewBlock}, {@code UpdateTime}, {@code GetMinimumTime}),
 * validation.cpp ({@code GetBlockSubsidy}, {@code GenerateCoinbaseCommitment}) and rpc/mining.cpp
 * ({@code GenerateBlock}'s nonce loop): a coinbase paying the subsidy to a given script with the
 * BIP 34 height, the BIP 141 witness commitment and reserved value, the caller's transactions as
 * given, the merkle root, and the time and bits the parent requires.
 *
 * <p>Difference from Core, on purpose: no mempool (the caller lists the transactions, as
 * {@code generateblock} does, and they are not validated), so no fees are added to the coinbase.
 * The version is {@link VersionBits#computeBlockVersion}'s unless the caller gives one (Core's
 * regtest-only {@code -blockversion}). Stateless.
 */
public final class BlockAssembler {
    /** rpc/mining.cpp: DEFAULT_MAX_TRIES, nonces tried per block by generatetoaddress and generateblock. */
    public static final long DEFAULT_MAX_TRIES = 1_000_000;
    /** primitives/transaction.h: CTxIn::MAX_SEQUENCE_NONFINAL, so the coinbase's lock time is enforced. */
    public static final long MAX_SEQUENCE_NONFINAL = 0xfffffffeL;
    /** primitives/transaction.h: CTransaction::CURRENT_VERSION, the version of a new transaction. */
    public static final int CURRENT_TX_VERSION = 2;
    /** consensus/amount.h: 50 BTC, the subsidy before the first halving. */
    private static final Amount INITIAL_SUBSIDY = Amount.ofBtc(50);
    private static final long MAX_NONCE = 0xffffffffL;
    private static final int OP_0 = 0x00;
    private static final int OP_1 = 0x51;
    private static final int OP_RETURN = 0x6a;

    private BlockAssembler() {
    }

    /** validation.cpp: GetBlockSubsidy, 50 BTC halved every {@code subsidyHalvingInterval} blocks, 0 after 64 halvings. */
    public static Amount getBlockSubsidy(int height, ConsensusParams params) {
        int halvings = height / params.subsidyHalvingInterval();
        if (halvings >= 64) {
            return Amount.ZERO;
        }
        return Amount.ofSats(INITIAL_SUBSIDY.sats() >> halvings);
    }

    /**
     * miner.cpp: GetMinimumTime, the earliest time a child of {@code prev} may have: one second
     * after its median-time-past and, for the first block of a retarget period, not more than
     * MAX_TIMEWARP before {@code prev} (Core applies BIP 94's rule on every network when mining).
     */
    public static long getMinimumTime(BlockIndexEntry prev, ConsensusParams params) {
        long minTime = prev.medianTimePast() + 1;
        if ((prev.height() + 1) % params.difficultyAdjustmentInterval() == 0) {
            minTime = Math.max(minTime, prev.time() - HeaderValidator.MAX_TIMEWARP.toSeconds());
        }
        return minTime;
    }

    /**
     * Core's {@code CScript() << nHeight} (script.h push_int64): OP_0 for 0, OP_1..OP_16 for 1 to
     * 16, else a minimal push of the height as a little-endian signed number (CScriptNum).
     */
    public static Bytes heightPush(int height) {
        if (height < 0) {
            throw new IllegalArgumentException("height " + height);
        }
        if (height == 0) {
            return Bytes.of((byte) OP_0);
        }
        if (height <= 16) {
            return Bytes.of((byte) (OP_1 - 1 + height));
        }
        ByteArrayOutputStream num = new ByteArrayOutputStream(5);
        for (long v = height; v > 0; v >>= 8) {
            num.write((int) (v & 0xff));
        }
        byte[] digits = num.toByteArray();
        if ((digits[digits.length - 1] & 0x80) != 0) {
            num.write(0);                                      // keep the number positive
            digits = num.toByteArray();
        }
        byte[] push = new byte[digits.length + 1];
        push[0] = (byte) digits.length;
        System.arraycopy(digits, 0, push, 1, digits.length);
        return Bytes.of(push);
    }

    /**
     * The coinbase of CreateNewBlock before the witness commitment: one input spending the null
     * outpoint with scriptSig = height push (and OP_0 at heights up to 16, which would otherwise
     * be one byte, under consensus's two-byte minimum "bad-cb-length"), sequence
     * MAX_SEQUENCE_NONFINAL, lock time height − 1, and one output paying {@code reward} to
     * {@code scriptPubKey}.
     */
    public static Transaction createCoinbase(int height, Bytes scriptPubKey, Amount reward) {
        if (height < 1) {
            throw new IllegalArgumentException("a coinbase is mined at height 1 or more: " + height);
        }
        Bytes push = heightPush(height);
        Bytes scriptSig = height <= 16 ? Bytes.of(push.get(0), (byte) OP_0) : push;
        TxIn in = new TxIn(OutPoint.NULL, scriptSig, MAX_SEQUENCE_NONFINAL);
        return new Transaction(CURRENT_TX_VERSION, List.of(in), List.of(new TxOut(reward, scriptPubKey)), height - 1L);
    }

    /**
     * validation.cpp: GenerateCoinbaseCommitment with UpdateUncommittedBlockStructures. Appends the
     * output OP_RETURN 0xaa21a9ed SHA-256d(witness merkle root | reserved value) to the coinbase
     * (the witness root counts the coinbase as zero) and, if segwit is active at this height,
     * gives the coinbase input the 32-byte reserved value (zeros) as its witness.
     */
    public static List<Transaction> withWitnessCommitment(List<Transaction> transactions, int height,
                                                          ConsensusParams params) {
        Block draft = new Block(new BlockHeader(0, Hash256.ZERO, Hash256.ZERO, 0, 0, 0), transactions);
        byte[] reserved = new byte[Hash256.LENGTH];
        byte[] commitment = Sha256.hashTwice(draft.witnessMerkleRoot().root().toByteArray(), reserved);
        byte[] script = new byte[Block.MINIMUM_WITNESS_COMMITMENT];
        script[0] = (byte) OP_RETURN;
        script[1] = 0x24;
        script[2] = (byte) 0xaa;
        script[3] = 0x21;
        script[4] = (byte) 0xa9;
        script[5] = (byte) 0xed;
        System.arraycopy(commitment, 0, script, 6, Hash256.LENGTH);
        Transaction coinbase = transactions.get(0);
        List<TxOut> outputs = new ArrayList<>(coinbase.outputs());
        outputs.add(new TxOut(Amount.ZERO, Bytes.of(script)));
        List<TxIn> inputs = coinbase.inputs();
        if (height >= params.segwitHeight() && !coinbase.hasWitness()) {
            inputs = List.of(inputs.get(0).withWitness(List.of(Bytes.of(reserved))));
        }
        List<Transaction> out = new ArrayList<>(transactions);
        out.set(0, new Transaction(coinbase.version(), inputs, outputs, coinbase.lockTime()));
        return out;
    }

    /** {@link #createNewBlock(BlockIndexEntry, Bytes, List, int, long, ConsensusParams)} with Core's version bits. */
    public static Block createNewBlock(BlockIndexEntry prev, Bytes scriptPubKey, List<Transaction> transactions,
                                       long nowSeconds, ConsensusParams params) {
        return createNewBlock(prev, scriptPubKey, transactions, VersionBits.computeBlockVersion(prev, params),
                nowSeconds, params);
    }

    /**
     * miner.cpp: CreateNewBlock for a child of {@code prev}, unsolved (nonce 0), with the given
     * version: the coinbase
     * paying the subsidy to {@code scriptPubKey}, then {@code transactions} as given, the witness
     * commitment, the merkle root, time = max(GetMinimumTime, {@code nowSeconds}) and the bits
     * GetNextWorkRequired gives for that time.
     */
    public static Block createNewBlock(BlockIndexEntry prev, Bytes scriptPubKey, List<Transaction> transactions,
                                       int version, long nowSeconds, ConsensusParams params) {
        Objects.requireNonNull(scriptPubKey, "scriptPubKey");
        int height = prev.height() + 1;
        List<Transaction> txs = new ArrayList<>(transactions.size() + 1);
        txs.add(createCoinbase(height, scriptPubKey, getBlockSubsidy(height, params)));
        txs.addAll(transactions);
        txs = withWitnessCommitment(txs, height, params);
        long time = Math.max(getMinimumTime(prev, params), nowSeconds);
        long bits = Pow.getNextWorkRequired(prev, time, params);
        Block draft = new Block(new BlockHeader(version, prev.hash(), Hash256.ZERO, time, bits, 0), txs);
        BlockHeader header = draft.header().withMerkleRoot(draft.computeMerkleRoot().root());
        return new Block(header, txs);
    }

    /** What {@link #solve} did: the solved block if one was found, and the tries left. */
    public record Solution(Optional<Block> block, long triesLeft) {
        public Solution {
            Objects.requireNonNull(block, "block");
        }
    }

    /**
     * rpc/mining.cpp: GenerateBlock's loop. From the block's nonce, tries nonces until the hash
     * meets the block's bits, spending one try per nonce that fails. Empty when the tries run out
     * or the nonce reaches 2^32 − 1 (Core then starts over with a new block; the caller decides).
     */
    public static Solution solve(Block block, long maxTries, ConsensusParams params) {
        BlockHeader header = block.header();
        long tries = maxTries;
        while (tries > 0 && header.nonce() < MAX_NONCE && !Pow.checkProofOfWork(header.hash(), header.bits(), params)) {
            header = header.withNonce(header.nonce() + 1);
            tries--;
        }
        if (tries == 0 || header.nonce() == MAX_NONCE) {
            return new Solution(Optional.empty(), tries);
        }
        return new Solution(Optional.of(new Block(header, block.transactions())), tries);
    }
}
