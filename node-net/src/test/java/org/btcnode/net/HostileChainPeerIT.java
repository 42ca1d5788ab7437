package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.chain.Pow;
import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.GetHeaders;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.Transaction;
import org.btcnode.net.peer.ChainHandler.PeerSyncStats;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.ChainStores;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.MutableClock;
import org.btcnode.net.testing.Poll;
import org.btcnode.net.testing.RawV1Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile chain peers against a running node on 127.0.0.1 that holds 2,200 blocks, each peer a
 * raw socket framing its own bytes: headers that do not connect, a low-work header flood, a
 * header with invalid proof of work, a block with a bad merkle root, a block whose transaction
 * list repeats a transaction (CVE-2012-2459), a block announced and never delivered, and an
 * unrequested block. Each gets Core's response (loopback peers are disconnected, never
 * discouraged), and afterwards the node still holds every header and block it had, its tip
 * unchanged or moved on by the real block from an honest peer.
 */
class HostileChainPeerIT {
    private static final Instant START = Instant.parse("2026-11-25T00:00:00Z");
    private static final int HEIGHT = 2200;
    /** The node's chain: 2,200 blocks a minute apart, the last an hour before START. */
    private static final List<Block> STORED = ChainStores.recentChain(HEIGHT, START, 31);
    private static final Block TIP = STORED.get(HEIGHT - 1);
    /**
     * The next block on the node's tip, with a coinbase and two other transactions (an odd count,
     * so that repeating the last one keeps the merkle root), and one block after it.
     */
    private static final List<Block> NEXT = nextBlocks();
    private static final NetAddress LOOPBACK = Subnet.parseLiteral("127.0.0.1").orElseThrow();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final MutableClock clock = new MutableClock(START);
    private P2PNetwork node;

    /** What the node holds: header-tree size, stored blocks, active tip, best header. */
    private record Held(int headers, long blocks, Hash256 tip, Hash256 bestHeader) {}

    private static List<Block> nextBlocks() {
        List<Transaction> txs = new ArrayList<>(List.of(RegtestBlocks.coinbase(HEIGHT + 1, 32)));
        txs.addAll(RegtestBlocks.spends(STORED.get(0).transactions().get(0).txid(), 2));
        Block next = RegtestBlocks.block(TIP.hash(), TIP.header().time() + 60, txs);
        return List.of(next, RegtestBlocks.chain(next.hash(), HEIGHT + 1, next.header().time(), 1, 60, 32).get(0));
    }

