package org.btcnode.daemon.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IpLiteralTest {
    @Test
    void ipv4AsInetPton() {
        for (String ok : List.of("0.0.0.0", "127.0.0.1", "255.255.255.255", "10.1.2.3")) {
            assertThat(IpLiteral.isIpv4(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1.2.3.", "a.b.c.d", "")) {
            assertThat(IpLiteral.isIpv4(bad)).as(bad).isFalse();
        }
    }

    @Test
    void ipv6AsInetPton() {
        for (String ok : List.of("::", "::1", "2001:db8::1", "fe80::1:2:3:4", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "1::")) {
            assertThat(IpLiteral.isIpv6(ok)).as(ok).isTrue();
        }
        for (String bad : List.of(":::", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::", "g::1", "1:2:3:4:5:6:7", "[::1]")) {
            assertThat(IpLiteral.isIpv6(bad)).as(bad).isFalse();
        }
    }

    @Test
    void subnetsAsLookupSubNet() {
        for (String ok : List.of("1.2.3.4", "1.2.3.4/24", "1.2.3.4/255.255.255.0", "0.0.0.0/0", "::/0", "::1/128")) {
            assertThat(IpLiteral.isSubnet(ok)).as(ok).isTrue();
        }
        for (String bad : List.of("1.2.3.4/33", "::1/129", "1.2.3.4/::", "host/8", "1.2.3.4/")) {
            assertThat(IpLiteral.isSubnet(bad)).as(bad).isFalse();
        }
    }

    @Test
    void splitHostPortAsCore() {
        assertThat(HostPort.split("127.0.0.1:8333")).contains(new HostPort("127.0.0.1", OptionalInt.of(8333)));
        assertThat(HostPort.split("[::1]:8333")).contains(new HostPort("::1", OptionalInt.of(8333)));
        assertThat(HostPort.split("::1")).contains(new HostPort("::1", OptionalInt.empty()));
        assertThat(HostPort.split("[::1]")).contains(new HostPort("::1", OptionalInt.empty()));
        assertThat(HostPort.split("seed.example.org")).contains(new HostPort("seed.example.org", OptionalInt.empty()));
        assertThat(HostPort.split("host:0")).isEqualTo(Optional.empty());
        assertThat(HostPort.split("host:x")).isEqualTo(Optional.empty());
        assertThat(new HostPort("::1", OptionalInt.of(1)).toString()).isEqualTo("[::1]:1");
    }
}
