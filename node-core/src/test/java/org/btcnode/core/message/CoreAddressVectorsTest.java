package org.btcnode.core.message;

import java.time.Instant;
import java.util.List;

import org.btcnode.core.wire.WireFormatException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bitcoin Core's own address serialisation cases (vectors/core, see SOURCES.md): netbase_tests'
 * fixture addresses in v1 and v2 form, and every BIP 155 address of net_tests'
 * cnetaddr_unserialize_v2 with Core's outcome.
 */
class CoreAddressVectorsTest {
    private static final NetAddress LOOPBACK = NetAddress.of(NetworkId.IPV6,
            TestVectors.hex("00000000000000000000000000000001"));

    /** netbase_tests.cpp fixture_addresses. */
    private static final List<Address> FIXTURE = List.of(
            new Address(Instant.ofEpochSecond(0x4966bc61L), ServiceFlags.NODE_NONE, LOOPBACK, 0),
            new Address(Instant.ofEpochSecond(0x83766279L), ServiceFlags.NODE_NETWORK, LOOPBACK, 0x00f1),
            new Address(Instant.ofEpochSecond(0xffffffffL), ServiceFlags.of(ServiceFlags.NODE_WITNESS,
                    ServiceFlags.NODE_COMPACT_FILTERS, ServiceFlags.NODE_NETWORK_LIMITED), LOOPBACK, 0xf1f2));

    private static byte[] stream(String name) {
        List<String> lines = TestVectors.lines("core/netbase_tests_caddress.txt");
        int start = lines.indexOf(name);
        StringBuilder hex = new StringBuilder();
        for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("stream_"); i++) {
            hex.append(lines.get(i));
        }
        return TestVectors.hex(hex.toString());
    }

    @Test
    void fixtureAddressesInV1FormAsCore() {
        byte[] v1 = stream("stream_addrv1_hex");
        assertThat(Addr.CODEC.decode(v1)).isEqualTo(new Addr(FIXTURE));
        assertThat(Addr.CODEC.encode(new Addr(FIXTURE))).isEqualTo(v1);
    }

    @Test
    void fixtureAddressesInV2FormAsCore() {
        byte[] v2 = stream("stream_addrv2_hex");
        assertThat(AddrV2.CODEC.decode(v2)).isEqualTo(new AddrV2(FIXTURE));
        assertThat(AddrV2.CODEC.encode(new AddrV2(FIXTURE))).isEqualTo(v2);
    }

    /** Each case of cnetaddr_unserialize_v2, wrapped in a one-entry addrv2 (time, services 0, the case, port 8333). */
    @Test
    void everyBip155CaseOfCoresNetTests() {
        List<String> cases = TestVectors.lines("core/net_tests_cnetaddr_unserialize_v2.txt");
        assertThat(cases).hasSize(20);
        for (String line : cases) {
            String[] parts = line.split("\\|");
            byte[] payload = TestVectors.hex("01", "61bc6649", "00", parts[0], "208d");
            String[] outcome = parts[1].trim().split(" ", 3);
            switch (outcome[0]) {
                case "ok" -> {
                    AddrV2 decoded = AddrV2.CODEC.decode(payload);
                    assertThat(decoded.addresses()).as(line).hasSize(1);
                    NetAddress a = decoded.addresses().get(0).address();
                    assertThat(a.network()).as(line).isEqualTo(NetworkId.valueOf(outcome[1]));
                    assertThat(a).as(line).hasToString(outcome[2]);
                    assertThat(AddrV2.CODEC.encode(decoded)).as(line).isEqualTo(payload);
                }
                case "skip" -> assertThat(AddrV2.CODEC.decode(payload).addresses()).as(line).isEmpty();
                case "error" -> TestVectors.assertFails(WireFormatException.Kind.valueOf(outcome[1]), line,
                        () -> AddrV2.CODEC.decode(payload));
                default -> throw new AssertionError("bad vector line " + line);
            }
        }
    }

    @Test
    void aSkippedEntryDoesNotStopTheEntriesAfterIt() {
        byte[] payload = TestVectors.hex("03",
                "61bc6649 00 aa 04 01020304 208d",                                 // unknown network: skipped
                "61bc6649 01 01 04 01020304 208d",                                 // 1.2.3.4:8333
                "61bc6649 00 03 0a f1f2f3f4f5f6f7f8f9fa 0000");                   // Tor v2: skipped
        AddrV2 decoded = AddrV2.CODEC.decode(payload);
        assertThat(decoded.addresses()).containsExactly(new Address(Instant.ofEpochSecond(0x4966bc61L),
                ServiceFlags.NODE_NETWORK, NetAddress.ipv4(1, 2, 3, 4), 8333));
    }

    @Test
    void v1OnionCatEntriesAreSkippedAndIpv4MappedOnesBecomeIpv4() {
        byte[] payload = TestVectors.hex("02",
                "61bc6649 0100000000000000 fd87d87eeb430102030405060708090a 208d",
                "61bc6649 0100000000000000 00000000000000000000ffff01020304 208d");
        assertThat(Addr.CODEC.decode(payload).addresses()).containsExactly(new Address(Instant.ofEpochSecond(0x4966bc61L),
                ServiceFlags.NODE_NETWORK, NetAddress.ipv4(1, 2, 3, 4), 8333));
    }
}
