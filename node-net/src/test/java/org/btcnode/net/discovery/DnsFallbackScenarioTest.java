package org.btcnode.net.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.params.Chain;
import org.btcnode.core.params.FixedSeeds;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.discovery.SeedSchedule.DnsStep;
import org.btcnode.net.testing.LocalDnsServer;
import org.btcnode.net.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A first start on mainnet whose DNS seeds all answer nothing (a local DNS server on 127.0.0.1
 * stands in for every seed): the schedule asks every seed at once, the seeder finds nothing, and
 * a minute after start the fixed seeds of the empty reachable networks are selected for the
 * address book. Nothing is dialled.
 */
class DnsFallbackScenarioTest {

    @Test
    void dnsGivesNothingSoTheFixedSeedsAreSelectedAfterAMinute() throws Exception {
        Instant start = Instant.parse("2026-01-15T12:00:00Z");
        MutableClock clock = new MutableClock(start);
        List<String> seeds = NetworkParameters.MAIN.dnsSeeds();
        SeedSchedule schedule = new SeedSchedule(new SeedSchedule.Config(true, false, true, false, false), seeds, start);

        try (LocalDnsServer server = new LocalDnsServer(q -> Optional.of(LocalDnsServer.reply(q, List.of())));
             DnsSeeder seeder = new DnsSeeder(NetworkParameters.MAIN, new DnsSeeder.Options(
                     Optional.of(server.address()), Duration.ofMillis(200), Duration.ofSeconds(30), 32),
                     clock, new SplittableRandom(1))) {
            DnsStep step = schedule.pollDns(clock.instant(), 0, 0);
            assertThat(step.kind()).isEqualTo(DnsStep.Kind.QUERY);
            assertThat(step.seeds()).isEqualTo(seeds);   // empty book: every seed at once

            List<Address> found = new ArrayList<>();
            for (String seed : step.seeds()) {
                found.addAll(seeder.query(seed).addresses());
            }
            schedule.dnsQueried(found.size());
            assertThat(found).isEmpty();
            assertThat(server.questions()).contains("x9.seed.bitcoin.sipa.be. A", "x9.dnsseed.bluematt.me. AAAA");
            assertThat(schedule.pollDns(clock.instant(), 0, 0).kind()).isEqualTo(DnsStep.Kind.FINISHED);
        }

        List<Address> fixed = FixedSeeds.forChain(Chain.MAIN, clock.instant(), new SplittableRandom(2));
        Set<NetworkId> emptyReachable = Set.of(NetworkId.IPV4, NetworkId.IPV6);   // default -onlynet: clearnet
        assertThat(schedule.pollFixedSeeds(clock.instant(), emptyReachable, fixed)).isEmpty();

        clock.advance(Duration.ofSeconds(61));
        Optional<List<Address>> selected = schedule.pollFixedSeeds(clock.instant(), emptyReachable, fixed);

        assertThat(selected).isPresent();
        assertThat(selected.get()).hasSize(1024)
                .allSatisfy(a -> assertThat(a.address().network()).isIn(NetworkId.IPV4, NetworkId.IPV6));
        assertThat(SeedSource.isInternal(SeedSource.of(SeedSource.FIXED_SEEDS_NAME))).isTrue();
    }
}
