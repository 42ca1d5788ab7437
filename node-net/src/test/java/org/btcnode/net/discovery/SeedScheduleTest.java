package org.btcnode.net.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.discovery.SeedSchedule.Config;
import org.btcnode.net.discovery.SeedSchedule.DnsStep;
import org.btcnode.net.discovery.SeedSchedule.DnsStep.Kind;
import org.btcnode.net.testing.CapturedLogs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SeedSchedule on a manual clock: Core's ThreadDNSAddressSeed timing and the fixed-seed rule. */
class SeedScheduleTest {
    private static final Instant START = Instant.parse("2026-01-15T12:00:00Z");
    private static final List<String> SEEDS = List.of("s1.", "s2.", "s3.", "s4.", "s5.");
    private static final Config DEFAULT = new Config(true, false, true, false, false);

    private Instant now = START;

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    private void advance(Duration d) {
        now = now.plus(d);
    }

    private static List<String> logLines() {
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text).toList();
    }

    @Test
    void anEmptyBookAsksEverySeedAtOnce() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);

        DnsStep step = s.pollDns(now, 0, 0);

        assertThat(step.kind()).isEqualTo(Kind.QUERY);
        assertThat(step.seeds()).isEqualTo(SEEDS);
        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.AWAIT_RESULTS);
        s.dnsQueried(120);
        assertThat(s.pollDns(now, 120, 0).kind()).isEqualTo(Kind.FINISHED);
        assertThat(s.found()).isEqualTo(120);
        assertThat(logLines()).contains("120 addresses found from DNS seeds");
    }

    @Test
    void aFewAddressesWaitElevenSecondsThenAskThreeSeedsIfOutboundIsLow() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);

        DnsStep wait = s.pollDns(now, 50, 0);
        assertThat(wait.kind()).isEqualTo(Kind.WAIT);
        assertThat(wait.wakeAt()).isEqualTo(START.plusSeconds(11));   // DNSSEEDS_DELAY_FEW_PEERS
        assertThat(logLines()).contains("Waiting 11 seconds before querying DNS seeds.");

        advance(Duration.ofSeconds(10));
        assertThat(s.pollDns(now, 50, 1).kind()).isEqualTo(Kind.WAIT);
        advance(Duration.ofSeconds(1));
        DnsStep query = s.pollDns(now, 50, 1);
        assertThat(query.kind()).isEqualTo(Kind.QUERY);
        assertThat(query.seeds()).containsExactly("s1.", "s2.", "s3.");   // DNSSEEDS_TO_QUERY_AT_ONCE

        s.dnsQueried(0);
        DnsStep again = s.pollDns(now, 50, 1);   // still short of peers: another round after the delay
        assertThat(again.kind()).isEqualTo(Kind.WAIT);
        advance(Duration.ofSeconds(11));
        assertThat(s.pollDns(now, 50, 1).seeds()).containsExactly("s4.", "s5.");
        s.dnsQueried(3);
        assertThat(s.pollDns(now, 53, 1).kind()).isEqualTo(Kind.FINISHED);
    }

    @Test
    void enoughOutboundPeersDuringTheDelaySkipDnsSeeding() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);
        s.pollDns(now, 50, 0);

        advance(Duration.ofSeconds(11));
        DnsStep step = s.pollDns(now, 50, 2);   // SEED_OUTBOUND_CONNECTION_THRESHOLD

        assertThat(step.kind()).isEqualTo(Kind.FINISHED);
        assertThat(logLines()).contains("P2P peers available. Skipped DNS seeding.");
    }

    @Test
    void aFullBookWaitsFiveMinutesCheckingEveryElevenSeconds() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);

        DnsStep first = s.pollDns(now, 1000, 0);   // DNSSEEDS_DELAY_PEER_THRESHOLD: "many"
        assertThat(logLines()).contains("Waiting 300 seconds before querying DNS seeds.");
        assertThat(first.wakeAt()).isEqualTo(START.plusSeconds(11));

        int polls = 0;
        DnsStep step = first;
        while (step.kind() == Kind.WAIT) {
            now = step.wakeAt();
            step = s.pollDns(now, 1000, 1);
            polls++;
        }
        assertThat(step.kind()).isEqualTo(Kind.QUERY);
        assertThat(now).isEqualTo(START.plus(SeedSchedule.DNSSEEDS_DELAY_MANY_PEERS));
        assertThat(polls).isEqualTo(28);   // 27 chunks of 11 s and one of 3 s
    }

    @Test
    void aFullBookWithEnoughPeersAfterAWhileStopsEarly() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);
        s.pollDns(now, 5000, 0);
        advance(Duration.ofSeconds(11));
        assertThat(s.pollDns(now, 5000, 1).kind()).isEqualTo(Kind.WAIT);
        advance(Duration.ofSeconds(11));

        assertThat(s.pollDns(now, 5000, 3).kind()).isEqualTo(Kind.FINISHED);
    }

    @Test
    void dnsSeedZeroNeverQueries() {
        SeedSchedule s = new SeedSchedule(new Config(false, false, true, false, false), SEEDS, START);

        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.FINISHED);
        advance(Duration.ofHours(1));
        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.FINISHED);
        assertThat(logLines()).contains("DNS seeding disabled");
    }

    @Test
    void forceDnsSeedAsksEverySeedAtOnceEvenWithAFullBookAndPeers() {
        SeedSchedule s = new SeedSchedule(new Config(true, true, true, false, false), SEEDS, START);

        DnsStep step = s.pollDns(now, 50_000, 8);

        assertThat(step.kind()).isEqualTo(Kind.QUERY);
        assertThat(step.seeds()).isEqualTo(SEEDS);
    }

    @Test
    void seedNodesGetThirtySecondsFirst() {
        Config config = new Config(true, false, true, true, false);
        SeedSchedule s = new SeedSchedule(config, SEEDS, START);

        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.WAIT);
        advance(Duration.ofSeconds(30));
        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.WAIT);   // net.cpp: strictly after 30 s
        advance(Duration.ofMillis(500));
        DnsStep step = s.pollDns(now, 0, 1);

        assertThat(step.kind()).isEqualTo(Kind.QUERY);
        assertThat(logLines()).contains(
                "Couldn't connect to enough peers via seed nodes. Handing fetch logic to the DNS seeds.");
    }

    @Test
    void seedNodesThatBringEnoughPeersSkipDnsWhenTheBookIsNotEmpty() {
        SeedSchedule s = new SeedSchedule(new Config(true, false, true, true, false), SEEDS, START);
        s.pollDns(now, 0, 0);
        advance(Duration.ofSeconds(5));

        DnsStep step = s.pollDns(now, 400, 2);

        assertThat(step.kind()).isEqualTo(Kind.FINISHED);
        assertThat(logLines()).contains("P2P peers available. Finished fetching data from seed nodes.",
                "Skipping DNS seeds. Enough peers have been found");
    }

    @Test
    void dnsQueriedWithoutAQueryIsABug() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);

        assertThatThrownBy(() -> s.dnsQueried(1)).isInstanceOf(IllegalStateException.class);
    }

    // ---- fixed seeds ----

    private static final Address V4 = address(NetAddress.ipv4(203, 0, 113, 1));
    private static final Address ONION = address(NetAddress.of(NetworkId.TORV3, new byte[32]));
    private static final List<Address> FIXED = List.of(V4, ONION);

    private static Address address(NetAddress a) {
        return new Address(START.minus(Duration.ofDays(10)), ServiceFlags.NODE_NETWORK, a, 8333);
    }

    @Test
    void fixedSeedsOnlyAfterSixtySecondsWithAnEmptyReachableNetwork() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);
        Set<NetworkId> empty = Set.of(NetworkId.IPV4);

        assertThat(s.pollFixedSeeds(now, empty, FIXED)).isEmpty();
        advance(Duration.ofSeconds(60));
        assertThat(s.pollFixedSeeds(now, empty, FIXED)).isEmpty();   // net.cpp: strictly more than a minute
        advance(Duration.ofSeconds(1));

        Optional<List<Address>> added = s.pollFixedSeeds(now, empty, FIXED);

        assertThat(added).contains(List.of(V4));   // only the empty reachable network's seeds
        assertThat(logLines()).contains(
                "Adding fixed seeds as 60 seconds have passed and addrman is empty for at least one reachable network",
                "Added 1 fixed seeds from reachable networks.");
        assertThat(s.pollFixedSeeds(now.plusSeconds(60), empty, FIXED)).isEmpty();   // once per run
    }

    @Test
    void noFixedSeedsWhileDnsFilledEveryReachableNetwork() {
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);
        advance(Duration.ofMinutes(5));

        assertThat(s.pollFixedSeeds(now, Set.of(), FIXED)).isEmpty();
        // later a reachable network turns out empty: the seeds for it are still available
        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.TORV3), FIXED)).contains(List.of(ONION));
    }

    @Test
    void fixedSeedsAtOnceWhenNothingElseCanBringAddresses() {
        SeedSchedule s = new SeedSchedule(new Config(false, false, true, false, false), SEEDS, START);

        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.IPV4, NetworkId.TORV3), FIXED)).contains(FIXED);
        assertThat(logLines()).contains("Adding fixed seeds as -dnsseed=0 (or IPv4/IPv6 connections are disabled "
                + "via -onlynet) and neither -addnode nor -seednode are provided");
    }

    @Test
    void dnsSeedZeroWithAnAddnodeStillWaitsTheMinute() {
        SeedSchedule s = new SeedSchedule(new Config(false, false, true, false, true), SEEDS, START);

        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.IPV4), FIXED)).isEmpty();
        assertThat(s.pollFixedSeeds(now.plusSeconds(61), Set.of(NetworkId.IPV4), FIXED)).isPresent();
    }

    @Test
    void fixedSeedsZeroNeverAddsThem() {
        SeedSchedule s = new SeedSchedule(new Config(false, false, false, false, false), SEEDS, START);

        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.IPV4), FIXED)).isEmpty();
        assertThat(s.pollFixedSeeds(now.plus(Duration.ofHours(1)), Set.of(NetworkId.IPV4), FIXED)).isEmpty();
        assertThat(logLines()).contains("Fixed seeds are disabled");
    }

    @Test
    void theFallbackScenarioDnsGivesNothingSoFixedSeedsAreSelectedAfterAMinute() {
        // empty book, DNS asked at once, every seed empty; a minute later the fixed seeds are chosen
        SeedSchedule s = new SeedSchedule(DEFAULT, SEEDS, START);
        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.QUERY);
        advance(Duration.ofSeconds(2));
        s.dnsQueried(0);
        assertThat(s.pollDns(now, 0, 0).kind()).isEqualTo(Kind.FINISHED);
        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.IPV4, NetworkId.IPV6), FIXED)).isEmpty();

        advance(Duration.ofSeconds(59));
        assertThat(s.pollFixedSeeds(now, Set.of(NetworkId.IPV4, NetworkId.IPV6), FIXED)).contains(List.of(V4));
    }
}
