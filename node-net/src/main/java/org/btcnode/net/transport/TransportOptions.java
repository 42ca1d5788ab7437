package org.btcnode.net.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What the transport needs from the command line, in bytes and durations, with Core's defaults
 * ({@link #defaults()}). node-daemon parses {@code -maxreceivebuffer} and {@code -maxsendbuffer}
 * (kilobytes of 1000 bytes, as Core reads them) into this record. Immutable.
 *
 * @param maxReceiveBufferBytes per peer: bytes of messages posted to node logic and not yet
 *     processed, past which the transport stops reading from that peer ({@code -maxreceivebuffer})
 * @param maxSendBufferBytes per peer: bytes queued for the socket, past which the next send closes
 *     the connection ({@code -maxsendbuffer})
 * @param connectTimeout how long an outbound TCP connect may take ({@code -timeout})
 * @param inactivityTimeout a connection with nothing received, or nothing sent, for this long is
 *     closed ({@code TIMEOUT_INTERVAL})
 * @param ioThreads event-loop threads; 0 lets Netty choose (twice the processors)
 * @param nativeTransport use epoll where it is available; false forces NIO (tests of both)
 * @param v2Transport BIP 324 ({@code -v2transport}): inbound connections detect v1 or v2 by their
 *     first bytes, and outbound ones may open v2; false: v1 only. P2PNetwork sets it from whether
 *     the local services include NODE_P2P_V2, so the two always agree.
 */
public record TransportOptions(long maxReceiveBufferBytes, long maxSendBufferBytes, Duration connectTimeout,
        Duration inactivityTimeout, int ioThreads, boolean nativeTransport, boolean v2Transport) {

    /** Options with v2 off (v1-only pipelines). */
    public TransportOptions(long maxReceiveBufferBytes, long maxSendBufferBytes, Duration connectTimeout,
            Duration inactivityTimeout, int ioThreads, boolean nativeTransport) {
        this(maxReceiveBufferBytes, maxSendBufferBytes, connectTimeout, inactivityTimeout, ioThreads, nativeTransport,
                false);
    }

    /** net.h: default -maxreceivebuffer, in kilobytes (1000 bytes) per peer. */
    public static final int DEFAULT_MAXRECEIVEBUFFER = 5 * 1000;
    /** net.h: default -maxsendbuffer, in kilobytes (1000 bytes) per peer. */
    public static final int DEFAULT_MAXSENDBUFFER = 1 * 1000;
    /** netbase.h: default -timeout, the connect timeout in milliseconds. */
    public static final int DEFAULT_CONNECT_TIMEOUT = 5000;
    /** net.h: time after which to disconnect after no send or no receive. */
    public static final Duration TIMEOUT_INTERVAL = Duration.ofMinutes(20);

    public TransportOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (maxReceiveBufferBytes <= 0 || maxSendBufferBytes <= 0) {
            throw new IllegalArgumentException("buffer limits must be positive: receive " + maxReceiveBufferBytes
                    + ", send " + maxSendBufferBytes);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connect timeout out of range: " + connectTimeout);
        }
        if (inactivityTimeout.isNegative() || inactivityTimeout.isZero()) {
            throw new IllegalArgumentException("inactivity timeout must be positive: " + inactivityTimeout);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("ioThreads must not be negative: " + ioThreads);
        }
    }

    /**
     * Core's defaults: 5,000,000 bytes receive budget, 1,000,000 bytes send buffer, 5 s connect, 20 min
     * idle; v2 off here, as P2PNetwork turns it on with NODE_P2P_V2 in the local services.
     */
    public static TransportOptions defaults() {
        return new TransportOptions(DEFAULT_MAXRECEIVEBUFFER * 1000L, DEFAULT_MAXSENDBUFFER * 1000L,
                Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT), TIMEOUT_INTERVAL, 0, true);
    }

    public TransportOptions withMaxReceiveBufferBytes(long bytes) {
        return new TransportOptions(bytes, maxSendBufferBytes, connectTimeout, inactivityTimeout, ioThreads,
                nativeTransport, v2Transport);
    }

    public TransportOptions withMaxSendBufferBytes(long bytes) {
        return new TransportOptions(maxReceiveBufferBytes, bytes, connectTimeout, inactivityTimeout, ioThreads,
                nativeTransport, v2Transport);
    }

    public TransportOptions withNativeTransport(boolean enabled) {
        return new TransportOptions(maxReceiveBufferBytes, maxSendBufferBytes, connectTimeout, inactivityTimeout,
                ioThreads, enabled, v2Transport);
    }

    public TransportOptions withIoThreads(int threads) {
        return new TransportOptions(maxReceiveBufferBytes, maxSendBufferBytes, connectTimeout, inactivityTimeout,
                threads, nativeTransport, v2Transport);
    }

    public TransportOptions withConnectTimeout(Duration timeout) {
        return new TransportOptions(maxReceiveBufferBytes, maxSendBufferBytes, timeout, inactivityTimeout, ioThreads,
                nativeTransport, v2Transport);
    }

    public TransportOptions withV2Transport(boolean enabled) {
        return new TransportOptions(maxReceiveBufferBytes, maxSendBufferBytes, connectTimeout, inactivityTimeout,
                ioThreads, nativeTransport, enabled);
    }

    public TransportOptions withInactivityTimeout(Duration timeout) {
        return new TransportOptions(maxReceiveBufferBytes, maxSendBufferBytes, connectTimeout, timeout, ioThreads,
                nativeTransport, v2Transport);
    }
}
