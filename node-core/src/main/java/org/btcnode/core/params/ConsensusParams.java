package org.btcnode.core.params;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;

/**
 * The consensus constants of one chain (consensus/params.h {@code Consensus::Params}), with the
 * values of kernel/chainparams.cpp. Heights are block heights at which a buried deployment is
 * enforced. Immutable.
 *
 * @param hashGenesisBlock            hash of the genesis block
 * @param subsidyHalvingInterval      blocks between subsidy halvings
 * @param bip34Height                 height from which the coinbase must start with the height (BIP 34)
 * @param bip34Hash                   hash of the block at {@code bip34Height} (zero where it is 1)
 * @param bip65Height                 OP_CHECKLOCKTIMEVERIFY (BIP 65) height
 * @param bip66Height                 strict DER signatures (BIP 66) height
 * @param csvHeight                   BIP 68/112/113 (CSV) height
 * @param segwitHeight                BIP 141/143/147 (segwit) height
 * @param minBip9WarningHeight        no version-bits warnings below this height
 * @param testDummy                   the test deployment (bit 28)
 * @param taproot                     BIP 340-342 deployment; its {@code minActivationHeight} is
 *                                    mainnet's activation height, other chains are always active
 *                                    or (testnet3) followed the BIP 9 state machine
 * @param powLimit                    easiest allowed target
 * @param powAllowMinDifficultyBlocks testnet rule: a block more than 2 × target spacing after its
 *                                    parent may use {@code powLimit} (the "20-minute rule")
 * @param enforceBip94                BIP 94 (testnet4): retarget from the first block of the period,
 *                                    not the possibly min-difficulty last one, and the timewarp fix
 * @param powNoRetargeting            regtest: difficulty never changes
 * @param powTargetSpacing            intended time between blocks
 * @param powTargetTimespan           intended time of one retarget period
 * @param minimumChainWork            least total work a chain must have to be synced from
 * @param defaultAssumeValid          block whose ancestors' scripts are assumed valid
 * @param signetBlocks                whether blocks carry a signet solution (BIP 325)
 * @param signetChallenge             the signet block script (empty on other chains)
 */
public record ConsensusParams(
        Hash256 hashGenesisBlock,
        int subsidyHalvingInterval,
        int bip34Height,
        Hash256 bip34Hash,
        int bip65Height,
        int bip66Height,
        int csvHeight,
        int segwitHeight,
        int minBip9WarningHeight,
        Bip9Deployment testDummy,
        Bip9Deployment taproot,
        BigInteger powLimit,
        boolean powAllowMinDifficultyBlocks,
        boolean enforceBip94,
        boolean powNoRetargeting,
        Duration powTargetSpacing,
        Duration powTargetTimespan,
        BigInteger minimumChainWork,
        Hash256 defaultAssumeValid,
        boolean signetBlocks,
        Bytes signetChallenge) {

    public ConsensusParams {
        Objects.requireNonNull(hashGenesisBlock, "hashGenesisBlock");
        Objects.requireNonNull(bip34Hash, "bip34Hash");
        Objects.requireNonNull(testDummy, "testDummy");
        Objects.requireNonNull(taproot, "taproot");
        Objects.requireNonNull(powLimit, "powLimit");
        Objects.requireNonNull(minimumChainWork, "minimumChainWork");
        Objects.requireNonNull(defaultAssumeValid, "defaultAssumeValid");
        Objects.requireNonNull(signetChallenge, "signetChallenge");
        if (powTargetSpacing.isZero() || powTargetSpacing.isNegative()
                || powTargetTimespan.toSeconds() % powTargetSpacing.toSeconds() != 0) {
            throw new IllegalArgumentException("timespan " + powTargetTimespan + " is not a multiple of spacing "
                    + powTargetSpacing);
        }
    }

    /** consensus/params.h: DifficultyAdjustmentInterval, blocks per retarget period (2016, regtest 144). */
    public long difficultyAdjustmentInterval() {
        return powTargetTimespan.toSeconds() / powTargetSpacing.toSeconds();
    }

    /**
     * pow.cpp: with {@link #powAllowMinDifficultyBlocks()}, a block whose time is more than this
     * after its parent's may have the minimum difficulty (twice the target spacing, 20 minutes).
     */
    public Duration minDifficultyBlockGap() {
        return powTargetSpacing.multipliedBy(2);
    }
}
