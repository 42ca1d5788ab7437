package org.btcnode.core.chain;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.btcnode.core.params.Chain;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.CompactTarget;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** pow.cpp against Core's pow_tests.cpp (real mainnet retargets) and each chain's special rules. */
class PowTest {
    private static final ConsensusParams MAIN = NetworkParameters.MAIN.consensus();
    private static final ConsensusParams TESTNET3 = NetworkParameters.TESTNET3.consensus();
    private static final ConsensusParams TESTNET4 = NetworkParameters.TESTNET4.consensus();
    private static final ConsensusParams SIGNET = NetworkParameters.SIGNET.consensus();
    private static final ConsensusParams REGTEST = NetworkParameters.REGTEST.consensus();

    /**
     * A mainnet-like tree whose block {@code lastHeight} has time {@code lastTime} and whose first
     * block of that period has {@code firstTime}, every block with {@code bits}; the other times
     * rise evenly. Not mined: GetNextWorkRequired never looks at hashes.
     */
    private static BlockIndexEntry periodEndingAt(NetworkParameters net, int lastHeight, long firstTime,
            long lastTime, long bits) {
        HeaderTree tree = new HeaderTree(net.genesisBlock().header());
        int interval = (int) net.consensus().difficultyAdjustmentInterval();
        int firstHeight = lastHeight - (interval - 1);
        long genesisTime = net.genesisBlock().header().time();
        Hash256 prev = tree.genesis().hash();
        BlockIndexEntry last = null;
        for (int h = 1; h <= lastHeight; h++) {
            long time = h <= firstHeight
                    ? genesisTime + (firstTime - genesisTime) * h / firstHeight
                    : firstTime + (lastTime - firstTime) * (h - firstHeight) / (interval - 1);
            BlockHeader header = new BlockHeader(1, prev, Hash256.ZERO, time, bits, h);
            last = tree.add(header);
            prev = last.hash();
        }
        return last;
    }

