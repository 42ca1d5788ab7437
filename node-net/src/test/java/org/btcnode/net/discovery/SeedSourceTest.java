package org.btcnode.net.discovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** SeedSource: Core's CNetAddr::SetInternal pseudo-addresses. */
class SeedSourceTest {
    @Test
    void isTheInternalPrefixThenTenBytesOfTheNamesSha256() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest("x9.seed.bitcoin.sipa.be.".getBytes(StandardCharsets.UTF_8));

        NetAddress a = SeedSource.of("x9.seed.bitcoin.sipa.be.");

        byte[] b = a.bytes().toByteArray();
        assertThat(a.network()).isEqualTo(NetworkId.IPV6);
        assertThat(Arrays.copyOf(b, 6)).containsExactly(0xfd, 0x6b, 0x88, 0xc0, 0x87, 0x24);
        assertThat(Arrays.copyOfRange(b, 6, 16)).isEqualTo(Arrays.copyOf(sha, 10));
        assertThat(a.toString()).startsWith("fd6b:88c0:8724:");
        assertThat(SeedSource.isInternal(a)).isTrue();
    }

    @Test
    void differentNamesDifferAndRealAddressesAreNotInternal() {
        assertThat(SeedSource.of("fixedseeds")).isNotEqualTo(SeedSource.of("x9.seed.example."));
        assertThat(SeedSource.isInternal(NetAddress.ipv4(1, 2, 3, 4))).isFalse();
    }
}
