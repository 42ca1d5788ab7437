package org.btcnode.net.peer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.btcnode.core.message.Addr;
import org.btcnode.core.message.AddrV2;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.GetAddr;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.SendAddrV2;
import org.btcnode.core.message.Verack;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.WhitelistEntry;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.NodeHarness;
import org.btcnode.net.transport.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.FULL;
import static org.btcnode.net.testing.NodeHarness.T0;
import static org.btcnode.net.testing.NodeHarness.version;

/** Address gossip (AddrRelay) through the connection manager, on the fake transport and a manual clock. */
class AddrRelayTest {
    /**
     * Long enough for the trickle in these seeded runs (mean 30 s), short enough that a test's
     * steps stay inside the 20-minute ping timeout of peers that never answer a ping.
     */
    private static final Duration TRICKLE = Duration.ofMinutes(3);

    private static NodeHarness harness(ConnectionOptions options, long seed) {
        NodeHarness h = new NodeHarness(options, List.of(), null, seed);
        h.manager.start();
        return h;
    }

    private static NodeHarness quiet() {
        return harness(ConnectionOptions.defaults("0.1.0"), 7);
    }

    private static Address addr(String ip, Instant time) {
        Address a = NodeHarness.address(ip, 8333, FULL);
        return new Address(time, a.services(), a.address(), a.port());
    }

    private static Address fresh(String ip) {
        return addr(ip, T0);
    }

    /** Stamped with the harness clock's current second: fresh. */
    private static Address fresh(NodeHarness h, String ip) {
        return addr(ip, Instant.ofEpochSecond(h.loop.now().getEpochSecond()));
    }

