package org.btcnode.net.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.GetBlocks;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.GetHeaders;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.NotFound;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.SendHeaders;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.junit.jupiter.api.Test;

/** A node that has 2,500 blocks serves getheaders, getblocks and getdata, and announces new blocks. */
class ServingScenarioTest {
    private static final List<Block> CHAIN = SyncHarness.recentChain(2501);
    private static final int HAVE = 2500;

    private static SyncHarness node() {
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        SyncHarness.preload(headers, blocks, CHAIN.subList(0, HAVE));
        return new SyncHarness(headers, blocks, ChainSyncTestSupport.defaultMinimumWork());
    }

    private static GetHeaders getHeaders(List<Hash256> locator, Hash256 stop) {
        return new GetHeaders(ProtocolVersion.PROTOCOL_VERSION.value(), locator, stop);
    }

    @Test
    void getheadersIsAnsweredFromTheForkPointWithAtMost2000() {
        SyncHarness h = node();
        assertThat(h.chain.activeTip().height()).isEqualTo(HAVE);
        assertThat(h.chain.isInitialBlockDownload()).isFalse();
        FakeConnection peer = h.inboundPeer();
        peer.receive(getHeaders(List.of(SyncHarness.PARAMS.genesisHash()), Hash256.ZERO));
        assertThat(SyncHarness.last(peer, Headers.class).headers())
                .containsExactlyElementsOf(RegtestBlocks.headers(CHAIN.subList(0, 2000)));
        // an unknown hash first, then block 2000: the rest after it
        peer.receive(getHeaders(List.of(CHAIN.get(HAVE).hash(), CHAIN.get(1999).hash()), Hash256.ZERO));
        assertThat(SyncHarness.last(peer, Headers.class).headers())
                .containsExactlyElementsOf(RegtestBlocks.headers(CHAIN.subList(2000, HAVE)));
        peer.receive(getHeaders(List.of(SyncHarness.PARAMS.genesisHash()), CHAIN.get(9).hash()));
        assertThat(SyncHarness.last(peer, Headers.class).headers()).hasSize(10);
        // an empty locator asks for the hashStop header alone
        peer.receive(getHeaders(List.of(), CHAIN.get(41).hash()));
        assertThat(SyncHarness.last(peer, Headers.class).headers()).containsExactly(CHAIN.get(41).header());
        // the peer at our tip gets an empty answer
        peer.receive(getHeaders(List.of(CHAIN.get(HAVE - 1).hash()), Hash256.ZERO));
        assertThat(SyncHarness.last(peer, Headers.class).headers()).isEmpty();
    }

