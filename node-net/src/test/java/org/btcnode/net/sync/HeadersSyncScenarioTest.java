package org.btcnode.net.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;

import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.chain.Pow;
import org.btcnode.core.message.GetHeaders;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.SendHeaders;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.junit.jupiter.api.Test;

/** Headers-first sync: which peer is asked, continuation, unconnecting and invalid headers, the low-work pre-sync. */
class HeadersSyncScenarioTest {
    private static final List<Block> CHAIN = SyncHarness.recentChain(2100);
    private static final List<BlockHeader> HEADERS = RegtestBlocks.headers(CHAIN);

    @Test
    void sendheadersThenGetheadersToOnePeerDuringInitialSync() {
        SyncHarness h = new SyncHarness();
        FakeConnection first = h.inboundPeer();
        FakeConnection second = h.inboundPeer();
        assertThat(first.sentTypes()).contains(MessageType.SENDHEADERS);
        assertThat(first.sentTypes().indexOf(MessageType.SENDHEADERS))
                .isLessThan(first.sentTypes().indexOf(MessageType.GETHEADERS));
        GetHeaders request = SyncHarness.last(first, GetHeaders.class);
        assertThat(request.locator()).containsExactly(SyncHarness.PARAMS.genesisHash());
        // our best header (genesis, 2011) is old: only one peer syncs headers
        assertThat(second.sent(GetHeaders.class)).isEmpty();
        assertThat(second.sent(SendHeaders.class)).hasSize(1);
    }

    @Test
    void twoThousandHeadersAskForMoreAndArePersistedPerMessage() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        peer.receive(new Headers(HEADERS.subList(0, 2000)));
        GetHeaders more = SyncHarness.last(peer, GetHeaders.class);
        assertThat(more.locator().get(0)).isEqualTo(HEADERS.get(1999).hash());
        assertThat(h.chain.bestHeader().height()).isEqualTo(2000);
        assertThat(h.headerStore.loadAll()).hasSize(2001);
        assertThat(h.headerStore.tip()).contains(HEADERS.get(1999).hash());

        int getheaders = peer.sent(GetHeaders.class).size();
        peer.receive(new Headers(HEADERS.subList(2000, 2100)));
        assertThat(h.chain.bestHeader().height()).isEqualTo(2100);
        assertThat(peer.sent(GetHeaders.class)).hasSize(getheaders);     // a short answer: the peer has no more
        assertThat(h.headerStore.tip()).contains(HEADERS.get(2099).hash());
    }

    @Test
    void unconnectingHeadersAskForTheGapWithoutPunishment() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        peer.receive(new Headers(HEADERS.subList(0, 10)));
        peer.receive(new Headers(List.of(HEADERS.get(11))));             // parent (height 11) unknown
        GetHeaders gap = SyncHarness.last(peer, GetHeaders.class);
        assertThat(gap.locator().get(0)).isEqualTo(HEADERS.get(9).hash());
        assertThat(peer.isClosed()).isFalse();
        assertThat(h.chain.bestHeader().height()).isEqualTo(10);
        peer.receive(new Headers(HEADERS.subList(10, 12)));
        assertThat(h.chain.bestHeader().height()).isEqualTo(12);
        // the announced block became its best known block once the header arrived
        assertThat(h.chain.syncPeer(h.manager.peers().iterator().next().id()).orElseThrow().bestKnownBlock.height())
                .isEqualTo(12);
    }

    @Test
    void aHeaderWithInvalidProofOfWorkDiscouragesThePeer() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        BlockHeader good = HEADERS.get(0);
        BlockHeader bad = good;
        for (long nonce = good.nonce() + 1; Pow.checkProofOfWork(bad.hash(), bad.bits(), SyncHarness.PARAMS.consensus());
                nonce++) {
            bad = good.withNonce(nonce);
        }
        var address = h.manager.peers().iterator().next().address();
        peer.receive(new Headers(List.of(bad)));
        assertThat(peer.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(address)).isTrue();
        assertThat(h.headerStore.loadAll()).hasSize(1);
    }

    @Test
    void aHeaderFailingContextualChecksDiscourages() {
        SyncHarness h = new SyncHarness();
        FakeConnection peer = h.inboundPeer();
        // time-too-old: not after the median time past of its parent (genesis)
        BlockHeader old = RegtestBlocks.mine(new BlockHeader(4, SyncHarness.PARAMS.genesisHash(),
                HEADERS.get(0).merkleRoot(), SyncHarness.PARAMS.genesisBlock().header().time(), 0x207fffffL, 0),
                SyncHarness.PARAMS.consensus());
        var address = h.manager.peers().iterator().next().address();
        peer.receive(new Headers(List.of(old)));
        assertThat(peer.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(address)).isTrue();
        assertThat(h.chain.tree().size()).isEqualTo(1);
    }

    @Test
    void aLowWorkHeaderFloodIsPreSyncedAndNeverStored() {
        // minimum chain work above what these 2,100 headers carry (regtest: 2 per block)
        ChainWork minimum = new ChainWork(BigInteger.valueOf(2 * 10_000));
        SyncHarness h = new SyncHarness(new MemoryHeaderStore(), new MemoryBlockStore(), minimum);
        FakeConnection peer = h.inboundPeer();
        peer.receive(new Headers(HEADERS.subList(0, 2000)));
        // pre-sync: asked for more from the last header, kept nothing
        GetHeaders more = SyncHarness.last(peer, GetHeaders.class);
        assertThat(more.locator().get(0)).isEqualTo(HEADERS.get(1999).hash());
        assertThat(h.chain.tree().size()).isEqualTo(1);
        assertThat(h.headerStore.loadAll()).hasSize(1);
        var stats = h.chain.stats(h.manager.peers().iterator().next());
        assertThat(stats.presyncedHeaders()).isEqualTo(2000);
        // a short message still below the minimum ends the pre-sync, nothing stored, peer kept
        peer.receive(new Headers(HEADERS.subList(2000, 2100)));
        assertThat(h.chain.tree().size()).isEqualTo(1);
        assertThat(h.headerStore.loadAll()).hasSize(1);
        assertThat(peer.isClosed()).isFalse();
        assertThat(h.chain.stats(h.manager.peers().iterator().next()).presyncedHeaders()).isEqualTo(-1);
    }

    @Test
    void aShortLowWorkChainIsIgnored() {
        SyncHarness h = new SyncHarness(new MemoryHeaderStore(), new MemoryBlockStore(),
                new ChainWork(BigInteger.valueOf(1_000_000)));
        FakeConnection peer = h.inboundPeer();
        int before = peer.sent(GetHeaders.class).size();
        peer.receive(new Headers(HEADERS.subList(0, 100)));
        assertThat(h.chain.tree().size()).isEqualTo(1);
        assertThat(peer.sent(GetHeaders.class)).hasSize(before);
        assertThat(peer.isClosed()).isFalse();
    }
}
