package org.btcnode.core.chain;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HeaderTreeTest {
    private static final BlockHeader GENESIS = TestChains.regtestGenesis();

    /** A linear tree of {@code length} synthetic headers above genesis (regtest bits, 10 minutes apart). */
    private static HeaderTree linear(int length) {
        HeaderTree tree = new HeaderTree(GENESIS);
        TestChains.addAll(tree, TestChains.synthetic(GENESIS.hash(), GENESIS.time() + 600, 600, TestChains.REGTEST_BITS,
                length, 0));
        return tree;
    }

    @Test
    void realMainnetHeadersGetHeightsAndCoresChainWork() {
        List<BlockHeader> headers = TestChains.mainnetHeaders0To10();
        HeaderTree tree = new HeaderTree(headers.get(0));
        BlockIndexEntry last = TestChains.addAll(tree, headers.subList(1, headers.size()));
        assertThat(last.height()).isEqualTo(10);
        assertThat(last.hash()).hasToString("000000002c05cc2e78923c34df87fd108b22221ac6076c18f3ade378a4d915e9");
        // Core's getblockheader 10: chainwork 0000…000b000b000b (11 blocks of difficulty 1).
        assertThat(last.chainWork()).hasToString("0".repeat(52) + "000b000b000b");
        assertThat(tree.bestHeader()).isSameAs(last);
        // The entry gives back the header it was made from.
        assertThat(last.header()).isEqualTo(headers.get(10));
        assertThat(last.header().hash()).isEqualTo(headers.get(10).hash());
        // Median time past of block 10: the 6th smallest time of blocks 0..10 (block 5's, 1231471428).
        assertThat(last.medianTimePast()).isEqualTo(headers.get(5).time());
        assertThat(tree.genesis().medianTimePast()).isEqualTo(headers.get(0).time());
    }

    @Test
    void medianTimePastSortsTheElevenLastTimes() {
        HeaderTree tree = new HeaderTree(GENESIS);
        long[] times = {1000, 900, 1100, 950, 1200, 800, 1300, 700, 1400, 650, 1500, 600};
        Hash256 prev = GENESIS.hash();
        BlockIndexEntry last = null;
        for (int i = 0; i < times.length; i++) {
            last = tree.add(new BlockHeader(4, prev, Hash256.ZERO, GENESIS.time() + times[i], TestChains.REGTEST_BITS, i));
            prev = last.hash();
        }
        // The last 11 times (900..600 offsets) sorted: 600 650 700 800 900 950 1100 1200 1300 1400 1500 -> 950.
        assertThat(last.medianTimePast()).isEqualTo(GENESIS.time() + 950);
    }

    @Test
    void bestHeaderIsMostWorkThenFirstSeen() {
        HeaderTree tree = new HeaderTree(GENESIS);
        BlockIndexEntry a = TestChains.addAll(tree, TestChains.synthetic(GENESIS.hash(), GENESIS.time() + 600, 600,
                TestChains.REGTEST_BITS, 5, 1));
        BlockIndexEntry b = TestChains.addAll(tree, TestChains.synthetic(GENESIS.hash(), GENESIS.time() + 601, 600,
                TestChains.REGTEST_BITS, 5, 2));
        assertThat(b.chainWork()).isEqualTo(a.chainWork());
        assertThat(tree.bestHeader()).as("equal work: the first seen stays").isSameAs(a);
        BlockIndexEntry b6 = tree.add(new BlockHeader(4, b.hash(), Hash256.ZERO, b.time() + 600, TestChains.REGTEST_BITS, 0));
        assertThat(tree.bestHeader()).as("more work wins").isSameAs(b6);
        assertThat(BlockIndexEntry.lastCommonAncestor(a, b6)).isSameAs(tree.genesis());
        // A fork with harder blocks wins with fewer of them.
        BlockIndexEntry hard = tree.add(new BlockHeader(4, a.getAncestor(4).hash(), Hash256.ZERO, a.time(), 0x1f7fffffL, 0));
        assertThat(hard.height()).isEqualTo(5);
        assertThat(tree.bestHeader()).isSameAs(hard);
        assertThat(BlockIndexEntry.lastCommonAncestor(hard, a)).isSameAs(a.getAncestor(4));
    }

    @Test
    void markFailedMovesTheBestHeaderBackAndFailsDescendants() {
        HeaderTree tree = linear(20);
        BlockIndexEntry tip = tree.bestHeader();
        BlockIndexEntry fork = TestChains.addAll(tree, TestChains.synthetic(tip.getAncestor(10).hash(),
                tip.getAncestor(10).time() + 1, 600, TestChains.REGTEST_BITS, 5, 9));
        List<BlockIndexEntry> changed = tree.markFailed(tip.getAncestor(15));
        assertThat(changed).hasSize(6);                               // 15 and 16..20
        assertThat(tip.getAncestor(15).status() & BlockStatus.BLOCK_FAILED_VALID).isNotZero();
        assertThat(tip.status() & BlockStatus.BLOCK_FAILED_CHILD).isNotZero();
        assertThat(tip.isValid(BlockStatus.BLOCK_VALID_TREE)).isFalse();
        // Height 15 on the fork vs height 14 on the main chain: the fork is best now.
        assertThat(tree.bestHeader()).isSameAs(fork);
        assertThat(fork.isValid(BlockStatus.BLOCK_VALID_TREE)).isTrue();
    }

    @Test
    void locatorIsCoresShape() {
        HeaderTree tree = linear(1000);
        BlockIndexEntry tip = tree.bestHeader();
        List<Integer> heights = new ArrayList<>();
        for (Hash256 h : HeaderTree.locator(tip)) {
            heights.add(tree.get(h).orElseThrow().height());
        }
        // chain.cpp LocatorEntries: the step starts doubling once 11 hashes are in, then genesis last.
        assertThat(heights).containsExactly(1000, 999, 998, 997, 996, 995, 994, 993, 992, 991, 990, 989, 987, 983,
                975, 959, 927, 863, 735, 479, 0);
        assertThat(HeaderTree.locator(tree.genesis())).containsExactly(tree.genesis().hash());
    }

    @Test
    void findForkReturnsTheFirstLocatorEntryOnTheServedChain() {
        HeaderTree tree = linear(50);
        BlockIndexEntry tip = tree.bestHeader();
        BlockIndexEntry fork = TestChains.addAll(tree, TestChains.synthetic(tip.getAncestor(30).hash(),
                tip.getAncestor(30).time() + 1, 600, TestChains.REGTEST_BITS, 10, 7));
        // A peer on the fork: its locator starts with fork blocks we do not serve, then hits block 30.
        assertThat(tree.findFork(HeaderTree.locator(fork), tip)).isSameAs(tip.getAncestor(30));
        // A peer ahead of us on our chain: we serve from our tip.
        assertThat(tree.findFork(HeaderTree.locator(tip), tip.getAncestor(40))).isSameAs(tip.getAncestor(40));
        // Unknown hashes only: genesis.
        assertThat(tree.findFork(List.of(Hash256.fromHex("11".repeat(32))), tip)).isSameAs(tree.genesis());
    }

    @Test
    void restoreRebuildsTheSameTreeFromStoredHeadersInAnyOrder() {
        HeaderTree tree = linear(300);
        BlockIndexEntry tip = tree.bestHeader();
        TestChains.addAll(tree, TestChains.synthetic(tip.getAncestor(200).hash(), tip.getAncestor(200).time() + 1, 600,
                TestChains.REGTEST_BITS, 3, 5));
        List<StoredHeader> stored = new ArrayList<>();
        tree.entries().forEach(e -> stored.add(e.toStored()));
        java.util.Collections.shuffle(stored, new java.util.Random(1));
        HeaderTree restored = HeaderTree.restore(GENESIS, stored);
        assertThat(restored.size()).isEqualTo(tree.size());
        assertThat(restored.bestHeader().hash()).isEqualTo(tip.hash());
        for (BlockIndexEntry e : tree.entries()) {
            BlockIndexEntry r = restored.get(e.hash()).orElseThrow();
            assertThat(r.height()).isEqualTo(e.height());
            assertThat(r.chainWork()).isEqualTo(e.chainWork());
            assertThat(r.header()).isEqualTo(e.header());
        }
    }

    @Test
    void restoreKeepsTheStoredTipAmongEqualWorkForks() {
        HeaderTree tree = linear(10);
        BlockIndexEntry a = tree.bestHeader();
        BlockIndexEntry b = TestChains.addAll(tree, TestChains.synthetic(a.getAncestor(5).hash(),
                a.getAncestor(5).time() + 1, 600, TestChains.REGTEST_BITS, 5, 8));
        assertThat(b.chainWork()).isEqualTo(a.chainWork());
        List<StoredHeader> stored = new ArrayList<>();
        tree.entries().forEach(e -> stored.add(e.toStored()));
        for (BlockIndexEntry tip : List.of(a, b)) {
            HeaderTree restored = HeaderTree.restore(GENESIS, stored, java.util.Optional.of(tip.hash()));
            assertThat(restored.bestHeader().hash()).isEqualTo(tip.hash());
        }
        // A stored tip with less work than another header does not win.
        HeaderTree restored = HeaderTree.restore(GENESIS, stored, java.util.Optional.of(a.getAncestor(7).hash()));
        assertThat(restored.bestHeader().chainWork()).isEqualTo(a.chainWork());
    }

    @Test
    void restoreRefusesAnOrphanOrWrongChainWork() {
        HeaderTree tree = linear(5);
        List<StoredHeader> stored = new ArrayList<>();
        tree.entries().forEach(e -> stored.add(e.toStored()));
        List<StoredHeader> orphan = new ArrayList<>(stored);
        orphan.removeIf(s -> s.height() == 3);
        assertThatThrownBy(() -> HeaderTree.restore(GENESIS, orphan)).hasMessageContaining("has no parent");
        List<StoredHeader> badWork = new ArrayList<>(stored);
        StoredHeader four = badWork.stream().filter(s -> s.height() == 4).findFirst().orElseThrow();
        badWork.set(badWork.indexOf(four), new StoredHeader(four.header(), 4, four.chainWork().add(four.chainWork()),
                four.status()));
        assertThatThrownBy(() -> HeaderTree.restore(GENESIS, badWork)).hasMessageContaining("chain work");
    }

    @Test
    void addRefusesAnUnknownParentAndReturnsKnownEntries() {
        HeaderTree tree = linear(3);
        BlockIndexEntry tip = tree.bestHeader();
        assertThat(tree.add(tip.header())).isSameAs(tip);
        BlockHeader orphan = new BlockHeader(4, Hash256.fromHex("22".repeat(32)), Hash256.ZERO, 1, TestChains.REGTEST_BITS, 0);
        assertThatThrownBy(() -> tree.add(orphan)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Skip-pointer ancestors equal the parent walk, for every height of a 2,000-block chain. */
    @Property(tries = 200)
    void getAncestorMatchesTheParentWalk(@ForAll @IntRange(min = 0, max = 2000) int from,
            @ForAll @IntRange(min = 0, max = 2000) int to) {
        BlockIndexEntry start = LONG_CHAIN.bestHeader().getAncestor(from);
        BlockIndexEntry walked = start;
        while (walked != null && walked.height() > to) {
            walked = walked.prev();
        }
        BlockIndexEntry expected = to > from ? null : walked;
        assertThat(start.getAncestor(to)).isSameAs(expected);
    }

    /** Locator: starts at the tip, ends at genesis, heights fall, all on the chain, O(log n) long. */
    @Property(tries = 200)
    void locatorProperties(@ForAll @IntRange(min = 0, max = 2000) int height) {
        BlockIndexEntry tip = LONG_CHAIN.bestHeader().getAncestor(height);
        List<Hash256> locator = HeaderTree.locator(tip);
        assertThat(locator.get(0)).isEqualTo(tip.hash());
        assertThat(locator.get(locator.size() - 1)).isEqualTo(GENESIS.hash());
        int previous = Integer.MAX_VALUE;
        for (Hash256 h : locator) {
            BlockIndexEntry e = LONG_CHAIN.get(h).orElseThrow();
            assertThat(tip.getAncestor(e.height())).isSameAs(e);
            assertThat(e.height()).isLessThan(previous);
            previous = e.height();
        }
        int log2 = 32 - Integer.numberOfLeadingZeros(Math.max(1, height));
        assertThat(locator.size()).isLessThanOrEqualTo(12 + log2);
    }

    private static final HeaderTree LONG_CHAIN = linear(2000);
}
