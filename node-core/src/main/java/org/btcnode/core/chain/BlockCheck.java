package org.btcnode.core.chain;

import java.util.List;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.MerkleRoot;
import org.btcnode.core.types.Transaction;

/**
 * The context-free block checks of validation.cpp {@code CheckBlock}, plus the two checks of
 * {@code ContextualCheckBlock} that need only "is segwit active here" ({@code
 * CheckWitnessMalleation} and the weight limit), in Core's order and with Core's reject reasons.
 * What is not here yet: {@code CheckTransaction} per transaction ("bad-txns-*"), the legacy sigop
 * limit ("bad-blk-sigops"), the BIP 34 height in the coinbase ("bad-cb-height"), finality and the
 * signet solution; those need the validation issue. Stateless and thread-safe.
 */
public final class BlockCheck {
    private BlockCheck() {
    }

    /** As {@link #checkBlock(Block, ConsensusParams, boolean)} with segwit active (every chain's tip). */
    public static BlockValidationState checkBlock(Block block, ConsensusParams params) {
        return checkBlock(block, params, true);
    }

    /**
     * Checks one block.
     *
     * @param segwitActive whether BIP 141 is active at the block's height (Core's
     *                     {@code DeploymentActiveAfter(prev, SEGWIT)}): a witness commitment, if
     *                     present, is then checked; otherwise no transaction may carry witness data
     */
    public static BlockValidationState checkBlock(Block block, ConsensusParams params, boolean segwitActive) {
        return checkBlock(block, params, segwitActive, false);
    }

    /**
     * {@link #checkBlock(Block, ConsensusParams, boolean)} for a block that {@link #isBlockMutated}
     * has just passed with the same {@code segwitActive}: the merkle root and witness commitment,
     * the costliest part (both trees hash every transaction), are not computed again. Core keeps
     * the same result in {@code CBlock::m_checked_merkle_root} and {@code m_checked_witness_commitment}.
     * The result is the one {@code checkBlock} would give.
     */
    public static BlockValidationState checkBlockNotMutated(Block block, ConsensusParams params,
            boolean segwitActive) {
        return checkBlock(block, params, segwitActive, true);
    }

    private static BlockValidationState checkBlock(Block block, ConsensusParams params, boolean segwitActive,
            boolean mutationChecked) {
        if (!Pow.checkProofOfWork(block.hash(), block.header().bits(), params)) {
            return invalid(BlockValidationResult.BLOCK_INVALID_HEADER, "high-hash", "proof of work failed");
        }
        BlockValidationState mutation = mutationChecked ? BlockValidationState.VALID : checkMerkleRoot(block);
        if (!mutation.isValid()) {
            return mutation;
        }
        List<Transaction> txs = block.transactions();
        // Size limits: no transactions, or more than the weight limit allows even if each weighed 4
        if (txs.isEmpty() || (long) txs.size() * Transaction.WITNESS_SCALE_FACTOR > Block.MAX_BLOCK_WEIGHT
                || (long) block.strippedSize() * Transaction.WITNESS_SCALE_FACTOR > Block.MAX_BLOCK_WEIGHT) {
            return invalid(BlockValidationResult.BLOCK_CONSENSUS, "bad-blk-length", "size limits failed");
        }
        if (!txs.get(0).isCoinbase()) {
            return invalid(BlockValidationResult.BLOCK_CONSENSUS, "bad-cb-missing", "first tx is not coinbase");
        }
        for (int i = 1; i < txs.size(); i++) {
            if (txs.get(i).isCoinbase()) {
                return invalid(BlockValidationResult.BLOCK_CONSENSUS, "bad-cb-multiple", "more than one coinbase");
            }
        }
        BlockValidationState witness = mutationChecked ? BlockValidationState.VALID
                : checkWitnessMalleation(block, segwitActive);
        if (!witness.isValid()) {
            return witness;
        }
        if (block.weight() > Block.MAX_BLOCK_WEIGHT) {
            return invalid(BlockValidationResult.BLOCK_CONSENSUS, "bad-blk-weight",
                    "ContextualCheckBlock : weight limit failed");
        }
        return BlockValidationState.VALID;
    }

    /**
     * net_processing.cpp calls {@code IsBlockMutated} before processing a block: the merkle root
     * (with CVE-2012-2459) and the witness commitment. A mutated block says nothing about the
     * header: the peer is punished, the header stays valid.
     */
    public static boolean isBlockMutated(Block block, boolean segwitActive) {
        return !checkMerkleRoot(block).isValid() || !checkWitnessMalleation(block, segwitActive).isValid();
    }

    private static BlockValidationState checkMerkleRoot(Block block) {
        MerkleRoot root = block.computeMerkleRoot();
        if (!root.root().equals(block.header().merkleRoot())) {
            return invalid(BlockValidationResult.BLOCK_MUTATED, "bad-txnmrklroot", "hashMerkleRoot mismatch");
        }
        if (root.mutated()) {
            return invalid(BlockValidationResult.BLOCK_MUTATED, "bad-txns-duplicate", "duplicate transaction");
        }
        return BlockValidationState.VALID;
    }

    private static BlockValidationState checkWitnessMalleation(Block block, boolean segwitActive) {
        Block.WitnessCommitmentCheck check = block.checkWitnessCommitment(segwitActive);
        return switch (check) {
            case VALID -> BlockValidationState.VALID;
            case BAD_WITNESS_NONCE_SIZE -> invalid(BlockValidationResult.BLOCK_MUTATED, check.rejectReason(),
                    "CheckWitnessMalleation : invalid witness reserved value size");
            case BAD_WITNESS_MERKLE_MATCH -> invalid(BlockValidationResult.BLOCK_MUTATED, check.rejectReason(),
                    "CheckWitnessMalleation : witness merkle commitment mismatch");
            case UNEXPECTED_WITNESS -> invalid(BlockValidationResult.BLOCK_MUTATED, check.rejectReason(),
                    "CheckWitnessMalleation : unexpected witness data found");
        };
    }

    private static BlockValidationState invalid(BlockValidationResult result, String reason, String debug) {
        return BlockValidationState.invalid(result, reason, debug);
    }
}
