package org.btcnode.core.types;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.btcnode.crypto.hash.Sha256;

/**
 * A block ({@code CBlock}): header and transactions, with Core's merkle roots (and mutation flag),
 * BIP 141 witness commitment lookup and check, size and weight. Immutable and thread-safe.
 */
public record Block(BlockHeader header, List<Transaction> transactions) {
    /** consensus/consensus.h: MAX_BLOCK_WEIGHT. */
    public static final int MAX_BLOCK_WEIGHT = 4_000_000;
    /** consensus/consensus.h: MAX_BLOCK_SERIALIZED_SIZE. */
    public static final int MAX_BLOCK_SERIALIZED_SIZE = 4_000_000;
    /** consensus/validation.h: MINIMUM_WITNESS_COMMITMENT, OP_RETURN, push 36, 4-byte tag, 32-byte hash. */
    public static final int MINIMUM_WITNESS_COMMITMENT = 38;
    /** BIP 141: a commitment output's script starts with OP_RETURN, a 36-byte push and 0xaa21a9ed. */
    private static final byte[] WITNESS_COMMITMENT_HEADER = {0x6a, 0x24, (byte) 0xaa, 0x21, (byte) 0xa9, (byte) 0xed};
    public static final WireCodec<Block> CODEC = WireCodec.of(Block::read, Block::write);

    public Block {
        Objects.requireNonNull(header, "header");
        transactions = List.copyOf(transactions);
    }

    /** The block hash (its header's). */
    public Hash256 hash() {
        return header.hash();
    }

    /** consensus/merkle.cpp: BlockMerkleRoot, over the txids, with the CVE-2012-2459 mutation flag. */
    public MerkleRoot computeMerkleRoot() {
        List<Hash256> leaves = new ArrayList<>(transactions.size());
        for (Transaction tx : transactions) {
            leaves.add(tx.txid());
        }
        return MerkleRoot.compute(leaves);
    }

    /** consensus/merkle.cpp: BlockWitnessMerkleRoot, over the wtxids with the coinbase's as zero. */
    public MerkleRoot witnessMerkleRoot() {
        List<Hash256> leaves = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            leaves.add(i == 0 ? Hash256.ZERO : transactions.get(i).wtxid());
        }
        return MerkleRoot.compute(leaves);
    }

    /**
     * consensus/validation.h: GetWitnessCommitmentIndex, the last coinbase output whose script
     * starts with the BIP 141 commitment header; empty if none (or no transactions).
     */
    public OptionalInt witnessCommitmentIndex() {
        if (transactions.isEmpty()) {
            return OptionalInt.empty();
        }
        List<TxOut> outputs = transactions.get(0).outputs();
        int found = -1;
        for (int o = 0; o < outputs.size(); o++) {
            Bytes script = outputs.get(o).scriptPubKey();
            if (script.size() >= MINIMUM_WITNESS_COMMITMENT && script.startsWith(WITNESS_COMMITMENT_HEADER)) {
                found = o;
            }
        }
        return found < 0 ? OptionalInt.empty() : OptionalInt.of(found);
    }

    /** Outcome of {@link #checkWitnessCommitment(boolean)}, with Core's reject reasons. */
    public enum WitnessCommitmentCheck {
        /** The commitment matches, or there is none and no transaction has witness data. */
        VALID(""),
        /** The coinbase's witness is not exactly one 32-byte item (the witness reserved value). */
        BAD_WITNESS_NONCE_SIZE("bad-witness-nonce-size"),
        /** SHA-256d(witness root | reserved value) differs from the committed hash. */
        BAD_WITNESS_MERKLE_MATCH("bad-witness-merkle-match"),
        /** Witness data in a block that commits to none. */
        UNEXPECTED_WITNESS("unexpected-witness");

        private final String rejectReason;

        WitnessCommitmentCheck(String rejectReason) {
            this.rejectReason = rejectReason;
        }

        /** Core's reject reason ("" when valid). */
        public String rejectReason() {
            return rejectReason;
        }
    }

    /**
     * validation.cpp: CheckWitnessMalleation. With {@code expectWitnessCommitment} (segwit active
     * at this height) and a commitment present, the coinbase must carry one 32-byte reserved value
     * and the commitment must equal SHA-256d(witness merkle root | reserved value). Otherwise no
     * transaction may have witness data.
     */
    public WitnessCommitmentCheck checkWitnessCommitment(boolean expectWitnessCommitment) {
        if (expectWitnessCommitment) {
            OptionalInt index = witnessCommitmentIndex();
            if (index.isPresent()) {
                // Core ignores the witness tree's mutation flag: the txid tree already rules it out.
                Hash256 witnessRoot = witnessMerkleRoot().root();
                Transaction coinbase = transactions.get(0);
                if (coinbase.inputs().size() != 1 || coinbase.inputs().get(0).witness().size() != 1
                        || coinbase.inputs().get(0).witness().get(0).size() != Hash256.LENGTH) {
                    return WitnessCommitmentCheck.BAD_WITNESS_NONCE_SIZE;
                }
                byte[] commitment = Sha256.hashTwice(witnessRoot.toByteArray(),
                        coinbase.inputs().get(0).witness().get(0).toByteArray());
                Bytes script = coinbase.outputs().get(index.getAsInt()).scriptPubKey();
                if (!script.slice(6, Hash256.LENGTH).equals(Bytes.of(commitment))) {
                    return WitnessCommitmentCheck.BAD_WITNESS_MERKLE_MATCH;
                }
                return WitnessCommitmentCheck.VALID;
            }
        }
        for (Transaction tx : transactions) {
            if (tx.hasWitness()) {
                return WitnessCommitmentCheck.UNEXPECTED_WITNESS;
            }
        }
        return WitnessCommitmentCheck.VALID;
    }

    /** Serialised size with witness data, in bytes. */
    public int size() {
        int n = BlockHeader.SIZE + WireWriter.compactSizeLength(transactions.size());
        for (Transaction tx : transactions) {
            n += tx.size();
        }
        return n;
    }

    /** Serialised size without witness data, in bytes. */
    public int strippedSize() {
        int n = BlockHeader.SIZE + WireWriter.compactSizeLength(transactions.size());
        for (Transaction tx : transactions) {
            n += tx.strippedSize();
        }
        return n;
    }

    /** consensus/validation.h: GetBlockWeight, stripped size × 3 + size. */
    public int weight() {
        return strippedSize() * (Transaction.WITNESS_SCALE_FACTOR - 1) + size();
    }

    public static Block read(WireReader in) {
        BlockHeader header = BlockHeader.read(in);
        List<Transaction> txs = in.readList((int) WireReader.MAX_SIZE, Transaction.MIN_SIZE, Transaction::read);
        return new Block(header, txs);
    }

    public void write(WireWriter out) {
        header.write(out);
        out.writeList(transactions, Transaction::write);
    }

    /** The serialisation with witness data. */
    public byte[] toByteArray() {
        WireWriter out = new WireWriter(size());
        write(out);
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "Block(hash=" + hash() + ", transactions=" + transactions.size() + ")";
    }
}
