package org.btcnode.net.discovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.LocalDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DnsSeeder against a DNS server of our own on 127.0.0.1 (never a real one): answers, the x9.
 * subdomain, empty and failed answers, a server that never answers, garbage, the per-seed cap.
 */
class DnsSeederTest {
    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
    private static final String SEED = "seed.example.";
    private static final Duration SHORT = Duration.ofMillis(200);

    private LocalDnsServer server;
    private DnsSeeder seeder;

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @AfterEach
    void stop() {
        if (seeder != null) {
            seeder.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private DnsSeeder seeder(Function<Message, Optional<byte[]>> handler, int maxIps) throws Exception {
        server = new LocalDnsServer(handler);
        DnsSeeder.Options options = new DnsSeeder.Options(Optional.of(server.address()), SHORT,
                Duration.ofSeconds(30), maxIps);
        seeder = new DnsSeeder(NetworkParameters.MAIN, options, InstantSource.fixed(NOW), new SplittableRandom(7));
        return seeder;
    }

    /** Answers A and AAAA questions from the given lists, for any name starting with {@code prefix}. */
    private static Function<Message, Optional<byte[]>> answering(String prefix, List<String> v4, List<String> v6) {
        return query -> {
            Name name = query.getQuestion().getName();
            if (!name.toString().startsWith(prefix)) {
                return Optional.of(LocalDnsServer.reply(query, List.of()));
            }
            List<Record> records = new ArrayList<>();
            if (query.getQuestion().getType() == Type.A) {
                v4.forEach(ip -> records.add(new ARecord(name, DClass.IN, 60, literal(ip))));
            } else if (query.getQuestion().getType() == Type.AAAA) {
                v6.forEach(ip -> records.add(new AAAARecord(name, DClass.IN, 60, literal(ip))));
            }
            return Optional.of(LocalDnsServer.reply(query, records));
        };
    }

    /** A numeric literal; InetAddress.getByName never resolves these (digits, dots, colons only). */
    private static InetAddress literal(String ip) {
        try {
            return InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void answersBecomeAddressesWithCoreAgeServicesPortAndSource() throws Exception {
        seeder(answering("x9.", List.of("203.0.113.1", "203.0.113.2"), List.of("2001:db8::1")), 32);

        DnsSeeder.SeedResult result = seeder.query(SEED);

        assertThat(result.host()).isEqualTo("x9.seed.example.");
        assertThat(result.addresses()).extracting(Address::address).containsExactly(
                NetAddress.ipv4(203, 0, 113, 1), literalAddress("2001:db8::1"), NetAddress.ipv4(203, 0, 113, 2));
        assertThat(result.addresses()).allSatisfy(a -> {
            assertThat(a.port()).isEqualTo(8333);
            assertThat(a.services()).isEqualTo(ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS));
            // net.cpp: a random age between 3 and 7 days
            assertThat(a.time()).isBetween(NOW.minus(Duration.ofDays(7)), NOW.minus(Duration.ofDays(3)));
        });
        assertThat(result.source()).isEqualTo(SeedSource.of("x9.seed.example."));
        assertThat(result.addrFetch()).isEmpty();
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .contains("Loading addresses from DNS seed seed.example.");
    }

    @Test
    void asksTheX9SubdomainForBothRecordTypes() throws Exception {
        seeder(answering("x9.", List.of("198.51.100.7"), List.of()), 32);

        seeder.query(SEED);

        assertThat(server.questions()).containsExactly("x9.seed.example. A", "x9.seed.example. AAAA");
        assertThat(DnsSeeder.serviceFlagHost("seed.bitcoin.sipa.be.")).isEqualTo("x9.seed.bitcoin.sipa.be.");
    }

    @Test
    void anEmptyAnswerGivesNoAddressesAndAsksTheBareNameForAnAddrFetch() throws Exception {
        // the seed knows nothing under x9. but answers its bare name (Core: ADDR_FETCH to the seed)
        seeder(query -> {
            Name name = query.getQuestion().getName();
            if (name.toString().equals(SEED) && query.getQuestion().getType() == Type.A) {
                return Optional.of(LocalDnsServer.reply(query,
                        List.of(new ARecord(name, DClass.IN, 60, literal("192.0.2.55")))));
            }
            return Optional.of(LocalDnsServer.reply(query, List.of()));
        }, 32);

        DnsSeeder.SeedResult result = seeder.query(SEED);

        assertThat(result.addresses()).isEmpty();
        assertThat(result.addrFetch()).extracting(Address::address).containsExactly(NetAddress.ipv4(192, 0, 2, 55));
        assertThat(server.questions()).containsExactly("x9.seed.example. A", "x9.seed.example. AAAA",
                "seed.example. A", "seed.example. AAAA");
    }

    @Test
    void regtestsInvalidSeedIsAnsweredNegativelyWithoutAskingTheSystemResolver() {
        // RFC 6761: "invalid." never resolves; with the system's resolvers nothing may be sent
        CapturedLogs.clear();
        try (DnsSeeder system = new DnsSeeder(NetworkParameters.REGTEST,
                DnsSeeder.Options.defaults(Optional.empty()), InstantSource.fixed(NOW), new SplittableRandom(7))) {
            DnsSeeder.SeedResult result = system.query("dummySeed.invalid.");

            assertThat(result.addresses()).isEmpty();
            assertThat(result.addrFetch()).isEmpty();
        }
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .contains("DNS seed x9.dummySeed.invalid. is under \"invalid.\": no query sent",
                        "DNS seed dummySeed.invalid. is under \"invalid.\": no query sent")
                .noneMatch(t -> t.contains("failed"));
    }

    @Test
    void nxdomainGivesNothing() throws Exception {
        seeder(query -> Optional.of(LocalDnsServer.error(query, Rcode.NXDOMAIN)), 32);

        DnsSeeder.SeedResult result = seeder.query(SEED);

        assertThat(result.addresses()).isEmpty();
        assertThat(result.addrFetch()).isEmpty();
    }

    @Test
    void aServerThatNeverAnswersCostsOnlyTheQueryTimeout() throws Exception {
        seeder(query -> Optional.empty(), 32);

        DnsSeeder.SeedResult result = seeder.query(SEED);   // returns: each query bounded by 200 ms

        assertThat(result.addresses()).isEmpty();
        assertThat(server.questions()).contains("x9.seed.example. A", "x9.seed.example. AAAA");
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .anySatisfy(t -> assertThat(t).startsWith("DNS seed query x9.seed.example. A failed"));
    }

    @Test
    void aMalformedReplyGivesNoAddressesAndALogLine() throws Exception {
        byte[] garbage = {0x13, 0x37, (byte) 0xff, 0x00, 0x01, 0x02, 0x03};
        seeder(query -> {
            // keep the query id so the resolver takes it for the answer, then nonsense
            byte[] reply = garbage.clone();
            reply[0] = (byte) (query.getHeader().getID() >> 8);
            reply[1] = (byte) query.getHeader().getID();
            return Optional.of(reply);
        }, 32);

        DnsSeeder.SeedResult result = seeder.query(SEED);

        assertThat(result.addresses()).isEmpty();
        assertThat(CapturedLogs.lines("btc.net")).extracting(CapturedLogs.Line::text)
                .anySatisfy(t -> assertThat(t).startsWith("DNS seed query x9.seed.example. A failed"));
    }

    @Test
    void keepsAtMostMaxIpsPerSeed() throws Exception {
        List<String> v4 = new ArrayList<>();
        List<String> v6 = new ArrayList<>();
        for (int i = 1; i <= 24; i++) {
            v4.add("203.0.113." + i);
            v6.add("2001:db8::" + Integer.toHexString(i));
        }
        seeder(answering("x9.", v4, v6), DnsSeeder.MAX_IPS_PER_SEED);

        DnsSeeder.SeedResult result = seeder.query(SEED);

        assertThat(result.addresses()).hasSize(DnsSeeder.MAX_IPS_PER_SEED);   // net.cpp: nMaxIPs = 32
        assertThat(result.addresses()).extracting(a -> a.address().network())
                .containsOnly(NetworkId.IPV4, NetworkId.IPV6);
        assertThat(result.addresses()).doesNotHaveDuplicates();
    }

    @Test
    void startQueriesEachSeedOnItsOwnThreadAndReportsEach() throws Exception {
        seeder(answering("x9.", List.of("203.0.113.9"), List.of()), 32);
        List<DnsSeeder.SeedResult> results = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);

        seeder.start(List.of("a.example.", "b.example."), r -> {
            threads.add(Thread.currentThread().getName());
            results.add(r);
        }, done::countDown);

        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(results).extracting(DnsSeeder.SeedResult::seed).containsExactly("a.example.", "b.example.");
        assertThat(results).allSatisfy(r -> assertThat(r.addresses()).hasSize(1));
        assertThat(threads).containsOnly("btcnode-dnsseed");
    }

    private static NetAddress literalAddress(String ip) {
        return NetAddress.fromV1(literal(ip).getAddress()).orElseThrow();
    }
}
