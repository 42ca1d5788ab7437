package org.btcnode.core.message;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceFlagsTest {
    @Test
    void namesBitsAsCoreDoesAndKeepsUnknownOnes() {
        // the developer reference's addrv2 example, plus two unknown bits
        ServiceFlags f = new ServiceFlags(0x0448L | 1L << 5 | 1L << 63);
        assertThat(f.names()).containsExactly("WITNESS", "UNKNOWN[2^5]", "COMPACT_FILTERS", "NETWORK_LIMITED",
                "UNKNOWN[2^63]");
        assertThat(f.has(ServiceFlags.NODE_WITNESS)).isTrue();
        assertThat(f.has(ServiceFlags.of(ServiceFlags.NODE_WITNESS, ServiceFlags.NODE_NETWORK))).isFalse();
        assertThat(f.with(ServiceFlags.NODE_NETWORK).without(new ServiceFlags(1L << 5 | 1L << 63)))
                .isEqualTo(ServiceFlags.of(ServiceFlags.NODE_NETWORK, ServiceFlags.NODE_WITNESS,
                        ServiceFlags.NODE_COMPACT_FILTERS, ServiceFlags.NODE_NETWORK_LIMITED));
        assertThat(ServiceFlags.NODE_NONE).hasToString("NONE");
        assertThat(ServiceFlags.of(ServiceFlags.NODE_NETWORK,
                ServiceFlags.NODE_P2P_V2)).hasToString("NETWORK & P2P_V2");
    }
}
