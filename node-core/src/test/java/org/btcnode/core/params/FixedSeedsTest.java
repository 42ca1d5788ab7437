package org.btcnode.core.params;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.FixedSeeds.Endpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** FixedSeeds: Core's nodes_*.txt lists as resources, parsed without DNS. Nothing here is ever dialled. */
class FixedSeedsTest {

    /** Entries per network in Core's files, counted with grep on the text (makeseeds.py keeps at most 512 per network). */
    @Test
    void everyChainsListParsesWithCoresCounts() {
        assertThat(countByNetwork(Chain.MAIN)).isEqualTo(Map.of(NetworkId.IPV4, 512L, NetworkId.IPV6, 512L,
                NetworkId.TORV3, 512L, NetworkId.I2P, 512L, NetworkId.CJDNS, 8L));
        assertThat(FixedSeeds.endpoints(Chain.MAIN)).hasSize(2056);
        assertThat(countByNetwork(Chain.TESTNET4)).isEqualTo(Map.of(NetworkId.IPV4, 63L, NetworkId.IPV6, 70L,
                NetworkId.TORV3, 78L, NetworkId.I2P, 18L, NetworkId.CJDNS, 1L));
        assertThat(FixedSeeds.endpoints(Chain.TESTNET4)).hasSize(230);
        assertThat(countByNetwork(Chain.SIGNET)).isEqualTo(Map.of(NetworkId.IPV4, 46L, NetworkId.IPV6, 47L,
                NetworkId.TORV3, 67L, NetworkId.I2P, 9L, NetworkId.CJDNS, 1L));
        assertThat(FixedSeeds.endpoints(Chain.SIGNET)).hasSize(170);
        assertThat(FixedSeeds.endpoints(Chain.TESTNET3)).isEmpty();   // see SOURCES.md
        assertThat(FixedSeeds.endpoints(Chain.REGTEST)).isEmpty();    // Core: none on regtest
    }

    private static Map<NetworkId, Long> countByNetwork(Chain chain) {
        return FixedSeeds.endpoints(chain).stream()
                .collect(Collectors.groupingBy(e -> e.address().network(), () -> new EnumMap<>(NetworkId.class),
                        Collectors.counting()));
    }

    @Test
    void noDuplicatesAndTheChainsPortOrI2psZero() {
        for (Chain chain : Chain.values()) {
            List<Endpoint> seeds = FixedSeeds.endpoints(chain);
            Set<Endpoint> unique = new HashSet<>(seeds);
            assertThat(unique).as(chain.id()).hasSameSizeAs(seeds);
            for (Endpoint e : seeds) {
                int expected = e.address().network() == NetworkId.I2P ? 0 : chain.defaultPort();
                assertThat(e.port()).as(e.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void eachLineReadsBackAsItsOwnTextForm() {
        // NetAddress prints Core's text forms: parsing is the inverse on every entry of every list
        for (Chain chain : Chain.values()) {
            List<String> lines = FixedSeeds.lines(chain);
            List<Endpoint> seeds = FixedSeeds.endpoints(chain);
            for (int i = 0; i < lines.size(); i++) {
                Endpoint e = seeds.get(i);
                String host = e.address().network() == NetworkId.IPV6 || e.address().network() == NetworkId.CJDNS
                        ? "[" + e.address() + "]" : e.address().toString();
                assertThat(host + ":" + e.port()).isEqualTo(lines.get(i));
            }
        }
    }

    @Test
    void parsesCoresTextForms() {
        assertThat(FixedSeeds.parse("2.59.134.244:48333")).contains(
                new Endpoint(NetAddress.ipv4(2, 59, 134, 244), 48333));
        Endpoint cjdns = FixedSeeds.parse("[fc1f:22c3:95dc:a3af:4a93:8251:beb9:1858]:8333").orElseThrow();
        assertThat(cjdns.address().network()).isEqualTo(NetworkId.CJDNS);   // generate-seeds.py: fc00::/8
        assertThat(FixedSeeds.parse("[2001:db8::1]:8333").orElseThrow().address().network()).isEqualTo(NetworkId.IPV6);
        Endpoint onion = FixedSeeds.parse("24i3bbceydddhykco65oai2dmxirqtvwyom3kyxwzaxbldaog4filyyd.onion:48333").orElseThrow();
        assertThat(onion.address().network()).isEqualTo(NetworkId.TORV3);
        assertThat(onion.address().bytes().size()).isEqualTo(32);
        Endpoint i2p = FixedSeeds.parse("2o6clfldp42aegdjsgnhsvyqydqpltmek2k6yq5etw5bxm7kgrqa.b32.i2p:0").orElseThrow();
        assertThat(i2p.address().network()).isEqualTo(NetworkId.I2P);
        assertThat(i2p.port()).isZero();
    }

    @Test
    void refusesWhatIsNotASeed() {
        // a bad onion checksum (last data char changed), a name, no port, a bad port, an unbracketed IPv6
        assertThat(FixedSeeds.parse("24i3bbceydddhykco65oai2dmxirqtvwyom3kyxwzaxbldaog4filyad.onion:48333")).isEmpty();
        assertThat(FixedSeeds.parse("seed.bitcoin.sipa.be:8333")).isEmpty();
        assertThat(FixedSeeds.parse("1.2.3.4")).isEmpty();
        assertThat(FixedSeeds.parse("1.2.3.4:70000")).isEmpty();
        assertThat(FixedSeeds.parse("2001:db8::1:8333")).isEmpty();
        assertThat(FixedSeeds.parse("abc.b32.i2p:0")).isEmpty();
    }

    @Test
    void asAddressesTheyAreOneToTwoWeeksOldWithSeedServices() {
        Instant now = Instant.parse("2026-01-15T12:00:00Z");

        List<Address> addresses = FixedSeeds.forChain(Chain.SIGNET, now, new SplittableRandom(3));

        assertThat(addresses).hasSize(170);
        assertThat(addresses).allSatisfy(a -> {
            assertThat(a.services()).isEqualTo(ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS));
            assertThat(a.time()).isBetween(now.minus(Duration.ofDays(14)), now.minus(Duration.ofDays(7)));
        });
    }
}
