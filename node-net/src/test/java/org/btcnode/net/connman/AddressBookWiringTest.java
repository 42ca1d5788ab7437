package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.Verack;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.FULL;
import static org.btcnode.net.testing.NodeHarness.T0;

/** The address book as the connection manager's source: outbound dials, Good, feelers for test-before-evict. */
class AddressBookWiringTest {

    @Test
    void outboundConnectionsComeFromTheAddressBookAndAHandshakeMovesTheAddressToTried() {
        ManualNodeLoop loop = new ManualNodeLoop(T0);
        FakeTransport transport = new FakeTransport(loop);
        AddrMan addrMan = AddrMan.load(new InMemoryAddressBookStore(), new Random(3), loop.clock());
        NetAddress google = NetAddress.ipv4(8, 8, 8, 8);
        addrMan.add(List.of(new Address(T0, FULL, google, 8333)), NetAddress.ipv4(1, 2, 3, 4), Duration.ZERO, T0);
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0");
        ConnectionManager manager = new ConnectionManager(options, loop, transport, addrMan,
                new BanMan(new InMemoryBanStore(), loop.clock(), options.banTime()), new Random(4), () -> 0, null);
        transport.setEvents(manager);
        loop.execute(manager::start);
        loop.advance(Duration.ofSeconds(1));

        Dial dial = transport.dials(ConnectionType.OUTBOUND_FULL_RELAY).get(0);
        assertThat(dial.address()).isEqualTo(FakeTransport.socket("8.8.8.8", 8333));
        FakeConnection c = transport.complete(dial);
        c.receive(NodeHarness.version(11));
        c.receive(new Verack());
        assertThat(addrMan.findAddressEntry(google, 8333).orElseThrow().tried()).isTrue();
        loop.advance(Duration.ofSeconds(1));
        assertThat(addrMan.hasPendingChanges()).as("flushed by the one-second timer").isFalse();
    }

    /** Core's deterministic addrman key uint256{1}, under which 250.1.1.36 collides with 250.1.1.19 in tried. */
    private static InMemoryAddressBookStore keyOne() {
        byte[] key = new byte[32];
        key[0] = 1;
        return InMemoryAddressBookStore.withKey(Bytes.of(key));
    }

    @Test
    void theFeelerTestsTheTriedEntryANewOneWouldEvict() {
        // ten addresses in distinct groups fill the 8 + 2 outbound slots (the dials stay pending)
        List<Address> outbound = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            outbound.add(NodeHarness.address((30 + i) + ".1.1.1", 8333, FULL));
        }
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0"), outbound, null, 7, keyOne());
        Instant earlier = T0.minus(Duration.ofHours(5));   // old enough to be replaceable (ADDRMAN_REPLACEMENT)
        NetAddress source = NetAddress.ipv4(252, 2, 2, 2);
        for (int i = 1; i <= 35; i++) {
            NetAddress a = NetAddress.ipv4(250, 1, 1, i);
            h.addrMan.add(List.of(new Address(earlier, FULL, a, 0)), source, Duration.ZERO, earlier);
            assertThat(h.addrMan.markGood(a, 0, earlier)).isTrue();
        }
        NetAddress a36 = NetAddress.ipv4(250, 1, 1, 36);
        h.addrMan.add(List.of(new Address(T0, FULL, a36, 0)), source, Duration.ZERO, T0);
        assertThat(h.addrMan.markGood(a36, 0, T0)).isFalse();          // collides: waits for a test
        h.manager.start();

        h.advance(Duration.ofMinutes(20));
        List<Dial> feelers = h.transport.dials(ConnectionType.FEELER);
        assertThat(feelers).isNotEmpty();
        assertThat(feelers.get(0).address()).isEqualTo(FakeTransport.socket("250.1.1.19", 0));

        // the old entry answers: at the next feeler round (where Core resolves collisions) it
        // stays, the newcomer stays in new and the collision is gone
        FakeConnection feeler = h.transport.complete(feelers.get(0));
        feeler.receive(NodeHarness.version(12));
        assertThat(feeler.isClosed()).isTrue();
        h.advance(Duration.ofMinutes(20));
        assertThat(h.addrMan.selectTriedCollision()).isEmpty();
        assertThat(h.addrMan.findAddressEntry(a36, 0).orElseThrow().tried()).isFalse();
        assertThat(h.addrMan.findAddressEntry(NetAddress.ipv4(250, 1, 1, 19), 0).orElseThrow().tried()).isTrue();
    }
}
