package org.btcnode.net.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.Headers;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.Verack;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Core's stale-tip check (net_processing.cpp CheckForStaleTipAndEvictPeers, TipMayBeStale,
 * EvictExtraOutboundPeers) through the connection manager's outbound logic, on a manual clock:
 * eight full-relay and two block-relay-only peers that keep answering pings but bring no block.
 */
class StaleTipScenarioTest {
    private static final List<Block> CHAIN = SyncHarness.recentChain(10);
    private static final Block TIP = CHAIN.get(CHAIN.size() - 1);

    private final List<FakeConnection> connections = new ArrayList<>();
    private final Set<PeerId> handled = new HashSet<>();
    private final Map<FakeConnection, Integer> pingsAnswered = new HashMap<>();

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    private static SyncHarness harness() {
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        SyncHarness.preload(headers, blocks, CHAIN);
        List<Address> outbound = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            outbound.add(NodeHarness.address("11." + i + ".0.1", 18444, NodeHarness.FULL));
        }
        return new SyncHarness(headers, blocks, outbound);
    }

    /**
     * Moves the clock in 5-second steps; every new dial connects and finishes its handshake
     * (feelers fail), every ping is answered, so only the chain decides who is disconnected.
     */
    private void run(SyncHarness h, Duration total) {
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plusSeconds(5)) {
            h.loop.advance(Duration.ofSeconds(5));
            for (Dial d : h.transport.dials()) {
                if (!handled.add(d.id())) {
                    continue;
                }
                if (d.type() == ConnectionType.FEELER) {
                    h.transport.fail(d);
                    continue;
                }
                FakeConnection c = h.transport.complete(d);
                c.receive(NodeHarness.version(0x5000 + d.id().value()));
                c.receive(new Verack());
                connections.add(c);
            }
            for (FakeConnection c : connections) {
                List<Ping> pings = c.sent(Ping.class);
                for (int i = pingsAnswered.getOrDefault(c, 0); i < pings.size() && !c.isClosed(); i++) {
                    c.receive(new Pong(pings.get(i).nonce()));
                }
                pingsAnswered.put(c, pings.size());
            }
        }
    }

    private List<FakeConnection> fullRelay() {
        return connections.stream().filter(c -> c.connectionType() == ConnectionType.OUTBOUND_FULL_RELAY).toList();
    }

    private static List<String> netLines(String containing) {
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text).filter(t -> t.contains(containing))
                .toList();
    }

    @Test
    void aStaleTipAddsOneFullRelayPeerAndTheExtraPeerThatBroughtNothingGoes() {
        SyncHarness h = harness();
        run(h, Duration.ofMinutes(32));
        // The check runs every 45 s, the tip test every 10 minutes: at 0:45 (which starts the
        // clock), 11:15, 21:45 and 32:15; the tip is then 31.5 minutes old.
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
        assertThat(h.transport.dials(ConnectionType.BLOCK_RELAY)).hasSize(2);
        assertThat(netLines("Potential stale tip")).isEmpty();

        run(h, Duration.ofSeconds(30));                           // 32:15: stale, one more full-relay dial
        assertThat(netLines("Potential stale tip")).containsExactly(
                "Potential stale tip detected, will try using extra outbound peer (last tip update: 1890 seconds ago)");
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(9);
        FakeConnection extra = fullRelay().get(8);
        assertThat(extra.isClosed()).isFalse();

        run(h, Duration.ofMinutes(1));                            // 33:00, 40 s after it connected: evicted
        assertThat(extra.isClosed()).isTrue();
        assertThat(netLines("disconnecting extra outbound peer")).containsExactly(
                "disconnecting extra outbound peer=" + extra.id() + " (last block announcement received at time 0)");
        assertThat(fullRelay().subList(0, 8)).noneMatch(FakeConnection::isClosed);

        run(h, Duration.ofMinutes(9));                            // the eviction ended the attempt until 42:45
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(9);
        run(h, Duration.ofMinutes(1));                            // still stale: another extra peer
        assertThat(netLines("Potential stale tip")).hasSize(2);
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(10);
    }

    @Test
    void theExtraPeerThatAnnouncesANewBlockStaysAndTheNewestSilentUnprotectedPeerGoes() {
        SyncHarness h = harness();
        run(h, Duration.ofMinutes(1));
        List<FakeConnection> originals = fullRelay();
        assertThat(originals).hasSize(8);
        // The five most recent peers show they have our tip, newest first: the first four to do so
        // are protected from eviction (Core's maximum), the fifth is not.
        for (int i = 7; i >= 3; i--) {
            originals.get(i).receive(new Headers(List.of(TIP.header())));
        }
        assertThat(netLines("Protecting outbound peer")).containsExactly(
                "Protecting outbound peer=" + originals.get(7).id() + " from eviction",
                "Protecting outbound peer=" + originals.get(6).id() + " from eviction",
                "Protecting outbound peer=" + originals.get(5).id() + " from eviction",
                "Protecting outbound peer=" + originals.get(4).id() + " from eviction");

        run(h, Duration.ofSeconds(31 * 60 + 30));                 // stale at 32:15, extra peer connected
        FakeConnection extra = fullRelay().get(8);
        Block next = RegtestBlocks.chain(TIP.hash(), CHAIN.size(), TIP.header().time(), 1, 60, 9).get(0);
        extra.receive(new Headers(List.of(next.header())));       // a new block: its announcement time is now
        assertThat(SyncHarness.requested(extra)).containsExactly(next.hash());

        run(h, Duration.ofMinutes(1));                            // eviction at 33:00
        // Not protected, no block announced, the most recent connection of those: the fourth.
        assertThat(originals.get(3).isClosed()).isTrue();
        assertThat(originals.stream().filter(FakeConnection::isClosed)).hasSize(1);
        assertThat(extra.isClosed()).isFalse();

        SyncHarness.serve(extra, List.of(next));
        assertThat(h.chain.activeTip().hash()).isEqualTo(next.hash());
        assertThat(h.chain.tipMayBeStale()).isFalse();
        run(h, Duration.ofMinutes(20));                           // eight full-relay peers again, tip fresh
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(9);
        assertThat(netLines("Potential stale tip")).hasSize(1);
    }

    @Test
    void aTipThatKeepsMovingIsNeverStale() {
        SyncHarness h = harness();
        run(h, Duration.ofMinutes(1));
        FakeConnection announcer = fullRelay().get(0);
        List<Block> more = RegtestBlocks.chain(TIP.hash(), CHAIN.size(), TIP.header().time(), 6, 60, 11);
        for (Block b : more) {                                    // a block every 20 minutes for two hours
            run(h, Duration.ofMinutes(20));
            announcer.receive(new Headers(List.of(b.header())));
            SyncHarness.serve(announcer, List.of(b));
            assertThat(h.chain.activeTip().hash()).isEqualTo(b.hash());
        }
        run(h, Duration.ofMinutes(20));
        assertThat(netLines("Potential stale tip")).isEmpty();
        assertThat(h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY)).hasSize(8);
    }
}
