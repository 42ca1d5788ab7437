package org.btcnode.net.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ProtocolVersion;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.message.Verack;
import org.btcnode.core.message.Version;
import org.btcnode.core.store.AddressSource;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.BanMan;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.connman.StaticAddressSource;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.testing.FakeTransport.FakeConnection;

/**
 * A connection manager wired to a {@link FakeTransport}, a manual clock, an in-memory ban list and
 * a seeded random generator: the whole node-logic side of the peer manager, without sockets.
 */
public final class NodeHarness {
    public static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
    public static final ServiceFlags FULL = ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS);

    public final ManualNodeLoop loop = new ManualNodeLoop(T0);
    public final FakeTransport transport = new FakeTransport(loop);
    public final BanMan banMan;
    public final AddressSource addresses;
    /** The address book gossip goes into (outbound dials come from {@link #addresses}). */
    public final AddrMan addrMan;
    public final InMemoryAddressBookStore addressBookStore;
    public final ConnectionManager manager;

    public NodeHarness(ConnectionOptions options, List<Address> addressList, Path anchors) {
        this(options, addressList, anchors, 7);
    }

    public NodeHarness(ConnectionOptions options, List<Address> addressList, Path anchors, long seed) {
        this(options, addressList, anchors, seed, new InMemoryAddressBookStore());
    }

    /** With the address book in {@code store} (e.g. one with a known bucketing key). */
    public NodeHarness(ConnectionOptions options, List<Address> addressList, Path anchors, long seed,
            InMemoryAddressBookStore store) {
        this(options, addressList, anchors, seed, store, false);
    }

    /** As the node runs: outbound connections come from the address book itself (empty at first). */
    public static NodeHarness dialingFromAddressBook(ConnectionOptions options, long seed) {
        return new NodeHarness(options, List.of(), null, seed, new InMemoryAddressBookStore(), true);
    }

    private NodeHarness(ConnectionOptions options, List<Address> addressList, Path anchors, long seed,
            InMemoryAddressBookStore store, boolean fromAddressBook) {
        addressBookStore = store;
        banMan = new BanMan(new InMemoryBanStore(), loop.clock(), options.banTime());
        addrMan = AddrMan.load(addressBookStore, new Random(seed + 2), loop.clock());
        addresses = fromAddressBook ? addrMan : new StaticAddressSource(addressList, new Random(seed + 1));
        manager = new ConnectionManager(options, loop, transport, addrMan, addresses, banMan, new Random(seed), () -> 0,
                anchors);
        transport.setEvents(manager);
    }

    /** A started node whose outbound connections come from {@code addresses}. */
    public static NodeHarness started(ConnectionOptions options, List<Address> addresses) {
        NodeHarness h = new NodeHarness(options, addresses, null);
        h.manager.start();
        return h;
    }

    /** A node with default options and no addresses to dial: only what the test connects. */
    public static NodeHarness quiet() {
        NodeHarness h = new NodeHarness(ConnectionOptions.defaults("0.1.0"), List.of(), null);
        h.manager.start();
        return h;
    }

    public Peer peer(FakeConnection c) {
        return manager.peer(c.id()).orElseThrow(() -> new AssertionError("no peer " + c.id()));
    }

    /** A version as a current Core node sends it. */
    public static Version version(ServiceFlags services, int protocolVersion, long nonce) {
        return new Version(new ProtocolVersion(protocolVersion), services, T0.getEpochSecond(),
                Version.Endpoint.NONE, Version.Endpoint.NONE, nonce, "/Satoshi:28.0.0/", 870_000, true);
    }

    public static Version version(long nonce) {
        return version(FULL, 70016, nonce);
    }

    /** An inbound peer that completed the handshake. */
    public FakeConnection inboundReady(String ip) {
        FakeConnection c = transport.inbound(FakeTransport.socket(ip, 50_000));
        c.receive(version(0x1234));
        c.receive(new Verack());
        return c;
    }

    public static Address address(String ip, int port, ServiceFlags services) {
        NetAddress a = Subnet.parseLiteral(ip).orElseThrow();
        return new Address(Instant.ofEpochSecond(T0.getEpochSecond()), services, a, port);
    }

    /** Advances the clock in steps of at most 500 ms so every tick runs at its time. */
    public void advance(Duration d) {
        loop.advance(d);
    }
}
