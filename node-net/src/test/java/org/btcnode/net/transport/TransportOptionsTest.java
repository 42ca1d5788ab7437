package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportOptionsTest {

    @Test
    void defaultsAreCores() {
        TransportOptions d = TransportOptions.defaults();
        // net.h DEFAULT_MAXRECEIVEBUFFER = 5 * 1000 and DEFAULT_MAXSENDBUFFER = 1 * 1000, in units of
        // 1000 bytes (net.cpp multiplies by 1000); netbase.h DEFAULT_CONNECT_TIMEOUT = 5000 ms;
        // net.h TIMEOUT_INTERVAL = 20 minutes
        assertThat(d.maxReceiveBufferBytes()).isEqualTo(5_000_000L);
        assertThat(d.maxSendBufferBytes()).isEqualTo(1_000_000L);
        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.inactivityTimeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(d.nativeTransport()).isTrue();
    }

    @Test
    void withersChangeOneField() {
        TransportOptions o = TransportOptions.defaults().withMaxReceiveBufferBytes(7).withMaxSendBufferBytes(9)
                .withIoThreads(3).withNativeTransport(false).withConnectTimeout(Duration.ofSeconds(2))
                .withInactivityTimeout(Duration.ofMinutes(1));
        assertThat(o).isEqualTo(new TransportOptions(7, 9, Duration.ofSeconds(2), Duration.ofMinutes(1), 3, false));
    }

    @Test
    void refusesValuesThatCannotWork() {
        TransportOptions d = TransportOptions.defaults();
        assertThatThrownBy(() -> d.withMaxReceiveBufferBytes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxSendBufferBytes(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withIoThreads(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportOptions(1, 1, Duration.ZERO, Duration.ofMinutes(1), 0, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportOptions(1, 1, Duration.ofDays(30), Duration.ofMinutes(1), 0, true))
                .as("over Netty's int milliseconds").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TransportOptions(1, 1, Duration.ofSeconds(1), Duration.ZERO, 0, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
