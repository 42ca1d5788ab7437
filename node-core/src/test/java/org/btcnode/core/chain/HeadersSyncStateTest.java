package org.btcnode.core.chain;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.btcnode.core.params.HeadersSyncParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** headerssync.cpp's pre-sync and redownload on mined regtest chains (Core's headers_sync_chainwork_tests). */
class HeadersSyncStateTest {
    private static final BlockHeader GENESIS = TestChains.regtestGenesis();
    private static final HeadersSyncParams CORE_REGTEST = NetworkParameters.REGTEST.headersSyncParams();
    /** Small enough that a few hundred headers cross many commitments and the buffer. */
    private static final HeadersSyncParams SMALL = new HeadersSyncParams(10, 50);
    private static final int MAX_HEADERS_RESULTS = 2000; // net_processing.cpp

    private static final List<BlockHeader> CHAIN_A = TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 8200, 600, 1);
    private static final List<BlockHeader> CHAIN_B = TestChains.mineRegtest(GENESIS.hash(), GENESIS.time(), 8200, 600, 2);

    private final HeaderTree tree = new HeaderTree(GENESIS);

    private HeadersSyncState sync(HeadersSyncParams params, int minimumHeight, InstantSource clock) {
        ChainWork minimum = tree.genesis().chainWork().add(
                new ChainWork(ChainWork.ofBits(TestChains.REGTEST_BITS).value().multiply(java.math.BigInteger.valueOf(minimumHeight))));
        return new HeadersSyncState(7, TestChains.REGTEST.consensus(), params, tree.genesis(), minimum, clock, new Random(42));
    }

    /**
     * Pre-syncs {@code headers} in messages of {@code size}, full while more follow, until the sync
     * stops asking or switches to redownload; checks the memory bounds after each message.
     */
    private static Feed feed(HeadersSyncState sync, List<BlockHeader> headers, int size, HeadersSyncParams params) {
        Feed f = new Feed();
        for (int from = 0; from < headers.size(); from += size) {
            List<BlockHeader> message = headers.subList(from, Math.min(headers.size(), from + size));
            HeadersSyncState.ProcessingResult r = sync.processNextHeaders(message, message.size() == size);
            f.released.addAll(r.powValidatedHeaders());
            f.last = r;
            f.messages++;
            assertThat(sync.commitmentCount()).isLessThanOrEqualTo((int) Math.min(Integer.MAX_VALUE, sync.maxCommitments()));
            assertThat(sync.redownloadBufferSize()).isLessThanOrEqualTo(params.redownloadBufferSize());
            if (!r.success() || !r.requestMore() || sync.state() != HeadersSyncState.State.PRESYNC) {
                break;
            }
        }
        return f;
    }

    private static final class Feed {
        final List<BlockHeader> released = new ArrayList<>();
        HeadersSyncState.ProcessingResult last;
        int messages;
    }

    @Test
    void aLowWorkChainIsNeverReleased() {
        HeadersSyncState sync = sync(CORE_REGTEST, 8000, TestChains.LATE_CLOCK);
        Feed f = feed(sync, CHAIN_A.subList(0, 5000), MAX_HEADERS_RESULTS, CORE_REGTEST);
        // Two full messages, then a short one: the peer's chain ended below the minimum work.
        assertThat(f.messages).isEqualTo(3);
        assertThat(f.last.success()).isTrue();
        assertThat(f.last.requestMore()).isFalse();
        assertThat(f.released).isEmpty();
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.FINAL);
        assertThat(sync.commitmentCount()).as("memory freed").isZero();
        assertThat(tree.size()).isEqualTo(1);
    }

    @Test
    void aChainReachingTheMinimumWorkIsReleasedAfterRedownloadAndValidates() {
        HeadersSyncState sync = sync(CORE_REGTEST, 7000, TestChains.LATE_CLOCK);
        // Pre-sync: the fourth message crosses the minimum work and asks to start again.
        HeadersSyncState.ProcessingResult r = null;
        int from = 0;
        while (sync.state() == HeadersSyncState.State.PRESYNC) {
            List<BlockHeader> message = CHAIN_A.subList(from, from + MAX_HEADERS_RESULTS);
            assertThat(sync.nextHeadersRequestLocator().get(0)).isEqualTo(message.get(0).prevBlock());
            r = sync.processNextHeaders(message, true);
            assertThat(r.powValidatedHeaders()).isEmpty();
            from += MAX_HEADERS_RESULTS;
        }
        assertThat(from).isEqualTo(8000);
        assertThat(r.requestMore()).isTrue();
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.REDOWNLOAD);
        assertThat(sync.presyncHeight()).isEqualTo(8000);
        assertThat(sync.commitmentCount()).isBetween(28, 30);               // 8000 / 275
        // Redownload starts again from the fork point (genesis) and releases headers behind the buffer.
        assertThat(sync.nextHeadersRequestLocator()).startsWith(GENESIS.hash());
        List<BlockHeader> released = new ArrayList<>();
        from = 0;
        while (sync.state() == HeadersSyncState.State.REDOWNLOAD) {
            List<BlockHeader> message = CHAIN_A.subList(from, from + MAX_HEADERS_RESULTS);
            r = sync.processNextHeaders(message, true);
            assertThat(r.success()).isTrue();
            released.addAll(r.powValidatedHeaders());
            assertThat(sync.redownloadBufferSize()).isLessThanOrEqualTo(CORE_REGTEST.redownloadBufferSize());
            from += MAX_HEADERS_RESULTS;
            if (from < 7000) {
                assertThat(released).as("held back behind the buffer").hasSize(Math.max(0, from - 7017));
            }
        }
        // Once the redownloaded chain has the minimum work (height 7000) all of the message is released.
        assertThat(released).isEqualTo(CHAIN_A.subList(0, 8000));
        assertThat(r.requestMore()).isFalse();
        // What was released validates in full and goes into the tree.
        HeaderValidator validator = new HeaderValidator(TestChains.REGTEST.consensus(), TestChains.LATE_CLOCK);
        HeaderValidator.Processed p = validator.processNewBlockHeaders(tree, released, true);
        assertThat(p.state().isValid()).isTrue();
        assertThat(tree.bestHeader().height()).isEqualTo(8000);
    }

    @Test
    void aPeerThatChangesItsChainBeforeRedownloadIsCaught() {
        HeadersSyncState sync = sync(SMALL, 700, TestChains.LATE_CLOCK);
        Feed presync = feed(sync, CHAIN_A.subList(0, 1000), 100, SMALL);
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.REDOWNLOAD);
        assertThat(presync.released).isEmpty();
        // Chain B from genesis: a different chain of the same work; its commitment bits do not match.
        List<BlockHeader> released = new ArrayList<>();
        HeadersSyncState.ProcessingResult r = null;
        for (int from = 0; from < 1000 && sync.state() == HeadersSyncState.State.REDOWNLOAD; from += 100) {
            r = sync.processNextHeaders(CHAIN_B.subList(from, from + 100), true);
            released.addAll(r.powValidatedHeaders());
        }
        assertThat(r.success()).isFalse();
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.FINAL);
        // Released headers are only ever those 5 matching commitments behind; with this seed none.
        assertThat(released).isEmpty();
    }

    @Test
    void aPeerThatForksItsChainMidwayIsCaughtBeforeTheForkIsReleased() {
        HeadersSyncState sync = sync(SMALL, 700, TestChains.LATE_CLOCK);
        feed(sync, CHAIN_A.subList(0, 1000), 100, SMALL);
        // Redownload: A up to 400, then a fork mined on A's block 400.
        List<BlockHeader> forked = new ArrayList<>(CHAIN_A.subList(0, 400));
        BlockHeader at400 = CHAIN_A.get(399);
        forked.addAll(TestChains.mineRegtest(at400.hash(), at400.time(), 600, 600, 3));
        List<BlockHeader> released = new ArrayList<>();
        HeadersSyncState.ProcessingResult r = null;
        for (int from = 0; from < 1000 && sync.state() == HeadersSyncState.State.REDOWNLOAD; from += 100) {
            r = sync.processNextHeaders(forked.subList(from, from + 100), true);
            released.addAll(r.powValidatedHeaders());
        }
        assertThat(r.success()).isFalse();
        assertThat(released).isNotEmpty();
        assertThat(CHAIN_A).as("only headers of the committed chain are released").containsAll(released);
    }

    @Test
    void commitmentsAreBoundedByTheTimeSinceTheForkPoint() {
        // Our clock says the fork point is 100 s - 2 h old: at most 6 × 100 / 10 = 60 commitments.
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(GENESIS.time() - 7200 + 100));
        HeadersSyncState sync = sync(SMALL, 8000, clock);
        assertThat(sync.maxCommitments()).isEqualTo(60);
        Feed f = feed(sync, CHAIN_A.subList(0, 2000), 100, SMALL);
        assertThat(f.last.success()).as("a chain longer than time allows is given up").isFalse();
        assertThat(f.messages).isEqualTo(7);                  // the 61st commitment, near height 610
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.FINAL);
        assertThat(sync.commitmentCount()).isZero();
    }

    @Test
    void headersThatDoNotConnectEndThePresync() {
        HeadersSyncState sync = sync(SMALL, 8000, TestChains.LATE_CLOCK);
        assertThat(sync.processNextHeaders(CHAIN_A.subList(0, 100), true).requestMore()).isTrue();
        HeadersSyncState.ProcessingResult r = sync.processNextHeaders(CHAIN_A.subList(150, 250), true);
        assertThat(r.success()).isFalse();
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.FINAL);
        assertThat(sync.nextHeadersRequestLocator()).isEmpty();
        assertThat(sync.processNextHeaders(CHAIN_A.subList(100, 200), true).success()).as("used up").isFalse();
    }

    @Test
    void mainnetPresyncRefusesADifficultyJumpBetweenRetargets() {
        var main = NetworkParameters.MAIN;
        HeaderTree mainTree = new HeaderTree(main.genesisBlock().header());
        HeadersSyncState sync = new HeadersSyncState(8, main.consensus(), main.headersSyncParams(), mainTree.genesis(),
                new ChainWork(main.consensus().minimumChainWork()), TestChains.LATE_CLOCK, new Random(1));
        long t0 = main.genesisBlock().header().time();
        List<BlockHeader> headers = new ArrayList<>(TestChains.synthetic(mainTree.genesis().hash(), t0 + 600, 600,
                0x1d00ffffL, 50, 1));
        // Block 51 claims four times the difficulty outside a retarget height: pre-sync stops there.
        headers.add(new BlockHeader(1, headers.get(49).hash(), Hash256.ZERO, headers.get(49).time() + 600, 0x1c3fffc0L, 0));
        HeadersSyncState.ProcessingResult r = sync.processNextHeaders(headers, false);
        assertThat(r.success()).isFalse();
        assertThat(sync.state()).isEqualTo(HeadersSyncState.State.FINAL);
    }
}
