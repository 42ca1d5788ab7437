package org.btcnode.net.connman;

import java.util.HexFormat;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class NetGroupTest {

    private static NetAddress ip(String literal) {
        return Subnet.parseLiteral(literal).orElseThrow();
    }

    /** Core's src/test/netbase_tests.cpp netbase_getgroup (without asmap), expected bytes in hex. */
    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, 00",                                        // local -> unroutable group
            "10.0.0.1, 00",                                         // RFC1918
            "169.254.1.1, 00",                                      // RFC3927
            "1.2.3.4, 010102",                                      // IPv4 /16
            "::FFFF:0:102:304, 010102",                             // RFC6145
            "64:FF9B::102:304, 010102",                             // RFC6052
            "2002:102:304:9999:9999:9999:9999:9999, 010102",        // RFC3964
            "2001:0:9999:9999:9999:9999:FEFD:FCFB, 010102",         // RFC4380
            "2001:470:abcd:9999:9999:9999:9999:9999, 0220010470af", // he.net /36
            "2001:2001:9999:9999:9999:9999:9999:9999, 0220012001",  // IPv6 /32
    })
    void groupsAsCore(String address, String expectedHex) {
        assertThat(NetGroup.group(ip(address))).isEqualTo(Bytes.fromHex(expectedHex));
    }

    @Test
    void torAndI2pUseTheirFirstFourBitsAndCjdnsTheFourAfterItsPrefix() {
        byte[] key = HexFormat.of().parseHex("a5" + "00".repeat(31));
        assertThat(NetGroup.group(NetAddress.of(NetworkId.TORV3, key))).isEqualTo(Bytes.fromHex("03af"));
        assertThat(NetGroup.group(NetAddress.of(NetworkId.I2P, key))).isEqualTo(Bytes.fromHex("04af"));
        byte[] cjdns = HexFormat.of().parseHex("fc12" + "00".repeat(14));
        assertThat(NetGroup.group(NetAddress.of(NetworkId.CJDNS, cjdns))).isEqualTo(Bytes.fromHex("05fc1f"));
    }

    @Test
    void sameSlash16SameGroupDifferentSlash16Different() {
        assertThat(NetGroup.group(ip("11.1.0.1"))).isEqualTo(NetGroup.group(ip("11.1.200.7")));
        assertThat(NetGroup.group(ip("11.1.0.1"))).isNotEqualTo(NetGroup.group(ip("11.2.0.1")));
    }

    @Test
    void keyedGroupDependsOnTheKeyAndOnlyOnTheGroup() {
        NetGroup a = new NetGroup(1, 2);
        NetGroup b = new NetGroup(3, 4);
        assertThat(a.keyed(ip("11.1.0.1"))).isEqualTo(a.keyed(ip("11.1.99.99")));
        assertThat(a.keyed(ip("11.1.0.1"))).isNotEqualTo(a.keyed(ip("11.2.0.1")));
        assertThat(a.keyed(ip("11.1.0.1"))).isNotEqualTo(b.keyed(ip("11.1.0.1")));
    }

    @Test
    void addressClasses() {
        assertThat(NetGroup.isLocal(ip("127.0.0.1"))).isTrue();
        assertThat(NetGroup.isLocal(ip("::1"))).isTrue();
        assertThat(NetGroup.isLocal(ip("8.8.8.8"))).isFalse();
        assertThat(NetGroup.isValid(ip("0.0.0.0"))).isFalse();
        assertThat(NetGroup.isValid(ip("255.255.255.255"))).isFalse();
        assertThat(NetGroup.isValid(ip("2001:db8::1"))).isFalse();    // RFC3849 documentation
        for (String unroutable : new String[] {"10.1.1.1", "192.168.0.1", "172.16.0.1", "198.18.0.1",
                "100.64.0.1", "192.0.2.1", "198.51.100.1", "203.0.113.1", "fc00::1", "fe80::1", "2001:10::1",
                "2001:20::1"}) {
            assertThat(NetGroup.isRoutable(ip(unroutable))).as(unroutable).isFalse();
        }
        assertThat(NetGroup.isRoutable(ip("8.8.8.8"))).isTrue();
        assertThat(NetGroup.isRoutable(ip("2a00:1450::1"))).isTrue();
        assertThat(NetGroup.network(ip("8.8.8.8"))).isEqualTo(Network.IPV4);
    }
}
