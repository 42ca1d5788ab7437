package org.btcnode.core.store;

import org.btcnode.core.message.NetAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Subnet parsing and matching, after Core's src/test/netbase_tests.cpp subnet_test. */
class SubnetTest {

    private static Subnet subnet(String s) {
        return Subnet.parse(s).orElseThrow(() -> new AssertionError("not a subnet: " + s));
    }

    private static NetAddress ip(String s) {
        return Subnet.parseLiteral(s).orElseThrow();
    }

    @Test
    void matchesAsCore() {
        assertThat(subnet("1.2.3.0/24").contains(ip("1.2.3.4"))).isTrue();
        assertThat(subnet("1.2.2.0/24").contains(ip("1.2.3.4"))).isFalse();
        assertThat(subnet("1.2.3.4").contains(ip("1.2.3.4"))).isTrue();
        assertThat(subnet("1.2.3.4/32").contains(ip("1.2.3.5"))).isFalse();
        assertThat(subnet("::ffff:127.0.0.1").contains(ip("127.0.0.1"))).isTrue();
        assertThat(subnet("1:2:3:4:5:6:7:8").contains(ip("1:2:3:4:5:6:7:8"))).isTrue();
        assertThat(subnet("1:2:3:4:5:6:7:8").contains(ip("1:2:3:4:5:6:7:9"))).isFalse();
        assertThat(subnet("1:2:3:4:5:6:7:0/112").contains(ip("1:2:3:4:5:6:7:1234"))).isTrue();
        assertThat(subnet("192.168.0.1/24").contains(ip("192.168.0.2"))).isTrue();
        assertThat(subnet("192.168.0.20/29").contains(ip("192.168.0.18"))).isTrue();
        assertThat(subnet("1.2.2.1/24").contains(ip("1.2.2.4"))).isTrue();
        assertThat(subnet("1.2.2.110/31").contains(ip("1.2.2.111"))).isTrue();
        assertThat(subnet("1.2.2.20/26").contains(ip("1.2.2.63"))).isTrue();
        assertThat(subnet("::/0").contains(ip("1:2:3:4:5:6:7:1234"))).isTrue();
        assertThat(subnet("0.0.0.0/0").contains(ip("1.2.3.4"))).isTrue();
        assertThat(subnet("0.0.0.0/0").contains(ip("::1"))).isFalse();     // networks never mix
        assertThat(subnet("1.2.3.4/255.255.255.0").contains(ip("1.2.3.99"))).isTrue();
    }

    @Test
    void normalisesAndPrints() {
        assertThat(subnet("1.2.3.4/24")).isEqualTo(subnet("1.2.3.0/24"));
        assertThat(subnet("1.2.3.4/24").toString()).isEqualTo("1.2.3.0/24");
        assertThat(subnet("1.2.3.4").toString()).isEqualTo("1.2.3.4/32");
        assertThat(subnet("2001:db8::1/32").toString()).isEqualTo("2001:db8::/32");
    }

    @Test
    void refusesWhatIsNotANumericSubnet() {
        assertThat(Subnet.parse("1.2.3.4/33")).isEmpty();
        assertThat(Subnet.parse("1.2.3.4/-1")).isEmpty();
        assertThat(Subnet.parse("1.2.3.256")).isEmpty();
        assertThat(Subnet.parse("example.com")).isEmpty();      // never resolved
        assertThat(Subnet.parse("1.2.3.4/255.0.255.0")).isEmpty();
        assertThat(Subnet.parse("")).isEmpty();
        assertThat(Subnet.parse("::1/129")).isEmpty();
    }
}
