package org.btcnode.core.chain;

import java.math.BigInteger;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.types.CompactTarget;
import org.btcnode.core.types.Hash256;

/**
 * The proof-of-work rules (pow.cpp): whether a hash meets its target, and which target the next
 * block must have on each chain (2016-block retarget with clamping, testnet's minimum-difficulty
 * blocks, BIP 94, regtest's fixed difficulty). Targets are computed as Core's
 * {@code arith_uint256} does, products wrapping at 2^256. Stateless.
 */
public final class Pow {
    private static final BigInteger MOD_256 = BigInteger.ONE.shiftLeft(256);

    private Pow() {
    }

    /**
     * pow.cpp: CheckProofOfWork. The target from {@code bits} must be positive, not overflow and not
     * exceed the chain's pow limit, and the hash as a number must not exceed it.
     */
    public static boolean checkProofOfWork(Hash256 hash, long bits, ConsensusParams params) {
        CompactTarget target = CompactTarget.decode(bits);
        if (!target.isUsable() || target.value().compareTo(params.powLimit()) > 0) {
            return false;
        }
        return hash.toBigInteger().compareTo(target.value()) <= 0;
    }

    /** The compact form of the chain's pow limit ({@code nProofOfWorkLimit}). */
    public static long powLimitBits(ConsensusParams params) {
        return CompactTarget.encode(params.powLimit());
    }

    /**
     * pow.cpp: GetNextWorkRequired, the bits a block with time {@code blockTime} on top of
     * {@code last} must carry.
     */
    public static long getNextWorkRequired(BlockIndexEntry last, long blockTime, ConsensusParams params) {
        long powLimitBits = powLimitBits(params);
        long interval = params.difficultyAdjustmentInterval();
        if ((last.height() + 1) % interval != 0) {
            if (params.powAllowMinDifficultyBlocks()) {
                // Testnet: a block more than 20 minutes after its parent may have the minimum difficulty.
                if (blockTime > last.time() + params.minDifficultyBlockGap().toSeconds()) {
                    return powLimitBits;
                }
                // Otherwise the bits of the last block that did not use that exception.
                BlockIndexEntry e = last;
                while (e.prev() != null && e.height() % interval != 0 && e.bits() == powLimitBits) {
                    e = e.prev();
                }
                return e.bits();
            }
            return last.bits();
        }
        // Go back by what we want to be 14 days worth of blocks.
        int heightFirst = (int) (last.height() - (interval - 1));
        BlockIndexEntry first = last.getAncestor(heightFirst);
        if (first == null) {
            throw new IllegalArgumentException("no ancestor at height " + heightFirst + " of " + last);
        }
        return calculateNextWorkRequired(last, first.time(), params);
    }

    /**
     * pow.cpp: CalculateNextWorkRequired. The actual timespan of the period is clamped to a
     * quarter and four times the target timespan; BIP 94 scales the first block's target of the
     * period instead of the last's.
     */
    public static long calculateNextWorkRequired(BlockIndexEntry last, long firstBlockTime, ConsensusParams params) {
        if (params.powNoRetargeting()) {
            return last.bits();
        }
        long bits = last.bits();
        if (params.enforceBip94()) {
            int heightFirst = (int) (last.height() - (params.difficultyAdjustmentInterval() - 1));
            bits = last.getAncestor(heightFirst).bits();
        }
        return calculateNextWorkRequired(bits, last.time() - firstBlockTime, params);
    }

    /** The retarget arithmetic: {@code bits} scaled by the clamped actual timespan. */
    public static long calculateNextWorkRequired(long bits, long actualTimespanSeconds, ConsensusParams params) {
        long timespan = params.powTargetTimespan().toSeconds();
        long actual = Math.max(timespan / 4, Math.min(timespan * 4, actualTimespanSeconds));
        BigInteger target = CompactTarget.decode(bits).value()
                .multiply(BigInteger.valueOf(actual)).mod(MOD_256)
                .divide(BigInteger.valueOf(timespan));
        if (target.compareTo(params.powLimit()) > 0) {
            target = params.powLimit();
        }
        return CompactTarget.encode(target);
    }

    /**
     * pow.cpp: PermittedDifficultyTransition, used by the headers pre-sync where no tree is at
     * hand: on a retarget height the new target must lie within the clamped range of the old one
     * (rounded through the compact form), elsewhere it must not change. Always true on chains with
     * minimum-difficulty blocks.
     */
    public static boolean permittedDifficultyTransition(ConsensusParams params, long height, long oldBits,
            long newBits) {
        if (params.powAllowMinDifficultyBlocks()) {
            return true;
        }
        if (height % params.difficultyAdjustmentInterval() == 0) {
            long timespan = params.powTargetTimespan().toSeconds();
            BigInteger observed = CompactTarget.decode(newBits).value();
            BigInteger largest = CompactTarget.decode(calculateNextWorkRequired(oldBits, timespan * 4, params)).value();
            if (largest.compareTo(observed) < 0) {
                return false;
            }
            BigInteger smallest = CompactTarget.decode(calculateNextWorkRequired(oldBits, timespan / 4, params)).value();
            return smallest.compareTo(observed) <= 0;
        }
        return oldBits == newBits;
    }
}
