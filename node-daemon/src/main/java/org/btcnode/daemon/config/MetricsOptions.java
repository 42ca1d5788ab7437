package org.btcnode.daemon.config;

import java.util.Optional;

import org.btcnode.core.params.Chain;

/**
 * The Prometheus metrics endpoint's option, {@code -metricsbind} (btcnode only: Core has no
 * metrics endpoint). Off unless given; when given, a loopback address (checked by
 * {@link OptionsParser}, since the endpoint has no authentication), read by
 * {@code org.btcnode.daemon.metrics.MetricsService}. Immutable.
 *
 * @param metricsBind where to listen: a numeric loopback address (or {@code localhost}) with the
 *                    port always filled in (the chain's {@link #defaultPort} unless given); empty
 *                    when the endpoint is off
 */
public record MetricsOptions(Optional<HostPort> metricsBind) {
    /** The endpoint is off: no port is opened. */
    public static final MetricsOptions OFF = new MetricsOptions(Optional.empty());

    public MetricsOptions {
        if (metricsBind.isPresent() && metricsBind.get().port().isEmpty()) {
            throw new IllegalArgumentException("metricsBind without a port: " + metricsBind.get());
        }
    }

    /**
     * The default port per chain: the chain's RPC port plus 1000 (9332, testnet3 19332, testnet4
     * 49332, signet 39332, regtest 19443), so that nodes of different chains on one host do not
     * collide, as their RPC ports do not; 9332 on mainnet is also the port Bitcoin Prometheus
     * exporters commonly use.
     */
    public static int defaultPort(Chain chain) {
        return switch (chain) {
            case MAIN -> 9332;
            case TESTNET3 -> 19332;
            case TESTNET4 -> 49332;
            case SIGNET -> 39332;
            case REGTEST -> 19443;
        };
    }
}
