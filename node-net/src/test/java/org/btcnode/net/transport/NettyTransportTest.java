package org.btcnode.net.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NettyTransportTest {
    private static String hostPort(String ip, int port) throws Exception {
        return NettyTransport.hostPort(new InetSocketAddress(InetAddress.getByName(ip), port));
    }

    @Test
    void printsAddressesAsCoreDoes() throws Exception {
        // Core's CService::ToStringAddrPort: "Bound to [::]:18444", "127.0.0.1:8333"
        assertThat(hostPort("0.0.0.0", 18444)).isEqualTo("0.0.0.0:18444");
        assertThat(hostPort("127.0.0.1", 8333)).isEqualTo("127.0.0.1:8333");
        assertThat(hostPort("::", 18444)).isEqualTo("[::]:18444");
        assertThat(hostPort("::1", 8333)).isEqualTo("[::1]:8333");
        assertThat(hostPort("2001:db8:0:0:1:0:0:1", 1)).isEqualTo("[2001:db8::1:0:0:1]:1");
        assertThat(hostPort("2001:db8:0:1:1:1:1:1", 1)).isEqualTo("[2001:db8:0:1:1:1:1:1]:1");
        assertThat(hostPort("fe80:0:0:0:0:0:0:0", 1)).isEqualTo("[fe80::]:1");
        assertThat(hostPort("1:0:0:2:0:0:0:3", 1)).isEqualTo("[1:0:0:2::3]:1");
    }
}