    @Test
    void aNodeInInitialBlockDownloadDoesNotServeHeaders() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        peer.receive(getHeaders(List.of(SyncHarness.PARAMS.genesisHash()), Hash256.ZERO));
        assertThat(peer.sent(Headers.class)).isEmpty();
    }

    @Test
    void getblocksAnswersFiveHundredAndTheContinuationTriggersAnInvOfTheTip() {
        SyncHarness h = node();
        FakeConnection peer = h.inboundPeer();
        peer.receive(new GetBlocks(ProtocolVersion.PROTOCOL_VERSION.value(), List.of(SyncHarness.PARAMS.genesisHash()),
                Hash256.ZERO));
        Inv inv = SyncHarness.last(peer, Inv.class);
        assertThat(inv.inventory()).hasSize(ChainSync.MAX_GETBLOCKS_RESULTS);
        assertThat(inv.inventory().get(0)).isEqualTo(new Inventory(InventoryType.MSG_BLOCK, CHAIN.get(0).hash()));
        assertThat(inv.inventory().get(499).hash()).isEqualTo(CHAIN.get(499).hash());
        peer.receive(new GetData(List.of(new Inventory(InventoryType.MSG_BLOCK, CHAIN.get(499).hash()))));
        assertThat(SyncHarness.last(peer, Inv.class).inventory())
                .containsExactly(new Inventory(InventoryType.MSG_BLOCK, CHAIN.get(HAVE - 1).hash()));
    }

    @Test
    void getdataServesStoredBlocksAndNotfoundTheRest() {
        SyncHarness h = node();
        FakeConnection peer = h.inboundPeer();
        Inventory unknown = new Inventory(InventoryType.MSG_WITNESS_BLOCK, CHAIN.get(HAVE).hash());
        Inventory tx = new Inventory(InventoryType.MSG_WITNESS_TX, CHAIN.get(3).transactions().get(0).txid());
        peer.receive(new GetData(List.of(new Inventory(InventoryType.MSG_WITNESS_BLOCK, CHAIN.get(4).hash()), unknown,
                new Inventory(InventoryType.MSG_BLOCK, CHAIN.get(0).hash()), tx)));
        assertThat(peer.sent(BlockMessage.class).stream().map(BlockMessage::block).toList())
                .containsExactly(CHAIN.get(4), CHAIN.get(0));
        assertThat(SyncHarness.last(peer, NotFound.class).inventory()).containsExactly(unknown, tx);
    }

    /**
     * Core's fPauseSend: while the peer's send queue is over -maxsendbuffer, queued getdata blocks
     * wait (instead of overflowing the queue, which would disconnect the peer); they go out, in
     * order, when it drains. Notfound for the rest is not held back.
     */
    @Test
    void getdataBlocksWaitWhileTheSendQueueIsFullAndFollowWhenItDrains() {
        SyncHarness h = node();
        FakeConnection peer = h.inboundPeer();
        peer.setSendPaused(true);
        Inventory unknown = new Inventory(InventoryType.MSG_WITNESS_BLOCK, CHAIN.get(HAVE).hash());
        peer.receive(new GetData(List.of(new Inventory(InventoryType.MSG_WITNESS_BLOCK, CHAIN.get(1).hash()),
                new Inventory(InventoryType.MSG_WITNESS_BLOCK, CHAIN.get(2).hash()), unknown)));
        h.loop.advance(Duration.ofSeconds(3));          // ticks while paused: still nothing
        assertThat(peer.sent(BlockMessage.class)).isEmpty();
        peer.setSendPaused(false);
        assertThat(peer.sent(BlockMessage.class).stream().map(BlockMessage::block).toList())
                .containsExactly(CHAIN.get(1), CHAIN.get(2));
        assertThat(SyncHarness.last(peer, NotFound.class).inventory()).containsExactly(unknown);
    }

    @Test
    void aNewBlockIsAnnouncedByHeadersOrInvAndNeverToThePeerThatHasIt() {
        SyncHarness h = node();
        FakeConnection headersPeer = h.inboundPeer();
        headersPeer.receive(new SendHeaders());
        headersPeer.receive(getHeaders(List.of(SyncHarness.PARAMS.genesisHash()), Hash256.ZERO));
        headersPeer.receive(getHeaders(List.of(CHAIN.get(1999).hash()), Hash256.ZERO));   // it has our tip now
        FakeConnection invPeer = h.inboundPeer();
        FakeConnection source = h.inboundPeer();
        headersPeer.clearSent();
        invPeer.clearSent();
        Block next = CHAIN.get(HAVE);
        source.receive(new Headers(List.of(next.header())));              // a sendheaders-style announcement
        assertThat(SyncHarness.requested(source)).containsExactly(next.hash());
        source.clearSent();
        source.receive(new BlockMessage(next));
        assertThat(h.chain.activeTip().hash()).isEqualTo(next.hash());
        assertThat(headersPeer.sent(Headers.class)).singleElement()
                .satisfies(m -> assertThat(m.headers()).containsExactly(next.header()));
        assertThat(invPeer.sent(Inv.class)).singleElement().satisfies(m -> assertThat(m.inventory())
                .containsExactly(new Inventory(InventoryType.MSG_BLOCK, next.hash())));
        assertThat(source.sent(Headers.class)).isEmpty();
        assertThat(source.sent(Inv.class)).isEmpty();
        // nothing is announced twice
        h.loop.advance(java.time.Duration.ofSeconds(2));
        assertThat(headersPeer.sent(Headers.class)).hasSize(1);
        assertThat(invPeer.sent(Inv.class)).hasSize(1);
    }
}
