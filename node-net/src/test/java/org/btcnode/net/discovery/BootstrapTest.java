package org.btcnode.net.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.btcnode.core.message.Addr;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.GetAddr;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.Verack;
import org.btcnode.core.params.Chain;
import org.btcnode.core.params.FixedSeeds;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.FakeTransport;
import org.btcnode.net.testing.FakeTransport.Dial;
import org.btcnode.net.testing.FakeTransport.FakeConnection;
import org.btcnode.net.testing.LocalDnsServer;
import org.btcnode.net.testing.NodeHarness;
import org.btcnode.net.testing.Poll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.testing.NodeHarness.version;

/**
 * Bootstrap wired to a real connection manager (fake sockets: every "dial" is only recorded) and
 * to the DNS seeder asking a DNS server the test runs on 127.0.0.1 in place of mainnet's seeds.
 * Nothing here opens a socket to anything but that server.
 */
class BootstrapTest {
    private static final NetworkParameters MAIN = NetworkParameters.MAIN;

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    @Test
    void dnsSeedAnswersFillTheEmptyBookAndTheFirstOutboundPeerComesFromThem() throws Exception {
        // every seed's x9 subdomain answers two addresses in its own /16
        List<String> seeds = MAIN.dnsSeeds();
        LocalDnsServer dns = dns(q -> {
            String name = q.getQuestion().getName().toString();
            int i = seedIndex(seeds, name);
            if (i < 0 || q.getQuestion().getType() != Type.A || !name.startsWith("x9.")) {
                return Optional.of(LocalDnsServer.reply(q, List.of()));
            }
            return Optional.of(LocalDnsServer.reply(q, List.of(a(name, "44." + (10 + i) + ".1.1"),
                    a(name, "44." + (10 + i) + ".2.2"))));
        });
        NodeHarness h = NodeHarness.dialingFromAddressBook(ConnectionOptions.defaults("0.1.0"), 3);
        Bootstrap bootstrap = start(h, options(true, true, dns), ConnectionOptions.defaults("0.1.0"));

        awaitDns(h, bootstrap);

        assertThat(h.addrMan.size()).isEqualTo(2 * seeds.size());
        assertThat(dns.questions()).contains("x9.seed.bitcoin.sipa.be. A", "x9.seed.bitcoin.sipa.be. AAAA");
        assertThat(h.addrMan.findAddressEntry(NetAddress.ipv4(44, 10, 1, 1), 8333)).isPresent();
        h.advance(Duration.ofSeconds(1));
        List<Dial> outbound = h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY);
        assertThat(outbound).isNotEmpty();
        assertThat(outbound.get(0).address().getAddress().getHostAddress()).startsWith("44.");
        assertThat(outbound.get(0).address().getPort()).isEqualTo(8333);
        // no fixed seeds: DNS filled every reachable network we could fill (IPv6 stays empty, but
        // the minute has not passed and -dnsseed is on)
        assertThat(h.addrMan.size()).isEqualTo(2 * seeds.size());
    }

    @Test
    void dnsGivingNothingFallsBackToTheFixedSeedsAfterAMinuteWhichAreSelectedNotDialled() throws Exception {
        LocalDnsServer dns = dns(q -> Optional.of(LocalDnsServer.error(q, Rcode.NXDOMAIN)));
        NodeHarness h = NodeHarness.dialingFromAddressBook(ConnectionOptions.defaults("0.1.0"), 4);
        Bootstrap bootstrap = start(h, options(true, true, dns), ConnectionOptions.defaults("0.1.0"));

        awaitDns(h, bootstrap);
        assertThat(h.addrMan.size()).isZero();
        h.advance(Duration.ofSeconds(59));
        assertThat(h.addrMan.size()).isZero();
        assertThat(h.transport.dials()).isEmpty();

        h.advance(Duration.ofSeconds(2));

        Set<NetAddress> fixed = new HashSet<>();
        FixedSeeds.endpoints(Chain.MAIN).forEach(e -> fixed.add(e.address()));
        long clearnet = fixed.stream().filter(a -> a.network() == NetworkId.IPV4 || a.network() == NetworkId.IPV6)
                .count();
        // only IPv4 and IPv6 are reachable; all come from one source ("fixedseeds"), which
        // addrman confines to 64 of the 1,024 new buckets, so some collide there, as in Core
        assertThat(h.addrMan.size()).isGreaterThan((int) (clearnet / 2)).isLessThanOrEqualTo((int) clearnet);
        h.advance(Duration.ofSeconds(1));
        List<Dial> outbound = h.transport.dials(ConnectionType.OUTBOUND_FULL_RELAY);
        assertThat(outbound).isNotEmpty();
        // the FakeTransport only records the choice: nothing is dialled
        for (Dial d : outbound) {
            assertThat(fixed).contains(Subnet.fromInetAddress(d.address().getAddress()).orElseThrow());
        }
    }

    @Test
    void aSeedWithoutTheServiceSubdomainIsAskedOverAnAddrFetchConnection() throws Exception {
        String seed = MAIN.dnsSeeds().get(0);
        LocalDnsServer dns = dns(q -> {
            String name = q.getQuestion().getName().toString();
            if (name.equals(seed) && q.getQuestion().getType() == Type.A) {
                return Optional.of(LocalDnsServer.reply(q, List.of(a(name, "45.1.2.3"))));
            }
            return Optional.of(LocalDnsServer.error(q, Rcode.NXDOMAIN));
        });
        NodeHarness h = NodeHarness.dialingFromAddressBook(ConnectionOptions.defaults("0.1.0"), 5);
        Bootstrap bootstrap = start(h, options(true, false, dns), ConnectionOptions.defaults("0.1.0"));
        awaitDns(h, bootstrap);
        h.advance(Duration.ofMillis(500));

        List<Dial> fetches = h.transport.dials(ConnectionType.ADDR_FETCH);
        assertThat(fetches).extracting(Dial::address)
                .containsExactly(new InetSocketAddress(InetAddress.getByName("45.1.2.3"), 8333));
        FakeConnection c = h.transport.complete(fetches.get(0));
        c.receive(version(0x77));
        c.receive(new Verack());
        assertThat(c.sent(GetAddr.class)).hasSize(1);

        c.receive(new Addr(List.of(full("46.1.1.1"), full("47.1.1.1"), full("48.1.1.1"))));

        assertThat(c.isClosed()).isTrue();
        assertThat(h.addrMan.findAddressEntry(NetAddress.ipv4(47, 1, 1, 1), 8333)).isPresent();
    }

    @Test
    void aSeedNodeIsFetchedFromAtOnceWhenTheBookIsEmptyAndDroppedIfItNeverAnswers() {
        InetSocketAddress seedNode = FakeTransport.socket("49.1.1.1", 8333);
        ConnectionOptions connection = ConnectionOptions.defaults("0.1.0").withSeedNodes(List.of(seedNode));
        NodeHarness h = NodeHarness.dialingFromAddressBook(connection, 6);
        CapturedLogs.clear();
        start(h, Bootstrap.Options.disabled(), connection);
        h.advance(Duration.ofMillis(500));

        List<Dial> fetches = h.transport.dials(ConnectionType.ADDR_FETCH);
        assertThat(fetches).extracting(Dial::address).containsExactly(seedNode);
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .contains("Empty addrman, adding seednode (" + seedNode + ") to addrfetch");
        FakeConnection c = h.transport.complete(fetches.get(0));
        c.receive(version(0x78));
        c.receive(new Verack());
        c.receive(new Addr(List.of(full("50.1.1.1"))));        // one entry is not an answer (Core)
        assertThat(c.isClosed()).isFalse();

        h.advance(PeerLogic.ADDR_FETCH_TIMEOUT.plusSeconds(2));

        assertThat(c.isClosed()).isTrue();
        assertThat(h.transport.dials(ConnectionType.ADDR_FETCH)).hasSize(1);     // each seed node once
    }

    @Test
    void withConnectThereAreNoAddrFetchConnectionsAndNoFixedSeeds() {
        InetSocketAddress seedNode = FakeTransport.socket("49.1.1.1", 8333);
        ConnectionOptions connection = ConnectionOptions.defaults("0.1.0").withSeedNodes(List.of(seedNode))
                .withConnect(List.of());
        NodeHarness h = NodeHarness.dialingFromAddressBook(connection, 7);
        start(h, new Bootstrap.Options(false, false, true, DnsSeeder.Options.defaults(Optional.empty())),
                connection);

        h.advance(Duration.ofMinutes(3));

        assertThat(h.transport.dials()).isEmpty();
        assertThat(h.addrMan.size()).isZero();
    }

    @Test
    void dnsSeedingOffAsksNoServerAndFixedSeedsComeAtOnceWhenNothingElseCanBringPeers() throws Exception {
        LocalDnsServer dns = dns(q -> Optional.of(LocalDnsServer.reply(q, List.of())));
        NodeHarness h = NodeHarness.dialingFromAddressBook(ConnectionOptions.defaults("0.1.0"), 8);
        start(h, options(false, true, dns), ConnectionOptions.defaults("0.1.0"));

        h.advance(Duration.ofSeconds(1));

        assertThat(dns.questions()).isEmpty();
        // net.cpp: -dnsseed=0 and no -seednode/-addnode: the fixed seeds are added without the minute
        assertThat(h.addrMan.size()).isPositive();
    }

    @Test
    void stopCancelsThePollingTimer() {
        NodeHarness h = NodeHarness.dialingFromAddressBook(ConnectionOptions.defaults("0.1.0"), 9);
        Bootstrap bootstrap = start(h, Bootstrap.Options.disabled(), ConnectionOptions.defaults("0.1.0"));
        long before = h.loop.liveTimers();

        bootstrap.stop();

        assertThat(h.loop.liveTimers()).isEqualTo(before - 1);
    }

    // ---------------------------------------------------------------- helpers

    private Bootstrap start(NodeHarness h, Bootstrap.Options options, ConnectionOptions connection) {
        Bootstrap bootstrap = new Bootstrap(MAIN, options, connection.seedNodes(), !connection.addNode().isEmpty(),
                connection.automaticOutbound(), h.loop, h.manager, new SplittableRandom(11));
        h.manager.start();
        bootstrap.start();
        closing.add(bootstrap::stop);
        return bootstrap;
    }

    private LocalDnsServer dns(Function<Message, Optional<byte[]>> handler) throws Exception {
        LocalDnsServer server = new LocalDnsServer(handler);
        closing.add(server);
        return server;
    }

    private static Bootstrap.Options options(boolean dnsSeed, boolean fixedSeeds, LocalDnsServer dns) {
        return new Bootstrap.Options(dnsSeed, false, fixedSeeds, new DnsSeeder.Options(Optional.of(dns.address()),
                Duration.ofMillis(500), Duration.ofSeconds(30), DnsSeeder.MAX_IPS_PER_SEED));
    }

    /** Runs the posted DNS results on the (manual) node loop until the schedule has finished. */
    private static void awaitDns(NodeHarness h, Bootstrap bootstrap) {
        Poll.await(() -> {
            h.loop.runPending();
            return bootstrap.dnsFinished();
        }, "DNS seeding finished");
    }

    private static int seedIndex(List<String> seeds, String name) {
        for (int i = 0; i < seeds.size(); i++) {
            if (name.endsWith(seeds.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static Record a(String name, String ip) {
        try {
            return new ARecord(org.xbill.DNS.Name.fromString(name), DClass.IN, 60, InetAddress.getByName(ip));
        } catch (Exception e) {
            throw new IllegalArgumentException(name + " " + ip, e);
        }
    }

    private static Address full(String ip) {
        return new Address(Instant.ofEpochSecond(NodeHarness.T0.getEpochSecond()), NodeHarness.FULL,
                Subnet.fromInetAddress(FakeTransport.ip(ip)).orElseThrow(), 8333);
    }
}
