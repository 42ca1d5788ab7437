package org.btcnode.core.chain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderValidatorTest {
    private static final BlockHeader GENESIS = TestChains.regtestGenesis();
    private static final HeaderValidator REGTEST = new HeaderValidator(TestChains.REGTEST.consensus(), TestChains.LATE_CLOCK);

    private static BlockHeader mined(BlockIndexEntry prev, int version, long time, long bits) {
        return TestChains.mine(new BlockHeader(version, prev.hash(), Hash256.ZERO, time, bits, 0),
                TestChains.REGTEST.consensus());
    }

    @Test
    void realMainnetHeadersAreAcceptedOneByOne() {
        List<BlockHeader> headers = TestChains.mainnetHeaders0To10();
        HeaderValidator validator = new HeaderValidator(NetworkParameters.MAIN.consensus(),
                InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z")));
        HeaderTree tree = new HeaderTree(NetworkParameters.MAIN.genesisBlock().header());
        assertThat(headers.get(0).hash()).isEqualTo(tree.genesis().hash());
        HeaderValidator.Processed p = validator.processNewBlockHeaders(tree, headers.subList(1, 11), true);
        assertThat(p.state().isValid()).as(p.state().toString()).isTrue();
        assertThat(p.added()).hasSize(10);
        assertThat(tree.bestHeader().height()).isEqualTo(10);
        // Again: all known, nothing added, each a duplicate.
        HeaderValidator.Processed again = validator.processNewBlockHeaders(tree, headers.subList(1, 11), true);
        assertThat(again.added()).isEmpty();
        assertThat(again.accepted()).hasSize(10);
        assertThat(validator.acceptBlockHeader(tree, headers.get(5), true).duplicate()).isTrue();
        // The genesis header is known as well.
        assertThat(validator.acceptBlockHeader(tree, headers.get(0), true).duplicate()).isTrue();
    }

    @Test
    void highHashIsRefusedBeforeAnythingElse() {
        BlockHeader real = TestChains.header413567();
        HeaderValidator validator = new HeaderValidator(NetworkParameters.MAIN.consensus(), TestChains.LATE_CLOCK);
        assertThat(validator.checkBlockHeader(real).isValid()).isTrue();
        BlockValidationState s = validator.checkBlockHeader(real.withNonce(real.nonce() ^ 1));
        assertThat(s.rejectReason()).isEqualTo("high-hash");
        assertThat(s.result()).isEqualTo(BlockValidationResult.BLOCK_INVALID_HEADER);
        assertThat(s.result().discourages(true, false)).isTrue();
        // Through acceptBlockHeader the parent (block 413566) is unknown, but the hash is checked first.
        HeaderTree tree = new HeaderTree(NetworkParameters.MAIN.genesisBlock().header());
        assertThat(validator.acceptBlockHeader(tree, real.withNonce(real.nonce() ^ 1), true).state().rejectReason())
                .isEqualTo("high-hash");
        HeaderValidator.Acceptance orphan = validator.acceptBlockHeader(tree, real, true);
        assertThat(orphan.state().rejectReason()).isEqualTo("prev-blk-not-found");
        assertThat(orphan.state().result()).isEqualTo(BlockValidationResult.BLOCK_MISSING_PREV);
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void minedRegtestChainIsAcceptedAndEachRuleRefusesWithCoresReason() {
        HeaderTree tree = new HeaderTree(GENESIS);
        List<BlockHeader> chain = TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 20, 600, 1);
        HeaderValidator.Processed p = REGTEST.processNewBlockHeaders(tree, chain, true);
        assertThat(p.state().isValid()).as(p.state().toString()).isTrue();
        BlockIndexEntry tip = tree.bestHeader();
        assertThat(tip.height()).isEqualTo(20);

        // bad-diffbits: a harder target than the chain asks for (regtest never changes it).
        assertReject(tree, mined(tip, 4, tip.time() + 600, 0x1f7fffffL), "bad-diffbits", BlockValidationResult.BLOCK_INVALID_HEADER);
        // time-too-old: exactly the median time past is too old; one second later is fine.
        long mtp = tip.medianTimePast();
        assertReject(tree, mined(tip, 4, mtp, TestChains.REGTEST_BITS), "time-too-old", BlockValidationResult.BLOCK_INVALID_HEADER);
        assertThat(REGTEST.contextualCheckBlockHeader(mined(tip, 4, mtp + 1, TestChains.REGTEST_BITS), tip).isValid()).isTrue();
        // time-too-new: more than two hours after our clock; exactly two hours is fine.
        long now = TestChains.LATE_CLOCK.instant().getEpochSecond();
        BlockValidationState future = REGTEST.contextualCheckBlockHeader(mined(tip, 4, now + 7201, TestChains.REGTEST_BITS), tip);
        assertThat(future.rejectReason()).isEqualTo("time-too-new");
        assertThat(future.result()).isEqualTo(BlockValidationResult.BLOCK_TIME_FUTURE);
        assertThat(future.result().discourages(false, false)).as("our clock may be wrong").isFalse();
        assertThat(REGTEST.contextualCheckBlockHeader(mined(tip, 4, now + 7200, TestChains.REGTEST_BITS), tip).isValid()).isTrue();
        // bad-version: regtest has BIP 34/66/65 from height 1, so versions 1, 2 and 3 are outdated.
        for (int version = 1; version <= 3; version++) {
            assertReject(tree, mined(tip, version, tip.time() + 600, TestChains.REGTEST_BITS),
                    String.format("bad-version(0x%08x)", version), BlockValidationResult.BLOCK_INVALID_HEADER);
        }
        assertThat(REGTEST.contextualCheckBlockHeader(mined(tip, 0x20000000, tip.time() + 600, TestChains.REGTEST_BITS), tip)
                .isValid()).isTrue();
        assertThat(tree.size()).as("nothing refused was added").isEqualTo(21);
    }

    @Test
    void mainnetVersionRulesFollowTheBuriedHeights() {
        // Synthetic mainnet tree up to BIP 34's height - 1: version 1 is fine at 227931 - 1, not at 227931.
        var params = NetworkParameters.MAIN.consensus();
        HeaderValidator validator = new HeaderValidator(params, TestChains.LATE_CLOCK);
        HeaderTree tree = new HeaderTree(NetworkParameters.MAIN.genesisBlock().header());
        long t0 = NetworkParameters.MAIN.genesisBlock().header().time();
        BlockIndexEntry prev = TestChains.addAll(tree, TestChains.synthetic(tree.genesis().hash(), t0 + 600, 600,
                0x1d00ffffL, params.bip34Height() - 2, 4));
        assertThat(prev.height() + 1).isEqualTo(params.bip34Height() - 1);
        long bits = Pow.getNextWorkRequired(prev, prev.time() + 600, params);
        BlockHeader v1 = new BlockHeader(1, prev.hash(), Hash256.ZERO, prev.time() + 600, bits, 0);
        assertThat(validator.contextualCheckBlockHeader(v1, prev).isValid()).isTrue();
        BlockIndexEntry atBip34 = tree.add(v1);
        long bits2 = Pow.getNextWorkRequired(atBip34, atBip34.time() + 600, params);
        BlockHeader v1Late = new BlockHeader(1, atBip34.hash(), Hash256.ZERO, atBip34.time() + 600, bits2, 0);
        assertThat(validator.contextualCheckBlockHeader(v1Late, atBip34).rejectReason()).isEqualTo("bad-version(0x00000001)");
        BlockHeader v2 = new BlockHeader(2, atBip34.hash(), Hash256.ZERO, atBip34.time() + 600, bits2, 0);
        assertThat(validator.contextualCheckBlockHeader(v2, atBip34).isValid()).isTrue();
    }

    @Test
    void testnet4RefusesATimewarpOnTheFirstBlockOfAPeriod() {
        var params = NetworkParameters.TESTNET4.consensus();
        HeaderValidator validator = new HeaderValidator(params, TestChains.LATE_CLOCK);
        HeaderTree tree = new HeaderTree(NetworkParameters.TESTNET4.genesisBlock().header());
        long t0 = NetworkParameters.TESTNET4.genesisBlock().header().time();
        List<BlockHeader> period = new ArrayList<>(TestChains.synthetic(tree.genesis().hash(), t0 + 600, 600, 0x1d00ffffL, 2014, 6));
        // Block 2015 jumps 3 hours ahead: the median time past stays far behind it.
        BlockHeader jump = new BlockHeader(4, period.get(period.size() - 1).hash(), Hash256.ZERO,
                period.get(period.size() - 1).time() + 3 * 3600, 0x1d00ffffL, 0);
        period.add(jump);
        BlockIndexEntry prev = TestChains.addAll(tree, period);
        assertThat(prev.height()).isEqualTo(2015);
        long mtp = prev.medianTimePast();
        long bitsFor = Pow.getNextWorkRequired(prev, prev.time() - 601, params);
        // 601 seconds before its parent: after the MTP, but more than MAX_TIMEWARP back.
        BlockHeader warped = new BlockHeader(4, prev.hash(), Hash256.ZERO, prev.time() - 601, bitsFor, 0);
        assertThat(warped.time()).isGreaterThan(mtp);
        BlockValidationState s = validator.contextualCheckBlockHeader(warped, prev);
        assertThat(s.rejectReason()).isEqualTo("time-timewarp-attack");
        assertThat(s.result()).isEqualTo(BlockValidationResult.BLOCK_INVALID_HEADER);
        // Exactly 600 seconds back is allowed.
        BlockHeader edge = new BlockHeader(4, prev.hash(), Hash256.ZERO, prev.time() - 600,
                Pow.getNextWorkRequired(prev, prev.time() - 600, params), 0);
        assertThat(validator.contextualCheckBlockHeader(edge, prev).isValid()).isTrue();
        // Testnet3 has no such rule: the same warped header passes its contextual checks.
        var t3 = NetworkParameters.TESTNET3.consensus();
        HeaderTree tree3 = new HeaderTree(NetworkParameters.TESTNET3.genesisBlock().header());
        long t3Genesis = NetworkParameters.TESTNET3.genesisBlock().header().time();
        List<BlockHeader> period3 = new ArrayList<>(TestChains.synthetic(tree3.genesis().hash(), t3Genesis + 600, 600,
                0x1d00ffffL, 2014, 6));
        period3.add(new BlockHeader(4, period3.get(2013).hash(), Hash256.ZERO, period3.get(2013).time() + 3 * 3600,
                0x1d00ffffL, 0));
        BlockIndexEntry prev3 = TestChains.addAll(tree3, period3);
        BlockHeader warped3 = new BlockHeader(4, prev3.hash(), Hash256.ZERO, prev3.time() - 601,
                Pow.getNextWorkRequired(prev3, prev3.time() - 601, t3), 0);
        assertThat(new HeaderValidator(t3, TestChains.LATE_CLOCK).contextualCheckBlockHeader(warped3, prev3).isValid()).isTrue();
    }

    @Test
    void failedParentsAndFailedHeadersAreRefused() {
        HeaderTree tree = new HeaderTree(GENESIS);
        List<BlockHeader> chain = TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 5, 600, 2);
        REGTEST.processNewBlockHeaders(tree, chain, true);
        BlockIndexEntry third = tree.get(chain.get(2).hash()).orElseThrow();
        tree.markFailed(third);
        HeaderValidator.Acceptance dup = REGTEST.acceptBlockHeader(tree, chain.get(2), true);
        assertThat(dup.state().rejectReason()).isEqualTo("duplicate-invalid");
        assertThat(dup.state().result()).isEqualTo(BlockValidationResult.BLOCK_CACHED_INVALID);
        assertThat(dup.state().result().discourages(true, false)).as("inbound peers are spared").isFalse();
        assertThat(dup.state().result().discourages(false, false)).isTrue();
        BlockHeader child = TestChains.mineRegtest(chain.get(4).hash(), chain.get(4).time(), 1, 600, 3).get(0);
        HeaderValidator.Acceptance a = REGTEST.acceptBlockHeader(tree, child, true);
        assertThat(a.state().rejectReason()).isEqualTo("bad-prevblk");
        assertThat(a.state().result()).isEqualTo(BlockValidationResult.BLOCK_INVALID_PREV);
    }

    @Test
    void lowWorkHeadersAreCheckedButNotAdded() {
        HeaderTree tree = new HeaderTree(GENESIS);
        List<BlockHeader> chain = TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 3, 600, 4);
        HeaderValidator.Processed p = REGTEST.processNewBlockHeaders(tree, chain, false);
        assertThat(p.state().rejectReason()).isEqualTo("too-little-chainwork");
        assertThat(p.state().result().discourages(false, false)).isFalse();
        assertThat(p.failedHash()).contains(chain.get(0).hash());
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void processingStopsAtTheFirstInvalidHeader() {
        HeaderTree tree = new HeaderTree(GENESIS);
        List<BlockHeader> chain = new ArrayList<>(TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 6, 600, 5));
        BlockHeader original = chain.get(3);
        // Replace block 3 with one whose time is before the MTP: 0, 1, 2 are added, the rest refused.
        BlockHeader old = TestChains.mine(new BlockHeader(4, chain.get(2).hash(), Hash256.ZERO, GENESIS.time(),
                TestChains.REGTEST_BITS, 0), TestChains.REGTEST.consensus());
        chain.set(3, old);
        HeaderValidator.Processed p = REGTEST.processNewBlockHeaders(tree, chain, true);
        assertThat(p.state().rejectReason()).isEqualTo("time-too-old");
        assertThat(p.failedHash()).contains(old.hash());
        assertThat(p.added()).hasSize(3);
        assertThat(tree.contains(original.hash())).isFalse();
        assertThat(HeaderValidator.checkHeadersPoW(chain.subList(0, 3), TestChains.REGTEST.consensus())).isTrue();
        assertThat(HeaderValidator.checkHeadersPoW(List.of(chain.get(0), chain.get(2)), TestChains.REGTEST.consensus()))
                .as("not continuous").isFalse();
    }

    private static void assertReject(HeaderTree tree, BlockHeader header, String reason, BlockValidationResult result) {
        HeaderValidator.Acceptance a = REGTEST.acceptBlockHeader(tree, header, true);
        assertThat(a.state().rejectReason()).isEqualTo(reason);
        assertThat(a.state().result()).isEqualTo(result);
        assertThat(a.entry()).isEmpty();
        assertThat(tree.contains(header.hash())).isFalse();
    }
}