    @BeforeEach
    void startNode() throws IOException {
        CapturedLogs.clear();
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        ChainStores.preload(headers, blocks, STORED);
        node = LoopbackNode.start(LoopbackNode.listenOnly(), LoopbackNode.transport(), clock, headers, blocks);
        resources.add(node);
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private Held held() {
        return node.queryChain(c -> new Held(c.tree().size(), c.storedBlocks(), c.activeTip().hash(),
                c.bestHeader().hash()));
    }

    /** A peer that finished the handshake and answered the node's first getheaders: it has nothing new. */
    private RawV1Peer syncedPeer(long nonce) throws IOException {
        RawV1Peer peer = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node));
        resources.add(peer);
        peer.handshake(nonce);
        peer.await("getheaders");
        peer.send(new Headers(List.of()));
        return peer;
    }

    /** The hashes of the next getdata the node sends this peer. */
    private static List<Hash256> nextGetData(RawV1Peer peer) throws IOException {
        GetData g = (GetData) peer.await("getdata").decode();
        return g.inventory().stream().map(Inventory::hash).toList();
    }

    private boolean discouraged(NetAddress address) {
        return node.query(m -> m.banMan().isDiscouraged(address));
    }

    private static List<String> netLines() {
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text).toList();
    }

    /** A fresh honest peer announces the next block and delivers it when asked: the node takes it. */
    private void anHonestPeerDeliversTheNextBlock() throws IOException {
        RawV1Peer honest = syncedPeer(0x600dL);
        honest.send(new Headers(List.of(NEXT.get(0).header())));
        deliversTheNextBlockWhenAsked(honest);
    }

    /** The node asks this peer for the next block, which it sends: the block is the new tip, stored. */
    private void deliversTheNextBlockWhenAsked(RawV1Peer peer) throws IOException {
        assertThat(nextGetData(peer)).containsExactly(NEXT.get(0).hash());
        peer.send(new BlockMessage(NEXT.get(0)));
        Poll.await(() -> held().tip().equals(NEXT.get(0).hash()), "the real block becomes the tip");
        assertThat(held()).isEqualTo(new Held(HEIGHT + 2, HEIGHT + 2, NEXT.get(0).hash(), NEXT.get(0).hash()));
    }

    @Test
    void headersThatDoNotConnectAreAnsweredWithGetheadersFromTheBestHeader() throws Exception {
        RawV1Peer peer = syncedPeer(0x11L);
        peer.send(new Headers(List.of(NEXT.get(1).header())));    // its parent, NEXT[0], is unknown
        GetHeaders gap = (GetHeaders) peer.await("getheaders").decode();
        assertThat(gap.locator().get(0)).isEqualTo(TIP.hash());
        assertThat(peer.pingPong(0x12L).nonce()).isEqualTo(0x12L);  // kept: Core no longer punishes this
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
        // the gap filled, both headers are taken
        peer.send(new Headers(List.of(NEXT.get(0).header(), NEXT.get(1).header())));
        Poll.await(() -> held().headers() == HEIGHT + 3, "the two headers are stored");
        assertThat(held().bestHeader()).isEqualTo(NEXT.get(1).hash());
    }

    @Test
    void aLowWorkHeaderFloodIsPreSyncedAndNothingOfItIsStored() throws Exception {
        // 2,000 headers of another chain from genesis: less work than our tip less 144 blocks'
        List<BlockHeader> flood = RegtestBlocks.headers(ChainStores.recentChain(2000, START, 33));
        RawV1Peer peer = syncedPeer(0x21L);
        peer.send(new Headers(flood));
        GetHeaders more = (GetHeaders) peer.await("getheaders").decode();
        assertThat(more.locator().get(0)).isEqualTo(flood.get(1999).hash());
        PeerSyncStats stats = node.query(m -> m.peerLogic().chain().stats(m.peers().iterator().next()));
        assertThat(stats.presyncedHeaders()).isEqualTo(2000);
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
        peer.send(new Headers(List.of()));                          // it has no more: the pre-sync ends
        assertThat(peer.pingPong(0x22L).nonce()).isEqualTo(0x22L);
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
    }

    @Test
    void aHeaderWithInvalidProofOfWorkDisconnectsTheLoopbackPeerWithoutDiscouragingIt() throws Exception {
        BlockHeader good = NEXT.get(0).header();
        BlockHeader bad = good;
        for (long n = good.nonce() + 1; Pow.checkProofOfWork(bad.hash(), bad.bits(), LoopbackNode.PARAMS.consensus());
                n++) {
            bad = good.withNonce(n);
        }
        RawV1Peer peer = syncedPeer(0x31L);
        peer.send(new Headers(List.of(bad)));
        assertThat(peer.closedByNode()).isTrue();
        assertThat(netLines()).anyMatch(l -> l.startsWith("Warning: disconnecting but not discouraging local peer"));
        assertThat(discouraged(LOOPBACK)).isFalse();
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
        anHonestPeerDeliversTheNextBlock();
    }

    @Test
    void aBlockWithABadMerkleRootCostsThePeerAndLeavesTheHeaderForTheRealBlock() throws Exception {
        Block real = NEXT.get(0);
        // the announced header with another coinbase: the transactions do not hash to its merkle root
        List<Transaction> other = new ArrayList<>(real.transactions());
        other.set(0, RegtestBlocks.coinbase(HEIGHT + 1, 99));
        Block badRoot = new Block(real.header(), other);
        assertThat(badRoot.hash()).isEqualTo(real.hash());
        assertThat(badRoot.computeMerkleRoot().root()).isNotEqualTo(real.header().merkleRoot());
        deliverMutatedThenReal(badRoot);
    }

    @Test
    void aBlockRepeatingItsLastTransactionIsMutatedAndTheRealBlockStillComes() throws Exception {
        Block real = NEXT.get(0);
        // CVE-2012-2459: with three transactions, a fourth equal to the third keeps the merkle root
        List<Transaction> repeated = new ArrayList<>(real.transactions());
        repeated.add(real.transactions().get(2));
        Block duplicated = new Block(real.header(), repeated);
        assertThat(duplicated.computeMerkleRoot().root()).isEqualTo(real.header().merkleRoot());
        assertThat(duplicated.computeMerkleRoot().mutated()).isTrue();
        deliverMutatedThenReal(duplicated);
    }

    /** Core's "block" handling: IsBlockMutated first, Misbehaving "mutated block", the request removed. */
    private void deliverMutatedThenReal(Block mutated) throws Exception {
        RawV1Peer peer = syncedPeer(0x41L);
        peer.send(new Headers(List.of(NEXT.get(0).header())));
        assertThat(nextGetData(peer)).containsExactly(NEXT.get(0).hash());
        peer.send(new BlockMessage(mutated));
        assertThat(peer.closedByNode()).isTrue();
        assertThat(netLines()).anyMatch(l -> l.contains("MUTATED_BLOCK: mutated block " + NEXT.get(0).hash()));
        assertThat(discouraged(LOOPBACK)).isFalse();
        boolean failed = node.queryChain(c -> c.tree().get(NEXT.get(0).hash()).orElseThrow().hasFailed());
        assertThat(failed).as("the header stays valid").isFalse();
        assertThat(held()).isEqualTo(new Held(HEIGHT + 2, HEIGHT + 1, TIP.hash(), NEXT.get(0).hash()));
        anHonestPeerDeliversTheNextBlock();
    }

    @Test
    void aBlockAnnouncedAndNeverDeliveredTimesOutAndComesFromAnotherPeer() throws Exception {
        RawV1Peer silent = syncedPeer(0x51L);
        silent.send(new Headers(List.of(NEXT.get(0).header())));
        assertThat(nextGetData(silent)).containsExactly(NEXT.get(0).hash());
        RawV1Peer honest = syncedPeer(0x52L);
        honest.send(new Headers(List.of(NEXT.get(0).header())));   // in flight from the silent peer: not asked
        assertThat(honest.pingPong(0x53L).nonce()).isEqualTo(0x53L);
        // one target spacing with no other peer downloading (net_processing.cpp BLOCK_DOWNLOAD_TIMEOUT_BASE)
        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        assertThat(silent.closedByNode()).isTrue();
        assertThat(netLines()).anyMatch(l -> l.startsWith("Timeout downloading block " + NEXT.get(0).hash()));
        assertThat(discouraged(LOOPBACK)).isFalse();
        deliversTheNextBlockWhenAsked(honest);                    // the block comes from the other peer
    }

    @Test
    void anUnrequestedBlockIsIgnoredAndTheConnectionKept() throws Exception {
        RawV1Peer peer = syncedPeer(0x61L);
        peer.send(new BlockMessage(NEXT.get(0)));                  // more work than our tip, never asked for
        assertThat(peer.pingPong(0x62L).nonce()).isEqualTo(0x62L);
        assertThat(netLines()).anyMatch(l -> l.startsWith("received unrequested block " + NEXT.get(0).hash()));
        assertThat(held()).isEqualTo(new Held(HEIGHT + 1, HEIGHT + 1, TIP.hash(), TIP.hash()));
        anHonestPeerDeliversTheNextBlock();
    }
}
