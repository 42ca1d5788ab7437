package org.btcnode.net.peer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.btcnode.core.message.Ping;
import org.btcnode.core.message.SendAddrV2;
import org.btcnode.core.message.SendHeaders;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.WtxidRelay;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.peer.PeerState.AWAIT_VERACK;
import static org.btcnode.net.peer.PeerState.AWAIT_VERSION;
import static org.btcnode.net.peer.PeerState.CLOSED;
import static org.btcnode.net.peer.PeerState.DISCONNECTING;
import static org.btcnode.net.peer.PeerState.READY;

/**
 * Every (state, event) pair of the handshake: the transition table itself, and the state a real
 * peer ends in when each event reaches it in each state (through the connection manager).
 */
class PeerStateTest {

    @Test
    void transitionTable() {
        Map<PeerState, java.util.Set<PeerState>> allowed = new EnumMap<>(PeerState.class);
        allowed.put(AWAIT_VERSION, java.util.Set.of(AWAIT_VERACK, DISCONNECTING, CLOSED));
        allowed.put(AWAIT_VERACK, java.util.Set.of(READY, DISCONNECTING, CLOSED));
        allowed.put(READY, java.util.Set.of(DISCONNECTING, CLOSED));
        allowed.put(DISCONNECTING, java.util.Set.of(CLOSED));
        allowed.put(CLOSED, java.util.Set.of());
        for (PeerState from : PeerState.values()) {
            for (PeerState to : PeerState.values()) {
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(allowed.get(from).contains(to));
            }
        }
        assertThat(AWAIT_VERSION.isOpen()).isTrue();
        assertThat(AWAIT_VERACK.isOpen()).isTrue();
        assertThat(READY.isOpen()).isTrue();
        assertThat(DISCONNECTING.isOpen()).isFalse();
        assertThat(CLOSED.isOpen()).isFalse();
    }

    /** What can happen to a peer. */
    enum Event {
        VERSION((h, c) -> c.receive(NodeHarness.version(0x55))),
        VERACK((h, c) -> c.receive(new Verack())),
        WTXIDRELAY((h, c) -> c.receive(new WtxidRelay())),
        SENDADDRV2((h, c) -> c.receive(new SendAddrV2())),
        SENDHEADERS((h, c) -> c.receive(new SendHeaders())),
        PING((h, c) -> c.receive(new Ping(3))),
        UNKNOWN((h, c) -> c.receive(new UnknownMessage("foo", Bytes.EMPTY))),
        /** -peertimeout passes without anything from the peer. */
        PEER_TIMEOUT((h, c) -> h.advance(Duration.ofSeconds(61))),
        /** The transport reports the socket closed. */
        DISCONNECTED((h, c) -> c.remoteClose());

        final BiConsumer<NodeHarness, FakeConnection> apply;

        Event(BiConsumer<NodeHarness, FakeConnection> apply) {
            this.apply = apply;
        }
    }

    /**
     * Expected state after each event, per starting state. A disconnect we decide on goes
     * through DISCONNECTING to CLOSED once the (fake) transport reports the socket closed, which
     * it does before the event returns; the DISCONNECTING row is a peer whose close the
     * transport has not reported yet.
     */
    private static final Map<PeerState, Map<Event, PeerState>> EXPECTED = new EnumMap<>(PeerState.class);

    static {
        EXPECTED.put(AWAIT_VERSION, row(AWAIT_VERACK, AWAIT_VERSION, AWAIT_VERSION, AWAIT_VERSION, AWAIT_VERSION,
                AWAIT_VERSION, AWAIT_VERSION, CLOSED, CLOSED));
        EXPECTED.put(AWAIT_VERACK, row(AWAIT_VERACK, READY, AWAIT_VERACK, AWAIT_VERACK, AWAIT_VERACK,
                AWAIT_VERACK, AWAIT_VERACK, CLOSED, CLOSED));
        EXPECTED.put(READY, row(READY, READY, CLOSED, CLOSED, READY, READY, READY, READY, CLOSED));
        EXPECTED.put(DISCONNECTING, row(DISCONNECTING, DISCONNECTING, DISCONNECTING, DISCONNECTING, DISCONNECTING,
                DISCONNECTING, DISCONNECTING, DISCONNECTING, CLOSED));
        EXPECTED.put(CLOSED, row(CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED, CLOSED));
    }

    private static Map<Event, PeerState> row(PeerState... states) {
        Map<Event, PeerState> m = new EnumMap<>(Event.class);
        for (Event e : Event.values()) {
            m.put(e, states[e.ordinal()]);
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(PeerState.class)
    void everyEventInEveryState(PeerState start) {
        for (Event event : Event.values()) {
            NodeHarness h = NodeHarness.quiet();
            FakeConnection c = h.transport.inbound(FakeTransport.socket("10.0.0.5", 50_000));
            Peer peer = h.peer(c);
            bringTo(h, c, peer, start);
            assertThat(peer.state()).isEqualTo(start);
            event.apply.accept(h, c);
            PeerState expected = EXPECTED.get(start).get(event);
            assertThat(peer.state()).as(start + " + " + event).isEqualTo(expected);
            boolean open = expected.isOpen();
            assertThat(c.isClosed()).as(start + " + " + event + ": connection closed").isEqualTo(!open);
            assertThat(h.manager.peer(c.id()).isPresent()).as(start + " + " + event + ": in the table")
                    .isEqualTo(expected != CLOSED);
        }
    }

    private static void bringTo(NodeHarness h, FakeConnection c, Peer peer, PeerState state) {
        switch (state) {
            case AWAIT_VERSION -> { }
            case AWAIT_VERACK -> c.receive(NodeHarness.version(0x55));
            case READY -> {
                c.receive(NodeHarness.version(0x55));
                c.receive(new Verack());
            }
            case DISCONNECTING -> {
                c.stopReportingClose();       // the transport has not reported the close yet
                h.manager.disconnectNode(peer.id());
            }
            case CLOSED -> c.remoteClose();
        }
    }
}
