package org.btcnode.daemon.metrics;

import java.util.Optional;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.btcnode.daemon.rpc.RpcCallObserver;
import org.btcnode.daemon.rpc.RpcErrorCode;

/**
 * {@code btcnode_rpc_requests_total{method}} and {@code btcnode_rpc_errors_total{method,code}}:
 * every call the RPC dispatcher answered, and those it answered with an error, by method (a
 * registered name, or "unknown") and Core's numeric error code. Thread-safe: RPC workers call it
 * concurrently.
 */
final class RpcCallCounters implements RpcCallObserver {
    private final Counter requests;
    private final Counter errors;

    RpcCallCounters(PrometheusRegistry registry) {
        requests = Counter.builder().name("btcnode_rpc_requests")
                .help("JSON-RPC calls answered by the dispatcher, by method (unknown names as \"unknown\")")
                .labelNames("method").withoutExemplars().register(registry);
        errors = Counter.builder().name("btcnode_rpc_errors")
                .help("JSON-RPC calls answered with an error, by method and Core's error code")
                .labelNames("method", "code").withoutExemplars().register(registry);
    }

    @Override
    public void called(String method, Optional<RpcErrorCode> error) {
        requests.labelValues(method).inc();
        error.ifPresent(code -> errors.labelValues(method, Integer.toString(code.code())).inc());
    }
}
