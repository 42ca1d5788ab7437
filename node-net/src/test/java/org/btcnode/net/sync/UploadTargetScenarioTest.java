package org.btcnode.net.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.btcnode.core.message.BlockMessage;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.Verack;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.UploadTarget;
import org.btcnode.net.connman.WhitelistEntry;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;

/**
 * -maxuploadtarget on the serving side (net_processing.cpp ProcessGetBlockData): past the
 * historical-block limit, a peer asking for a block more than a week older than our best header
 * is disconnected, recent blocks are still served, and a peer with the download permission gets
 * everything.
 */
class UploadTargetScenarioTest {
    /** Late in the 24-hour cycle that the first bytes at T0 start: under 10 minutes left, no buffer. */
    private static final Instant LATE = SyncHarness.T0.plus(Duration.ofHours(23).plusMinutes(55));
    /** 30 blocks 12 hours apart, the last an hour before LATE: 0..14 are older than a week, 15 is exactly a week. */
    private static final List<Block> CHAIN = RegtestBlocks.chain(SyncHarness.PARAMS.genesisHash(), 0,
            LATE.getEpochSecond() - 3600 - 30 * 43_200L, 30, 43_200, 5);
    private static final long TARGET = 10_000;
    private static final String DOWNLOAD_IP = "203.0.113.200";

    private static GetData getData(Block b) {
        return new GetData(List.of(new Inventory(InventoryType.MSG_WITNESS_BLOCK, b.hash())));
    }

    private static List<Block> served(FakeConnection c) {
        return c.sent(BlockMessage.class).stream().map(BlockMessage::block).toList();
    }

    @Test
    void pastTheLimitHistoricalBlocksCostTheConnectionButNotForDownloadPeers() {
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        SyncHarness.preload(headers, blocks, CHAIN);
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0").withMaxUploadTarget(TARGET)
                .withWhitelist(List.of(WhitelistEntry.parse("download@" + DOWNLOAD_IP)), List.of());
        SyncHarness h = new SyncHarness(headers, blocks, options);
        FakeConnection first = h.inboundPeer();                    // our first bytes start the cycle at T0
        first.remoteClose();
        h.loop.advance(Duration.between(SyncHarness.T0, LATE));
        assertThat(h.manager.uploadTargetStatus().timeLeftInCycle()).isEqualTo(300);
        CapturedLogs.clear();

        FakeConnection peer = h.inboundPeer();
        var peerAddress = h.manager.peer(peer.id()).orElseThrow().address();
        peer.receive(getData(CHAIN.get(0)));                       // under the target: served
        assertThat(served(peer)).containsExactly(CHAIN.get(0));
        for (int i = 0; i < 200 && !h.manager.uploadTargetStatus().targetReached(); i++) {
            peer.receive(getData(CHAIN.get(15)));                  // a week old exactly: not historical
        }
        UploadTarget.Status status = h.manager.uploadTargetStatus();
        assertThat(status.targetReached()).isTrue();
        assertThat(status.serveHistoricalBlocks()).isFalse();
        assertThat(status.bytesLeftInCycle()).isZero();
        int servedBefore = served(peer).size();
        peer.receive(getData(CHAIN.get(15)));                      // recent blocks are still served
        assertThat(served(peer)).hasSize(servedBefore + 1);
        assertThat(peer.isClosed()).isFalse();

        peer.receive(getData(CHAIN.get(14)));                      // 7.5 days old: disconnected, not served
        assertThat(peer.isClosed()).isTrue();
        assertThat(served(peer)).hasSize(servedBefore + 1);
        assertThat(CapturedLogs.lines("btc.net")).anyMatch(l -> l.text().equals(
                "historical block serving limit reached, disconnecting peer=" + peer.id()));
        assertThat(h.banMan.isDiscouraged(peerAddress)).isFalse();      // Core only disconnects

        FakeConnection download = h.transport.inbound(FakeTransport.socket(DOWNLOAD_IP, 18444));
        download.receive(NodeHarness.version(0x7777));
        download.receive(new Verack());
        download.receive(getData(CHAIN.get(0)));                   // the download permission passes the limit
        assertThat(served(download)).containsExactly(CHAIN.get(0));
        assertThat(download.isClosed()).isFalse();
    }
}
