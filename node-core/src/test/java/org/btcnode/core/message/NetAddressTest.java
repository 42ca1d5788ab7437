package org.btcnode.core.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetAddressTest {
    @Test
    void legacySixteenBytesMapAsCoresSetLegacyIpv6() {
        assertThat(NetAddress.fromV1(TestVectors.hex("00000000000000000000ffffc0000233")))
                .contains(NetAddress.ipv4(192, 0, 2, 51));
        assertThat(NetAddress.fromV1(TestVectors.hex("fd87d87eeb430102030405060708090a"))).isEmpty();
        assertThat(NetAddress.fromV1(TestVectors.hex("20010db8000000000000000000000001")).orElseThrow())
                .hasToString("2001:db8::1");
        assertThat(NetAddress.ipv4(192, 0, 2, 51).toV1())
                .isEqualTo(TestVectors.hex("00000000000000000000ffffc0000233"));
    }

    @Test
    void ipv6NeverHoldsWhatCoreReadsAsAnotherNetwork() {
        assertThatThrownBy(() -> NetAddress.of(NetworkId.IPV6, TestVectors.hex("00000000000000000000ffff01020304")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetAddress.of(NetworkId.IPV6, TestVectors.hex("fd87d87eeb430102030405060708090a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetAddress.of(NetworkId.TORV3, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NetAddress.of(NetworkId.I2P, new byte[32]).toV1())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void printsAsCoresToStringAddr() {
        assertThat(NetAddress.IPV6_ANY).hasToString("::");
        assertThat(NetAddress.of(NetworkId.IPV6,
                TestVectors.hex("00000000000000000000000000000001"))).hasToString("::1");
        assertThat(NetAddress.of(NetworkId.IPV6,
                TestVectors.hex("20010db8000000010000000000000000"))).hasToString("2001:db8:0:1::");
        // a single zero group is not shortened (RFC 5952 4.2.2)
        assertThat(NetAddress.of(NetworkId.IPV6,
                TestVectors.hex("20010db8000000010001000100010001"))).hasToString("2001:db8:0:1:1:1:1:1");
        assertThat(NetworkId.fromId(3)).isEmpty();
        assertThat(NetworkId.fromId(7)).isEmpty();
        assertThat(NetworkId.fromId(6)).contains(NetworkId.CJDNS);
    }
}