    /** pow_tests.cpp get_next_work: blocks 30240 and 32255, an ordinary retarget. */
    @Test
    void getNextWork() {
        BlockIndexEntry last = periodEndingAt(NetworkParameters.MAIN, 32255, 1261130161L, 1262152739L, 0x1d00ffffL);
        assertThat(last.getAncestor(30240).time()).isEqualTo(1261130161L);
        assertThat(Pow.calculateNextWorkRequired(last, 1261130161L, MAIN)).isEqualTo(0x1d00d86aL);
        assertThat(Pow.getNextWorkRequired(last, last.time() + 600, MAIN)).isEqualTo(0x1d00d86aL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 32256, 0x1d00ffffL, 0x1d00d86aL)).isTrue();
    }

    /** pow_tests.cpp get_next_work_pow_limit: blocks 0 and 2015, slower than two weeks, capped at the limit. */
    @Test
    void getNextWorkPowLimit() {
        BlockIndexEntry last = periodEndingAt(NetworkParameters.MAIN, 2015, 1231006505L, 1233061996L, 0x1d00ffffL);
        assertThat(Pow.getNextWorkRequired(last, last.time() + 600, MAIN)).isEqualTo(0x1d00ffffL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 2016, 0x1d00ffffL, 0x1d00ffffL)).isTrue();
        assertThat(Pow.permittedDifficultyTransition(MAIN, 2016, 0x1d00ffffL, 0x1d010000L)).isFalse();
    }

    /** pow_tests.cpp get_next_work_lower_limit_actual: blocks 66528 and 68543, faster than 3.5 days. */
    @Test
    void getNextWorkLowerLimitActual() {
        BlockIndexEntry last = periodEndingAt(NetworkParameters.MAIN, 68543, 1279008237L, 1279297671L, 0x1c05a3f4L);
        assertThat(Pow.getNextWorkRequired(last, last.time() + 600, MAIN)).isEqualTo(0x1c0168fdL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 68544, 0x1c05a3f4L, 0x1c0168fdL)).isTrue();
        assertThat(Pow.permittedDifficultyTransition(MAIN, 68544, 0x1c05a3f4L, 0x1c0168fdL - 1)).isFalse();
    }

    /** pow_tests.cpp get_next_work_upper_limit_actual: block 46367, more than 8 weeks after its period's start. */
    @Test
    void getNextWorkUpperLimitActual() {
        BlockIndexEntry last = periodEndingAt(NetworkParameters.MAIN, 46367, 1263163443L, 1269211443L, 0x1c387f6fL);
        assertThat(Pow.getNextWorkRequired(last, last.time() + 600, MAIN)).isEqualTo(0x1d00e1fdL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 46368, 0x1c387f6fL, 0x1d00e1fdL)).isTrue();
        assertThat(Pow.permittedDifficultyTransition(MAIN, 46368, 0x1c387f6fL, 0x1d00e1fdL + 1)).isFalse();
    }

    /**
     * Real mainnet headers around two retargets (vectors/headers): 858806..858817 and
     * 860831..860832. Each meets its target and links to the one before; bits change only at
     * 858816 and 860832, within the permitted range; and Core's retarget from the times of blocks
     * 858816 (first of the period) and 860831 (last) gives exactly block 860832's bits.
     */
    @Test
    void realMainnetRetargets() {
        List<BlockHeader> around858816 = TestChains.headers("mainnet-858806-858817.txt");
        List<BlockHeader> around860832 = TestChains.headers("mainnet-860831-860832.txt");
        for (List<BlockHeader> run : List.of(around858816, around860832)) {
            for (int i = 0; i < run.size(); i++) {
                assertThat(Pow.checkProofOfWork(run.get(i).hash(), run.get(i).bits(), MAIN)).isTrue();
                if (i > 0) {
                    assertThat(run.get(i).prevBlock()).isEqualTo(run.get(i - 1).hash());
                }
            }
        }
        for (int i = 1; i < around858816.size(); i++) {
            long height = 858806 + i;
            assertThat(Pow.permittedDifficultyTransition(MAIN, height, around858816.get(i - 1).bits(),
                    around858816.get(i).bits())).as("height %d", height).isTrue();
        }
        assertThat(around858816.get(9).bits()).isEqualTo(0x17033d76L);
        BlockHeader first = around858816.get(10);                     // 858816
        assertThat(first.bits()).isEqualTo(0x1703255bL);
        BlockHeader last = around860832.get(0);                       // 860831
        BlockHeader retarget = around860832.get(1);                   // 860832
        assertThat(Pow.calculateNextWorkRequired(last.bits(), last.time() - first.time(), MAIN))
                .isEqualTo(retarget.bits()).isEqualTo(0x1703098cL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 860832, last.bits(), retarget.bits())).isTrue();
        // Between retargets the same change is not permitted.
        assertThat(Pow.permittedDifficultyTransition(MAIN, 860831, last.bits(), retarget.bits())).isFalse();
    }

    /** A header of vectors/headers/ with the height and hash listed beside it. */
    private record Listed(int height, Hash256 hash, BlockHeader header) {
    }

    /**
     * The headers of a vectors/headers/ file of "height hash header" lines, by height; each
     * header must hash to the hash listed beside it.
     */
    private static Map<Integer, BlockHeader> listed(String file) {
        Map<Integer, BlockHeader> out = new TreeMap<>();
        for (String line : TestChains.lines(file)) {
            String[] f = line.split(" ");
            Listed l = new Listed(Integer.parseInt(f[0]), Hash256.fromHex(f[1]),
                    BlockHeader.CODEC.decodeExactly(HexFormat.of().parseHex(f[2])));
            assertThat(l.header().hash()).as("height %d", l.height()).isEqualTo(l.hash());
            out.put(l.height(), l.header());
        }
        return out;
    }

    /** Each header meets the target of its own bits on this chain. */
    private static void meetTheirTargets(List<BlockHeader> headers, ConsensusParams params) {
        for (BlockHeader h : headers) {
            assertThat(Pow.checkProofOfWork(h.hash(), h.bits(), params)).as(h.hash().toString()).isTrue();
        }
    }

    /**
     * Real mainnet headers at retarget boundaries (vectors/headers/mainnet-retargets.txt): for
     * each, the first and last header of a period and the next one. Every header meets its own
     * target on mainnet, the next builds on the last, and Core's retarget from the period's first
     * and last times gives exactly the bits the network used: 2016 capped at the pow limit (the
     * first period took longer than two weeks), 32256 the first increase, 34272 the second,
     * 560448 a decrease, 866880 a recent decrease.
     */
    @ParameterizedTest(name = "retarget at {2}")
    @CsvSource({
        "0, 2015, 2016, 0x1d00ffff",
        "30240, 32255, 32256, 0x1d00d86a",
        "32256, 34271, 34272, 0x1d00c428",
        "558432, 560447, 560448, 0x17306835",
        "864864, 866879, 866880, 0x1702f128",
    })
    void realMainnetRetargetBoundaries(int firstHeight, int lastHeight, int nextHeight, String expectedBits) {
        Map<Integer, BlockHeader> headers = listed("mainnet-retargets.txt");
        BlockHeader first = headers.get(firstHeight);
        BlockHeader last = headers.get(lastHeight);
        BlockHeader next = headers.get(nextHeight);
        assertThat(lastHeight - firstHeight + 1).isEqualTo(MAIN.difficultyAdjustmentInterval());
        assertThat(nextHeight % MAIN.difficultyAdjustmentInterval()).isZero();
        meetTheirTargets(List.of(first, last, next), MAIN);
        assertThat(next.prevBlock()).isEqualTo(last.hash());
        assertThat(first.bits()).isEqualTo(last.bits());              // no change inside a period

        long bits = Pow.calculateNextWorkRequired(last.bits(), last.time() - first.time(), MAIN);

        assertThat(bits).isEqualTo(next.bits()).isEqualTo(Long.decode(expectedBits));
        assertThat(Pow.permittedDifficultyTransition(MAIN, nextHeight, last.bits(), next.bits())).isTrue();
        assertThat(Pow.permittedDifficultyTransition(MAIN, nextHeight - 1, last.bits(), next.bits()))
                .isEqualTo(last.bits() == next.bits());
    }

    /**
     * pow_tests.cpp get_next_work and get_next_work_pow_limit take their times from these real
     * headers; get_next_work_lower_limit_actual's period starts at the real block 66528, and the
     * real block 68544 carries the clamped result.
     */
    @Test
    void coresPowTestTimesAreTheRealHeaders() {
        Map<Integer, BlockHeader> headers = listed("mainnet-retargets.txt");
        assertThat(headers.get(0).time()).isEqualTo(1231006505L);
        assertThat(headers.get(2015).time()).isEqualTo(1233061996L);
        assertThat(headers.get(30240).time()).isEqualTo(1261130161L);
        assertThat(headers.get(32255).time()).isEqualTo(1262152739L);
        BlockHeader b66528 = headers.get(66528);
        BlockHeader b68544 = headers.get(68544);
        assertThat(b66528.time()).isEqualTo(1279008237L);
        assertThat(b66528.bits()).isEqualTo(0x1c05a3f4L);
        // Block 68543 (time 1279297671 in pow_tests.cpp) is 68544's parent; the span is under 3.5 days.
        long span = 1279297671L - b66528.time();
        assertThat(span).isLessThan(MAIN.powTargetTimespan().toSeconds() / 4);
        assertThat(Pow.calculateNextWorkRequired(b66528.bits(), span, MAIN)).isEqualTo(b68544.bits()).isEqualTo(0x1c0168fdL);
        meetTheirTargets(List.of(b66528, b68544), MAIN);
    }

    /**
     * Testnet3's first real retarget (vectors/headers/testnet3-headers.txt): blocks 2016 to 4031
     * took 335 seconds, so 4032 is four times harder, the clamp (0x1d00ffff to 0x1c3fffc0), from
     * the last block's bits as on mainnet.
     */
    @Test
    void realTestnet3Retarget() {
        Map<Integer, BlockHeader> headers = listed("testnet3-headers.txt");
        BlockHeader first = headers.get(2016);
        BlockHeader last = headers.get(4031);
        BlockHeader next = headers.get(4032);
        assertThat(next.prevBlock()).isEqualTo(last.hash());
        assertThat(last.time() - first.time()).isEqualTo(335);
        meetTheirTargets(List.of(first, last, next), TESTNET3);
        assertThat(Pow.calculateNextWorkRequired(last.bits(), last.time() - first.time(), TESTNET3))
                .isEqualTo(next.bits()).isEqualTo(0x1c3fffc0L);
    }

    /**
     * Testnet3's 20-minute rule on real headers 478560..478562: 478561 came 1,201 seconds after
     * 478560 and used the minimum difficulty; 478562, timed before 478561, needed the last real
     * difficulty again, found by walking back over 478561. The tree is rooted at 478560 (the rule
     * looks back no further than the last block without the exception).
     */
    @Test
    void realTestnet3MinimumDifficultyBlocks() {
        Map<Integer, BlockHeader> headers = listed("testnet3-headers.txt");
        BlockHeader b478560 = headers.get(478560);
        BlockHeader b478561 = headers.get(478561);
        BlockHeader b478562 = headers.get(478562);
        assertThat(b478561.time() - b478560.time()).isEqualTo(1201);
        assertThat(b478561.bits()).isEqualTo(Pow.powLimitBits(TESTNET3));
        assertThat(b478562.time()).isLessThan(b478561.time());

        HeaderTree tree = new HeaderTree(b478560);
        BlockIndexEntry e478560 = tree.genesis();
        assertThat(Pow.getNextWorkRequired(e478560, b478561.time(), TESTNET3)).isEqualTo(b478561.bits());
        // One second earlier, exactly 20 minutes: the real difficulty.
        assertThat(Pow.getNextWorkRequired(e478560, b478561.time() - 1, TESTNET3)).isEqualTo(b478560.bits());
        BlockIndexEntry e478561 = tree.add(b478561);
        assertThat(Pow.getNextWorkRequired(e478561, b478562.time(), TESTNET3)).isEqualTo(b478562.bits())
                .isEqualTo(0x1b11ad70L);
        BlockIndexEntry e478562 = tree.add(b478562);
        assertThat(e478562.prev()).isSameAs(e478561);
        meetTheirTargets(List.of(b478560, b478561, b478562), TESTNET3);
        // Mainnet's rules would have refused 478561's bits.
        assertThat(Pow.getNextWorkRequired(e478560, b478561.time(), MAIN)).isEqualTo(b478560.bits());
    }

    /**
     * Testnet4's real block 1 (vectors/headers/testnet4-headers.txt) on the chain's genesis, 44
     * hours later at the minimum difficulty: accepted by the header checks, including BIP 94's.
     */
    @Test
    void realTestnet4BlockOneOnItsGenesis() {
        BlockHeader one = listed("testnet4-headers.txt").get(1);
        HeaderTree tree = new HeaderTree(NetworkParameters.TESTNET4.genesisBlock().header());
        assertThat(tree.genesis().hash()).hasToString("00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043");
        assertThat(one.prevBlock()).isEqualTo(tree.genesis().hash());
        assertThat(Pow.getNextWorkRequired(tree.genesis(), one.time(), TESTNET4)).isEqualTo(one.bits());

        HeaderValidator.Acceptance a = new HeaderValidator(TESTNET4, TestChains.LATE_CLOCK)
                .acceptBlockHeader(tree, one, true);

        assertThat(a.state().isValid()).as(a.state().toString()).isTrue();
        assertThat(a.entry().orElseThrow().height()).isEqualTo(1);
    }

    /**
     * pow_tests.cpp sanity_check_chainparams, for every chain: the genesis hashes to the
     * consensus genesis hash, the timespan is a whole number of spacings, the genesis bits are
     * positive, do not overflow and are within the pow limit, and (where retargeting happens)
     * the pow limit times four timespans stays below 2^256, so the retarget cannot overflow.
     */
    @Test
    void chainParamsSanity() {
        BigInteger max256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        for (Chain chain : Chain.values()) {
            NetworkParameters net = NetworkParameters.of(chain);
            ConsensusParams c = net.consensus();
            assertThat(net.genesisBlock().hash()).as(chain.id()).isEqualTo(c.hashGenesisBlock());
            assertThat(c.powTargetTimespan().toSeconds() % c.powTargetSpacing().toSeconds()).isZero();
            CompactTarget genesisTarget = CompactTarget.decode(net.genesisBlock().header().bits());
            assertThat(genesisTarget.isUsable()).as(chain.id()).isTrue();
            assertThat(genesisTarget.value()).as(chain.id()).isLessThanOrEqualTo(c.powLimit());
            if (!c.powNoRetargeting()) {
                BigInteger maxTarget = max256.divide(BigInteger.valueOf(c.powTargetTimespan().toSeconds() * 4));
                assertThat(c.powLimit()).as(chain.id()).isLessThan(maxTarget);
            }
        }
    }

    @Test
    void betweenRetargetsTheBitsMayNotChangeOnMainnet() {
        BlockIndexEntry last = periodEndingAt(NetworkParameters.MAIN, 2100, 1233061996L, 1233500000L, 0x1d00d86aL);
        // A block hours late still needs the same bits: no minimum-difficulty rule on mainnet.
        assertThat(Pow.getNextWorkRequired(last, last.time() + 86_400, MAIN)).isEqualTo(0x1d00d86aL);
        assertThat(Pow.permittedDifficultyTransition(MAIN, 2101, 0x1d00d86aL, 0x1d00d86aL)).isTrue();
        assertThat(Pow.permittedDifficultyTransition(MAIN, 2101, 0x1d00d86aL, 0x1d00d86bL)).isFalse();
    }

    /** pow_tests.cpp CheckProofOfWork_test_*: bad targets fail whatever the hash. */
    @Test
    void checkProofOfWorkRefusesNegativeOverflowingTooEasyAndZeroTargets() {
        Hash256 zeroHash = Hash256.ZERO;
        assertThat(Pow.checkProofOfWork(zeroHash, CompactTarget.encode(BigInteger.ONE, true), MAIN)).isFalse(); // negative
        assertThat(Pow.checkProofOfWork(zeroHash, 0xff7fffffL, MAIN)).isFalse();                               // overflow
        long tooEasy = CompactTarget.encode(MAIN.powLimit().shiftLeft(1));
        assertThat(Pow.checkProofOfWork(zeroHash, tooEasy, MAIN)).isFalse();
        assertThat(Pow.checkProofOfWork(zeroHash, 0, MAIN)).isFalse();                                           // zero
        // A hash one above the target fails, the target itself passes.
        BigInteger target = CompactTarget.decode(0x1d00ffffL).value();
        assertThat(Pow.checkProofOfWork(hashOf(target.add(BigInteger.ONE)), 0x1d00ffffL, MAIN)).isFalse();
        assertThat(Pow.checkProofOfWork(hashOf(target), 0x1d00ffffL, MAIN)).isTrue();
    }

    private static Hash256 hashOf(BigInteger value) {
        byte[] big = new byte[32];
        byte[] raw = value.toByteArray();
        System.arraycopy(raw, Math.max(0, raw.length - 32), big, 32 - Math.min(32, raw.length), Math.min(32, raw.length));
        byte[] internal = new byte[32];
        for (int i = 0; i < 32; i++) {
            internal[i] = big[31 - i];
        }
        return Hash256.wrap(internal);
    }

    @Test
    void everyGenesisMeetsItsChainsProofOfWorkAndCarriesThePowLimit() {
        for (Chain chain : Chain.values()) {
            NetworkParameters net = NetworkParameters.of(chain);
            BlockHeader genesis = net.genesisBlock().header();
            assertThat(Pow.checkProofOfWork(genesis.hash(), genesis.bits(), net.consensus())).as(chain.id()).isTrue();
            assertThat(genesis.bits()).as(chain.id()).isEqualTo(Pow.powLimitBits(net.consensus()));
            if (chain != Chain.REGTEST) { // regtest's target passes every other hash
                assertThat(Pow.checkProofOfWork(genesis.withNonce(genesis.nonce() + 1).hash(), genesis.bits(),
                        net.consensus())).as(chain.id()).isFalse();
            }
        }
    }

    /** Block 413567 (Core's bench block) meets its target on mainnet; a changed nonce does not. */
    @Test
    void block413567MeetsItsTarget() {
        BlockHeader h = TestChains.header413567();
        assertThat(h.hash()).hasToString("0000000000000000025aff8be8a55df8f89c77296db6198f272d6577325d4069");
        assertThat(Pow.checkProofOfWork(h.hash(), h.bits(), MAIN)).isTrue();
        assertThat(Pow.checkProofOfWork(h.withNonce(h.nonce() ^ 1).hash(), h.bits(), MAIN)).isFalse();
        // Too hard for the bits of an easier block: the hash is checked against the header's own bits.
        assertThat(Pow.checkProofOfWork(h.hash(), 0x1d00ffffL, MAIN)).isTrue();
        assertThat(Pow.checkProofOfWork(h.hash(), 0x170fffffL, MAIN)).isFalse();
    }

    /** Testnet3's 20-minute rule and the walk back over minimum-difficulty blocks. */
    @Test
    void testnet3MinimumDifficultyBlocks() {
        long hard = 0x1c0fffffL;
        long limit = Pow.powLimitBits(TESTNET3);
        HeaderTree tree = new HeaderTree(NetworkParameters.TESTNET3.genesisBlock().header());
        long t0 = NetworkParameters.TESTNET3.genesisBlock().header().time();
        BlockIndexEntry last = TestChains.addAll(tree, TestChains.synthetic(tree.genesis().hash(), t0 + 600, 600, hard, 100, 1));
        // Within 20 minutes: the chain's difficulty.
        assertThat(Pow.getNextWorkRequired(last, last.time() + 1200, TESTNET3)).isEqualTo(hard);
        // More than 20 minutes after the parent: the minimum difficulty is allowed.
        assertThat(Pow.getNextWorkRequired(last, last.time() + 1201, TESTNET3)).isEqualTo(limit);
        // Two minimum-difficulty blocks later, an on-time block needs the last real difficulty again.
        BlockIndexEntry min1 = tree.add(new BlockHeader(4, last.hash(), Hash256.ZERO, last.time() + 1201, limit, 1));
        BlockIndexEntry min2 = tree.add(new BlockHeader(4, min1.hash(), Hash256.ZERO, min1.time() + 1201, limit, 2));
        assertThat(Pow.getNextWorkRequired(min2, min2.time() + 600, TESTNET3)).isEqualTo(hard);
        // Mainnet has no such rule: the same late block needs the parent's bits.
        assertThat(Pow.getNextWorkRequired(last, last.time() + 7200, MAIN)).isEqualTo(hard);
        // Pre-sync cannot check transitions on such chains.
        assertThat(Pow.permittedDifficultyTransition(TESTNET3, 102, hard, limit)).isTrue();
    }

    /**
     * BIP 94: testnet4 retargets from the first block of the period, so a minimum-difficulty last
     * block does not drag the next period down; testnet3 retargets from the last one.
     */
    @Test
    void testnet4RetargetsFromTheFirstBlockOfThePeriod() {
        long hard = 0x1c0fffffL;
        long limit = Pow.powLimitBits(TESTNET4);
        for (NetworkParameters net : List.of(NetworkParameters.TESTNET4, NetworkParameters.TESTNET3)) {
            HeaderTree tree = new HeaderTree(net.genesisBlock().header());
            long t0 = net.genesisBlock().header().time();
            // Heights 1..4030 at 10 minutes, then 4031 at the minimum difficulty 21 minutes later.
            List<BlockHeader> headers = new ArrayList<>(TestChains.synthetic(tree.genesis().hash(), t0 + 600, 600, hard, 4030, 2));
            BlockHeader late = new BlockHeader(4, headers.get(headers.size() - 1).hash(), Hash256.ZERO,
                    headers.get(headers.size() - 1).time() + 1260, limit, 0);
            headers.add(late);
            BlockIndexEntry last = TestChains.addAll(tree, headers);
            assertThat(last.height()).isEqualTo(4031);
            long span = last.time() - last.getAncestor(2016).time();
            long next = Pow.getNextWorkRequired(last, last.time() + 600, net.consensus());
            if (net == NetworkParameters.TESTNET4) {
                assertThat(next).isEqualTo(Pow.calculateNextWorkRequired(hard, span, net.consensus()));
                assertThat(CompactTarget.decode(next).value()).isLessThan(CompactTarget.decode(limit).value());
            } else {
                assertThat(next).isEqualTo(limit); // the minimum difficulty, scaled and capped
            }
        }
    }

    @Test
    void regtestNeverRetargets() {
        HeaderTree tree = new HeaderTree(TestChains.regtestGenesis());
        long t0 = TestChains.regtestGenesis().time();
        // 143 blocks one second apart: far faster than one a day, yet block 144 keeps the bits.
        BlockIndexEntry last = TestChains.addAll(tree, TestChains.synthetic(tree.genesis().hash(), t0 + 1, 1,
                TestChains.REGTEST_BITS, 143, 3));
        assertThat((last.height() + 1) % REGTEST.difficultyAdjustmentInterval()).isZero();
        assertThat(Pow.getNextWorkRequired(last, last.time() + 1, REGTEST)).isEqualTo(TestChains.REGTEST_BITS);
    }

    @Test
    void signetRetargetsAgainstItsOwnLimit() {
        long genesisBits = NetworkParameters.SIGNET.genesisBlock().header().bits();
        // A slow period on signet caps at signet's limit, not mainnet's.
        BlockIndexEntry slow = periodEndingAt(NetworkParameters.SIGNET, 2015, 1598918400L + 600,
                1598918400L + 8 * 1_209_600L, genesisBits);
        assertThat(Pow.getNextWorkRequired(slow, slow.time() + 600, SIGNET)).isEqualTo(0x1e0377aeL);
        // A fast one (a day) makes it four times harder, the clamp.
        BlockIndexEntry fast = periodEndingAt(NetworkParameters.SIGNET, 2015, 1598918400L + 600,
                1598918400L + 86_400, genesisBits);
        long next = Pow.getNextWorkRequired(fast, fast.time() + 600, SIGNET);
        assertThat(CompactTarget.decode(next).value())
                .isEqualTo(CompactTarget.decode(Pow.calculateNextWorkRequired(genesisBits, 1_209_600L / 4, SIGNET)).value());
        assertThat(Arrays.asList(next)).doesNotContain(genesisBits);
    }
}