    /** n distinct routable IPv4 addresses in distinct /16s, stamped T0. */
    private static List<Address> many(int n, int firstOctet) {
        List<Address> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Address(T0, FULL, NetAddress.ipv4(firstOctet + i / 250, i % 250 + 1, 7, 9), 8333));
        }
        return out;
    }

    /** Every address the peer was sent in addr or addrv2 messages. */
    private static List<Address> received(FakeConnection c) {
        List<Address> out = new ArrayList<>();
        c.sent(Addr.class).forEach(m -> out.addAll(m.addresses()));
        c.sent(AddrV2.class).forEach(m -> out.addAll(m.addresses()));
        return out;
    }

    /** An inbound peer that completed the handshake and set up address relay by asking getaddr. */
    private static FakeConnection relayingInbound(NodeHarness h, String ip) {
        FakeConnection c = h.inboundReady(ip);
        c.receive(new GetAddr());
        return c;
    }

    private static FakeConnection manualOutbound(NodeHarness h) {
        Dial dial = h.transport.dials(ConnectionType.MANUAL).get(0);
        FakeConnection c = h.transport.complete(dial);
        c.receive(version(99));
        c.receive(new Verack());
        return c;
    }

    @Test
    void addressesFromAPeerGoIntoTheAddressBookAndAreWrittenWithinASecond() {
        NodeHarness h = quiet();
        FakeConnection c = h.inboundReady("1.2.3.4");
        c.receive(new Addr(List.of(fresh("8.8.8.8"))));
        Peer p = h.peer(c);
        assertThat(p.addrRelayEnabled()).isTrue();
        assertThat(p.addrProcessed()).isEqualTo(1);
        assertThat(h.addrMan.size()).isEqualTo(1);
        assertThat(h.addrMan.findAddressEntry(NetAddress.ipv4(8, 8, 8, 8), 8333)).isPresent();
        assertThat(h.addressBookStore.load().entries()).isEmpty();
        h.advance(Duration.ofSeconds(1));
        assertThat(h.addressBookStore.load().entries()).hasSize(1);
        assertThat(h.manager.peerInfos().get(0).addrProcessed()).isEqualTo(1);
    }

    @Test
    void unroutableAndLocalAddressesAreNotStored() {
        NodeHarness h = quiet();
        FakeConnection c = h.inboundReady("1.2.3.4");
        c.receive(new Addr(List.of(fresh("10.0.0.1"), fresh("127.0.0.1"), fresh("192.168.1.1"))));
        h.advance(Duration.ofMinutes(30));       // tokens for every entry
        c.receive(new Addr(List.of(fresh("10.0.0.2"))));
        assertThat(h.addrMan.size()).isZero();
    }

    @Test
    void aTimeMoreThanTenMinutesAheadBecomesFiveDaysAgo() {
        NodeHarness h = quiet();
        FakeConnection c = h.inboundReady("1.2.3.4");
        c.receive(new Addr(List.of(addr("8.8.8.8", T0.plus(Duration.ofMinutes(11))))));
        Address stored = h.addrMan.getAddr(0, 0, java.util.Optional.empty(), false, T0).get(0);
        // five days before now, minus AddrMan's two-hour penalty for addresses from peers
        assertThat(stored.time()).isEqualTo(T0.minus(Duration.ofDays(5)).minus(Duration.ofHours(2)));
    }

    @Test
    void tokenBucketAllowsTheGetaddrBurstThenOneAddressPerTenSeconds() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333)));
        NodeHarness h = harness(options, 7);
        FakeConnection c = manualOutbound(h);
        assertThat(c.sent(GetAddr.class)).hasSize(1);        // one token + 1,000 for our getaddr
        Peer p = h.peer(c);

        c.receive(new Addr(many(1000, 20)));
        assertThat(p.addrProcessed()).isEqualTo(1000);
        assertThat(p.addrRateLimited()).isZero();

        c.receive(new Addr(many(1000, 40)));                 // one token left
        assertThat(p.addrProcessed()).isEqualTo(1001);
        assertThat(p.addrRateLimited()).isEqualTo(999);

        h.advance(Duration.ofSeconds(100));                  // 0.1 per second: 10 tokens
        c.receive(new Addr(many(20, 60)));
        assertThat(p.addrProcessed()).isEqualTo(1011);
        assertThat(p.addrRateLimited()).isEqualTo(1009);
        PeerInfo info = h.manager.peerInfos().get(0);
        assertThat(info.addrProcessed()).isEqualTo(1011);
        assertThat(info.addrRateLimited()).isEqualTo(1009);
    }

    @Test
    void anInboundPeerStartsWithOneTokenAndAWhitelistedAddrPeerIsNotLimited() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withWhitelist(List.of(WhitelistEntry.parse("addr@5.6.7.8")), List.of());
        NodeHarness h = harness(options, 7);
        FakeConnection plain = h.inboundReady("1.2.3.4");
        FakeConnection white = h.inboundReady("5.6.7.8");
        plain.receive(new Addr(many(50, 20)));
        white.receive(new Addr(many(50, 40)));
        assertThat(h.peer(plain).addrProcessed()).isEqualTo(1);
        assertThat(h.peer(plain).addrRateLimited()).isEqualTo(49);
        assertThat(h.peer(white).addrProcessed()).isEqualTo(50);
        assertThat(h.peer(white).addrRateLimited()).isZero();
    }

    @Test
    void anOversizedAddrDiscouragesARemotePeerAndOnlyDisconnectsALocalOne() {
        NodeHarness h = quiet();
        FakeConnection remote = h.inboundReady("1.2.3.4");
        FakeConnection local = h.inboundReady("127.0.0.1");
        // the transport's MessageCodec turns a count over 1,000 into this violation (MessageCodecTest)
        for (FakeConnection c : List.of(remote, local)) {
            h.loop.execute(() -> h.manager.onViolation(c.id(), Violation.OVERSIZED_COUNT, "addr message size = 1001"));
        }
        h.loop.runPending();
        assertThat(remote.isClosed()).isTrue();
        assertThat(local.isClosed()).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(1, 2, 3, 4))).isTrue();
        assertThat(h.banMan.isDiscouraged(NetAddress.ipv4(127, 0, 0, 1))).isFalse();
    }

    @Test
    void getaddrIsAnsweredOnceFromACacheAndOnlyToInboundPeers() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333)));
        NodeHarness h = harness(options, 7);
        h.addrMan.add(many(100, 20), NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, T0);

        FakeConnection first = relayingInbound(h, "1.2.3.4");
        h.advance(TRICKLE);
        List<Address> answer = received(first);
        int stored = h.addrMan.size();                       // a few of the 100 may share a bucket slot
        assertThat(stored).isBetween(90, 100);
        assertThat(answer).hasSize(stored * 23 / 100);       // 23 %
        assertThat(first.sent(Addr.class)).hasSize(1);

        first.receive(new GetAddr());                        // once per connection
        h.advance(TRICKLE);
        assertThat(first.sent(Addr.class)).hasSize(1);

        h.addrMan.add(many(100, 60), NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, T0);
        FakeConnection second = relayingInbound(h, "1.2.3.5");
        h.advance(TRICKLE);
        assertThat(new HashSet<>(received(second))).isEqualTo(new HashSet<>(answer));   // the cached answer

        h.advance(Duration.ofHours(27));                     // 21 h + up to 6 h: renewed
        FakeConnection third = relayingInbound(h, "1.2.3.6");
        h.advance(TRICKLE);
        assertThat(received(third)).hasSize(h.addrMan.size() * 23 / 100).hasSizeGreaterThan(answer.size());

        FakeConnection outbound = manualOutbound(h);
        outbound.receive(new GetAddr());
        h.advance(TRICKLE);
        assertThat(received(outbound)).isEmpty();            // Core ignores an outbound peer's getaddr
    }

    @Test
    void aPeerWithTheAddrPermissionGetsAFreshAnswerNotTheCache() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withWhitelist(List.of(WhitelistEntry.parse("addr@5.6.7.8")), List.of());
        NodeHarness h = harness(options, 7);
        h.addrMan.add(many(100, 20), NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, T0);
        FakeConnection plain = relayingInbound(h, "1.2.3.4");
        h.advance(TRICKLE);
        int before = received(plain).size();
        h.addrMan.add(many(100, 60), NetAddress.ipv4(9, 9, 9, 9), Duration.ZERO, T0);
        FakeConnection white = relayingInbound(h, "5.6.7.8");
        h.advance(TRICKLE);
        assertThat(received(white)).hasSize(h.addrMan.size() * 23 / 100).hasSizeGreaterThan(before);
    }

    @Test
    void bannedAndDiscouragedAddressesAreRememberedButNotStoredOrRelayed() {
        NodeHarness h = quiet();
        h.banMan.discourage(NetAddress.ipv4(8, 8, 8, 8));
        FakeConnection source = relayingInbound(h, "1.2.3.1");
        FakeConnection other = relayingInbound(h, "1.2.3.2");
        h.advance(TRICKLE);
        source.receive(new Addr(List.of(fresh(h, "8.8.8.8"))));
        h.advance(TRICKLE);
        assertThat(h.addrMan.size()).isZero();
        assertThat(h.peer(source).addrProcessed()).isZero();
        assertThat(received(other)).isEmpty();
    }

    /** Five relaying inbound peers; the first sends one fresh address; who got it. */
    private static List<Integer> relayRecipients(long seed, String ip, Duration age) {
        NodeHarness h = harness(ConnectionOptions.defaults("0.1.0"), seed);
        List<FakeConnection> peers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            peers.add(relayingInbound(h, "1.2.3." + (i + 1)));
        }
        h.advance(TRICKLE);
        peers.forEach(FakeConnection::clearSent);
        Address address = addr(ip, Instant.ofEpochSecond(h.loop.now().minus(age).getEpochSecond()));
        peers.get(0).receive(new Addr(List.of(address)));
        h.advance(Duration.ofMinutes(15));                  // every trickle of this seeded run, before ping timeouts
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < peers.size(); i++) {
            if (received(peers.get(i)).contains(address)) {
                got.add(i);
            }
        }
        return got;
    }

    @Test
    void aFreshReachableAddressGoesToTwoPeersChosenDeterministicallyNeverBackToItsSource() {
        Set<List<Integer>> choices = new HashSet<>();
        for (long seed = 1; seed <= 8; seed++) {
            List<Integer> got = relayRecipients(seed, "8.8.8.8", Duration.ZERO);
            assertThat(got).hasSize(2).doesNotContain(0);
            assertThat(relayRecipients(seed, "8.8.8.8", Duration.ZERO)).isEqualTo(got);   // same secret, same peers
            choices.add(got);
        }
        assertThat(choices).as("the secret changes the choice").hasSizeGreaterThan(1);
    }

    @Test
    void staleBigOrUnroutableBatchesAreNotRelayed() {
        assertThat(relayRecipients(3, "8.8.8.8", Duration.ofMinutes(9))).hasSize(2);
        assertThat(relayRecipients(3, "8.8.8.8", Duration.ofMinutes(11))).isEmpty();
        assertThat(relayRecipients(3, "10.1.1.1", Duration.ZERO)).isEmpty();
        NodeHarness h = quiet();
        FakeConnection source = relayingInbound(h, "1.2.3.1");
        FakeConnection other = relayingInbound(h, "1.2.3.2");
        source.receive(new Addr(many(11, 20)));              // more than 10: not relayed
        h.advance(TRICKLE);
        assertThat(received(other)).isEmpty();
    }

    @Test
    void anAddressFromOurGetaddrAnswerIsStoredButNotRelayed() {
        ConnectionOptions options = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333)));
        NodeHarness h = harness(options, 7);
        FakeConnection listener = relayingInbound(h, "1.2.3.4");
        FakeConnection outbound = manualOutbound(h);
        outbound.receive(new Addr(List.of(fresh(h, "9.9.9.9"))));
        h.advance(TRICKLE);
        assertThat(h.addrMan.size()).isEqualTo(1);
        assertThat(received(listener)).isEmpty();
        outbound.receive(new Addr(List.of(fresh(h, "9.9.9.10"))));   // the answer is over: relayed again
        h.advance(TRICKLE);
        assertThat(received(listener)).extracting(Address::address).containsExactly(NetAddress.ipv4(9, 9, 9, 10));
    }

    @Test
    void aPeerIsNeverToldAnAddressItKnows() {
        NodeHarness h = quiet();
        FakeConnection a = relayingInbound(h, "1.2.3.1");
        FakeConnection b = relayingInbound(h, "1.2.3.2");
        FakeConnection c = relayingInbound(h, "1.2.3.3");
        h.advance(TRICKLE);
        List.of(a, b, c).forEach(FakeConnection::clearSent);
        b.receive(new Addr(List.of(fresh(h, "8.8.8.8"))));       // b knows it: it told us
        h.advance(TRICKLE);
        assertThat(received(a)).hasSize(1);                  // two relay slots, two other peers
        assertThat(received(c)).hasSize(1);
        a.receive(new Addr(List.of(fresh(h, "8.8.8.8"))));
        h.advance(TRICKLE);
        c.receive(new Addr(List.of(fresh(h, "8.8.8.8"))));
        h.advance(TRICKLE);
        assertThat(received(b)).isEmpty();
        assertThat(received(a)).hasSize(1);                  // told once, not again
        assertThat(received(c)).hasSize(1);
    }

    @Test
    void sendaddrv2PeersGetAddrv2AndOthersOnlyV1CompatibleAddresses() {
        NodeHarness h = quiet();
        FakeConnection source = relayingInbound(h, "1.2.3.1");
        FakeConnection v1 = relayingInbound(h, "1.2.3.2");
        FakeConnection v2 = h.transport.inbound(FakeTransport.socket("1.2.3.3", 50_000));
        v2.receive(version(0x55));
        v2.receive(new SendAddrV2());
        v2.receive(new Verack());
        v2.receive(new GetAddr());
        h.advance(TRICKLE);
        List.of(source, v1, v2).forEach(FakeConnection::clearSent);

        source.receive(new AddrV2(List.of(fresh(h, "8.8.8.8"))));
        h.advance(TRICKLE);
        assertThat(v1.sent(AddrV2.class)).isEmpty();
        assertThat(v1.sent(Addr.class)).hasSize(1);
        assertThat(v2.sent(Addr.class)).isEmpty();
        assertThat(v2.sent(AddrV2.class)).hasSize(1);

        List.of(v1, v2).forEach(FakeConnection::clearSent);
        Address onion = new Address(fresh(h, "8.8.8.8").time(), FULL, NetAddress.of(NetworkId.TORV3, onionKey()),
                8333);
        source.receive(new AddrV2(List.of(onion)));          // unreachable here: relayed, not stored
        h.advance(TRICKLE);
        assertThat(received(v1)).isEmpty();
        assertThat(h.peer(source).addrProcessed()).isEqualTo(2);
        assertThat(received(v2)).containsExactly(onion);
        assertThat(h.addrMan.findAddressEntry(onion.address(), 8333)).isEmpty();
    }

    private static byte[] onionKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x42);
        return key;
    }

    @Test
    void blockRelayOnlyPeersTakeNoPartInAddressRelay() {
        NodeHarness h = quiet();
        InetSocketAddress target = FakeTransport.socket("8.8.4.4", 8333);
        FakeConnection block = h.transport.complete(new Dial(PeerId.of(900), target, ConnectionType.BLOCK_RELAY, false));
        block.receive(version(0x77));
        block.receive(new Verack());
        FakeConnection source = relayingInbound(h, "1.2.3.1");
        assertThat(block.sent(GetAddr.class)).isEmpty();

        block.receive(new Addr(List.of(fresh(h, "9.9.9.9"))));
        assertThat(h.addrMan.size()).isZero();
        assertThat(h.peer(block).addrRelayEnabled()).isFalse();

        source.receive(new Addr(List.of(fresh(h, "8.8.8.8"))));
        h.advance(TRICKLE);
        assertThat(received(block)).isEmpty();
    }

    @Test
    void weAdvertiseARoutableLocalAddressWhenListeningAndNothingOnLoopback() {
        InetSocketAddress ours = FakeTransport.socket("8.8.4.4", 8333);
        ConnectionOptions routable = ConnectionOptions.defaults("0.1.0")
                .withAddNode(List.of(FakeTransport.socket("8.8.8.8", 8333))).withLocalAddresses(List.of(ours));
        NodeHarness h = harness(routable, 7);
        FakeConnection c = manualOutbound(h);
        h.advance(TRICKLE);
        assertThat(received(c)).extracting(Address::address).containsExactly(NetAddress.ipv4(8, 8, 4, 4));

        ConnectionOptions loopback = routable.withLocalAddresses(List.of(FakeTransport.socket("127.0.0.1", 8333)));
        NodeHarness l = harness(loopback, 7);
        FakeConnection d = manualOutbound(l);
        l.advance(TRICKLE);
        assertThat(received(d)).isEmpty();
    }
}
