package org.btcnode.net.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.btcnode.core.chain.BlockCheck;
import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;
import org.btcnode.core.types.Amount;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.junit.jupiter.api.Test;

/** Block download: 16 per peer, the 1,024-block window, stalling, bad and unrequested blocks, restart. */
class BlockDownloadScenarioTest {
    private static final List<Block> CHAIN = SyncHarness.recentChain(1100);

    private static Set<Hash256> hashes(List<Block> blocks) {
        Set<Hash256> out = new HashSet<>();
        blocks.forEach(b -> out.add(b.hash()));
        return out;
    }

    @Test
    void syncsHeadersAndBlocksFromOnePeer() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        List<Block> blocks = CHAIN.subList(0, 50);
        peer.receive(new Headers(RegtestBlocks.headers(blocks)));
        GetData first = SyncHarness.last(peer, GetData.class);
        assertThat(first.inventory()).hasSize(ChainSync.MAX_BLOCKS_IN_TRANSIT_PER_PEER);
        assertThat(first.inventory()).allMatch(i -> i.type().equals(InventoryType.MSG_WITNESS_BLOCK));
        assertThat(SyncHarness.serve(peer, blocks)).isEqualTo(50);
        assertThat(h.chain.activeTip().hash()).isEqualTo(blocks.get(49).hash());
        for (Block b : blocks) {
            assertThat(h.blockStore.get(b.hash())).contains(Bytes.of(b.toByteArray()));
        }
        assertThat(SyncHarness.requested(peer)).doesNotHaveDuplicates().hasSize(50);
        // restart from the same stores: the active tip is back without any peer
        SyncHarness again = new SyncHarness(h.headerStore, h.blockStore, ChainSyncTestSupport.defaultMinimumWork());
        assertThat(again.chain.activeTip().hash()).isEqualTo(blocks.get(49).hash());
        assertThat(again.chain.bestHeader().height()).isEqualTo(50);
    }

    @Test
    void sixteenPerPeerTheWindowAndAStallerDisconnected() {
        SyncHarness h = new SyncHarness();
        FakeConnection staller = h.inboundPeer();
        var stallerAddress = h.manager.peers().iterator().next().address();
        FakeConnection good = h.inboundPeer();
        staller.receive(new Headers(RegtestBlocks.headers(CHAIN)));
        List<Hash256> fromStaller = SyncHarness.requested(staller);
        assertThat(fromStaller).hasSize(16).containsExactlyElementsOf(CHAIN.subList(0, 16).stream().map(Block::hash).toList());
        good.receive(new Headers(RegtestBlocks.headers(CHAIN)));
        assertThat(SyncHarness.requested(good)).hasSize(16).doesNotContainAnyElementsOf(fromStaller);

        SyncHarness.serve(good, CHAIN);
        // the good peer got everything in the window but what the staller holds, and nothing past it
        List<Hash256> fromGood = SyncHarness.requested(good);
        assertThat(fromGood).hasSize(ChainSync.BLOCK_DOWNLOAD_WINDOW - 16).doesNotContainAnyElementsOf(fromStaller)
                .doesNotContain(CHAIN.get(ChainSync.BLOCK_DOWNLOAD_WINDOW).hash());
        assertThat(h.chain.activeTip().height()).isZero();
        assertThat(staller.isClosed()).isFalse();

        h.loop.advance(Duration.ofSeconds(1));
        assertThat(staller.isClosed()).isFalse();
        h.loop.advance(Duration.ofSeconds(2));                      // stalling for more than 2 s
        assertThat(staller.isClosed()).isTrue();
        assertThat(h.chain.stallingTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(h.banMan.isDiscouraged(stallerAddress)).isFalse();   // disconnected, not discouraged

        h.loop.advance(Duration.ofSeconds(1));                      // the good peer picks up the staller's blocks
        SyncHarness.serve(good, CHAIN);
        assertThat(h.chain.activeTip().hash()).isEqualTo(CHAIN.get(CHAIN.size() - 1).hash());
        assertThat(SyncHarness.requested(good)).doesNotHaveDuplicates().containsAll(fromStaller);
        assertThat(h.chain.blocksInFlight()).isZero();
        // blocks that arrived bring the stalling timeout back down towards 2 s
        assertThat(h.chain.stallingTimeout()).isEqualTo(ChainSync.BLOCK_STALLING_TIMEOUT_DEFAULT);
    }

    @Test
    void aPeerThatNeverDeliversTimesOut() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        peer.receive(new Headers(RegtestBlocks.headers(CHAIN.subList(0, 20))));
        assertThat(SyncHarness.requested(peer)).hasSize(16);
        h.loop.advance(Duration.ofMinutes(9));
        assertThat(peer.isClosed()).isFalse();
        h.loop.advance(Duration.ofMinutes(2));                      // one target spacing (10 min) with no other peer
        assertThat(peer.isClosed()).isTrue();
        assertThat(h.chain.blocksInFlight()).isZero();
    }

    /** Block 1 with a coinbase and two other transactions: an odd count, so a repeated last one keeps the root. */
    private static Block threeTransactionBlock() {
        List<Transaction> txs = new ArrayList<>(List.of(RegtestBlocks.coinbase(1, 0)));
        txs.addAll(RegtestBlocks.spends(SyncHarness.PARAMS.genesisBlock().transactions().get(0).txid(), 2));
        return RegtestBlocks.block(SyncHarness.PARAMS.genesisHash(), CHAIN.get(0).header().time(), txs);
    }

    /**
     * The peer asked for {@code real} sends {@code mutated} (same header): it is discouraged and
     * disconnected (Core: Misbehaving "mutated block"), the header stays valid, nothing is stored,
     * and another peer's real block is taken.
     */
    private static void mutatedBlockCostsThePeerButNotTheHeader(Block real, Block mutated) {
        assertThat(BlockCheck.isBlockMutated(mutated, true)).isTrue();
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        var address = h.manager.peers().iterator().next().address();
        peer.receive(new Headers(List.of(real.header())));
        assertThat(SyncHarness.requested(peer)).containsExactly(real.hash());
        peer.receive(new BlockMessage(mutated));
        assertThat(peer.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(address)).isTrue();
        BlockIndexEntry entry = h.chain.tree().get(real.hash()).orElseThrow();
        assertThat(entry.hasFailed()).isFalse();
        assertThat(h.blockStore.contains(real.hash())).isFalse();
        assertThat(h.headerStore.get(real.hash())).isPresent();
        // another peer delivers the real block
        FakeConnection other = h.inboundPeer();
        other.receive(new Headers(List.of(real.header())));
        h.loop.advance(Duration.ofSeconds(1));
        SyncHarness.serve(other, List.of(real));
        assertThat(h.chain.activeTip().hash()).isEqualTo(real.hash());
    }

    @Test
    void aRepeatedTransactionKeepingTheMerkleRootIsAMutatedBlock() {
        Block real = threeTransactionBlock();
        // CVE-2012-2459: [coinbase, a, b, b] has the merkle root of [coinbase, a, b]
        List<Transaction> repeated = new ArrayList<>(real.transactions());
        repeated.add(real.transactions().get(2));
        Block mutated = new Block(real.header(), repeated);
        assertThat(mutated.computeMerkleRoot().root()).isEqualTo(real.header().merkleRoot());
        mutatedBlockCostsThePeerButNotTheHeader(real, mutated);
    }

    @Test
    void aBlockWhoseTransactionsMissTheMerkleRootIsAMutatedBlock() {
        Block real = threeTransactionBlock();
        List<Transaction> other = new ArrayList<>(real.transactions());
        other.set(0, RegtestBlocks.coinbase(1, 77));
        Block mutated = new Block(real.header(), other);
        assertThat(mutated.computeMerkleRoot().root()).isNotEqualTo(real.header().merkleRoot());
        mutatedBlockCostsThePeerButNotTheHeader(real, mutated);
    }

    @Test
    void aBlockFailingCheckBlockMarksItsHeaderFailed() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        var address = h.manager.peers().iterator().next().address();
        Block one = CHAIN.get(0);
        // height 2 without a coinbase: its header is fine, its block is not
        TxIn in = new TxIn(new OutPoint(one.transactions().get(0).txid(), 0), Bytes.EMPTY, TxIn.SEQUENCE_FINAL);
        Transaction spend = new Transaction(2, List.of(in), List.of(new TxOut(Amount.ZERO, Bytes.of((byte) 0x51))), 0);
        Block two = RegtestBlocks.block(one.hash(), one.header().time() + 60, List.of(spend));
        Block three = RegtestBlocks.block(two.hash(), two.header().time() + 60, List.of(RegtestBlocks.coinbase(3, 0)));
        List<Block> blocks = List.of(one, two, three);
        peer.receive(new Headers(RegtestBlocks.headers(blocks)));
        SyncHarness.serve(peer, blocks);
        assertThat(peer.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(address)).isTrue();
        assertThat(h.chain.tree().get(two.hash()).orElseThrow().hasFailed()).isTrue();
        assertThat(h.chain.tree().get(three.hash()).orElseThrow().hasFailed()).isTrue();
        assertThat(h.chain.activeTip().hash()).isEqualTo(one.hash());
        assertThat(h.chain.bestHeader().hash()).isEqualTo(one.hash());
        assertThat(h.headerStore.get(two.hash()).orElseThrow().status() & 32).isEqualTo(32);
    }

    @Test
    void anUnrequestedBlockIsIgnored() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        peer.receive(new BlockMessage(CHAIN.get(0)));
        assertThat(h.blockStore.contains(CHAIN.get(0).hash())).isFalse();
        assertThat(peer.isClosed()).isFalse();
    }

    @Test
    void aRestartFindsTheBlocksTheStoreReallyHas() {
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        SyncHarness.preload(headers, blocks, CHAIN.subList(0, 10));
        MemoryBlockStore lost = new MemoryBlockStore();             // the headers say HAVE_DATA, the blocks are gone
        for (Block b : CHAIN.subList(0, 5)) {
            lost.put(b.hash(), Bytes.of(b.toByteArray()));
        }
        SyncHarness h = new SyncHarness(headers, lost, ChainSyncTestSupport.defaultMinimumWork());
        assertThat(h.chain.activeTip().height()).isEqualTo(5);
        assertThat(h.chain.bestHeader().height()).isEqualTo(10);
        assertThat(headers.get(CHAIN.get(7).hash()).orElseThrow().status() & 8).isZero();
        SyncHarness full = new SyncHarness(new MemoryHeaderStore(), blocks, ChainSyncTestSupport.defaultMinimumWork());
        assertThat(full.chain.activeTip().height()).isZero();         // blocks without headers are not a chain
    }
}
