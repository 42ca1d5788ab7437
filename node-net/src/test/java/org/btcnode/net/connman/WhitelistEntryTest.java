package org.btcnode.net.connman;

import org.btcnode.core.store.Subnet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** -whitelist and -whitebind parsing, after Core's src/test/netbase_tests.cpp netpermissions_test. */
class WhitelistEntryTest {

    @Test
    void withoutPermissionsItIsImplicitNobanMempoolRelay() {
        WhitelistEntry e = WhitelistEntry.parse("1.2.3.0/24");
        assertThat(e.subnet()).isEqualTo(Subnet.parse("1.2.3.0/24").orElseThrow());
        assertThat(e.permissions().implicit()).isTrue();
        assertThat(e.inbound()).isTrue();
        assertThat(e.outbound()).isFalse();
        assertThat(e.permissions().resolveImplicit(true, false).names())
                .containsExactly("relay", "noban", "mempool", "download");
        assertThat(e.permissions().resolveImplicit(false, true).names())
                .containsExactly("forcerelay", "relay", "noban", "mempool", "download");
    }

    @Test
    void explicitPermissionsAndCompositeFlags() {
        assertThat(WhitelistEntry.parse("bloom,forcerelay,noban,relay,mempool@1.2.3.4/32").permissions().names())
                .containsExactly("bloomfilter", "forcerelay", "relay", "noban", "mempool", "download");
        assertThat(WhitelistEntry.parse("all@1.2.3.4").permissions().names())
                .containsExactly("bloomfilter", "forcerelay", "relay", "noban", "mempool", "download", "addr");
        assertThat(WhitelistEntry.parse("noban@1.2.3.4").permissions().names()).containsExactly("noban", "download");
        assertThat(WhitelistEntry.parse("@1.2.3.4").permissions().names()).isEmpty();      // empty entries allowed
        assertThat(WhitelistEntry.parse(",,@1.2.3.4").permissions().implicit()).isFalse();
    }

    @Test
    void directions() {
        WhitelistEntry out = WhitelistEntry.parse("out,noban@1.2.3.4");
        assertThat(out.outbound()).isTrue();
        assertThat(out.inbound()).isFalse();
        WhitelistEntry both = WhitelistEntry.parse("in,out,relay@1.2.3.4");
        assertThat(both.inbound()).isTrue();
        assertThat(both.outbound()).isTrue();
    }

    @Test
    void errorsUseCoresTexts() {
        assertThatThrownBy(() -> WhitelistEntry.parse("oopsie@1.2.3.4"))
                .hasMessage("Invalid P2P permission: 'oopsie'");
        assertThatThrownBy(() -> WhitelistEntry.parse("noban@1.2.3.4/99"))
                .hasMessage("Invalid netmask specified in -whitelist: '1.2.3.4/99'");
        assertThatThrownBy(() -> WhitelistEntry.parse("in@1.2.3.4"))
                .hasMessage("Only direction was set, no permissions: 'in@1.2.3.4'");
        assertThatThrownBy(() -> WhitebindEntry.parse("out,noban@1.2.3.4:32"))
                .hasMessage("whitebind may only be used for incoming connections (\"out\" was passed)");
        assertThatThrownBy(() -> WhitebindEntry.parse("noban@1.2.3.4"))
                .hasMessage("Need to specify a port with -whitebind: '1.2.3.4'");
    }

    @Test
    void whitebindTakesAnAddressAndPort() {
        WhitebindEntry e = WhitebindEntry.parse("noban@[::1]:8333");
        assertThat(e.bind().getPort()).isEqualTo(8333);
        assertThat(e.bind().getAddress().isLoopbackAddress()).isTrue();
        assertThat(WhitebindEntry.parse("1.2.3.4:32").permissions().implicit()).isTrue();
    }
}
