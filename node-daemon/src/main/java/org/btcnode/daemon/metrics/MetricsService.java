package org.btcnode.daemon.metrics;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.btcnode.core.log.LogCategory;
import org.btcnode.daemon.ChainStatus;
import org.btcnode.daemon.NodeService;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.daemon.config.HostPort;
import org.btcnode.daemon.config.MetricsOptions;
import org.btcnode.daemon.rpc.RpcCallObserver;
import org.btcnode.net.P2PNetwork;
import org.slf4j.Logger;

/**
 * The Prometheus endpoint as a {@link NodeService} (beyond Core): with {@code -metricsbind} it
 * serves {@code http://<addr>:<port>/metrics} in Prometheus' text format from a registry of its
 * own (never the client's global default registry), on one thread of its own ("btcnode-metrics");
 * without it, it opens nothing and counts nothing. The options parser has already refused
 * non-loopback addresses. Started after the RPC server, stopped before it and the network.
 */
public final class MetricsService implements NodeService {
    private static final Logger log = LogCategory.lifecycle();

    /**
     * The JDK's HTTP server (under the Prometheus exporter) writes a reply's headers and body
     * apart; without TCP_NODELAY the body waits for the client's delayed ACK, and every scrape
     * takes 40 ms instead of about 1 ms (docs/benchmarks.md, "Metrics scrape"). The JDK reads this
     * property once, when its first HTTP server starts; btcnoded starts no other, and an operator's
     * own {@code -D} setting is kept.
     */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    private final MetricsOptions options;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final RpcCallObserver rpcCalls;
    private HTTPServer server;
    private ExecutorService executor;

    /**
     * @param network   the running network, or null before it started and after it stopped
     * @param chain     the chain figures (heights, progress), as the status line reads them
     * @param version   btcnode's version, served as {@code btcnode_build_info{version}}
     * @param startTime when the node started
     */
    public MetricsService(MetricsOptions options, Supplier<P2PNetwork> network, Supplier<ChainStatus> chain,
                          String version, Instant startTime) {
        this.options = options;
        boolean on = options.metricsBind().isPresent();
        this.rpcCalls = on ? new RpcCallCounters(registry) : RpcCallObserver.NONE;
        if (on) {
            registry.register(new NodeCollector(network, chain, version, startTime));
        }
    }

    @Override
    public String name() {
        return "metrics";
    }

    /** What the RPC dispatcher tells of each call: the call counters, or nothing when the endpoint is off. */
    public RpcCallObserver rpcCallObserver() {
        return rpcCalls;
    }

    /** Where the endpoint listens (empty when off, before start and after stop). */
    public synchronized Optional<InetSocketAddress> boundAddress() {
        if (server == null) {
            return Optional.empty();
        }
        HostPort bind = options.metricsBind().orElseThrow();
        return Optional.of(new InetSocketAddress(address(bind.host()), server.getPort()));
    }

    @Override
    public synchronized void start() throws ConfigException {
        if (options.metricsBind().isEmpty()) {
            return;
        }
        HostPort bind = options.metricsBind().get();
        InetAddress address = address(bind.host());
        int port = bind.port().orElseThrow();
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        executor = newExecutor();
        try {
            server = HTTPServer.builder().inetAddress(address).port(port).registry(registry)
                    .executorService(executor).buildAndStart();
        } catch (IOException e) {
            executor.shutdownNow();
            executor = null;
            throw new ConfigException(ConfigException.Kind.BAD_VALUE, "Unable to serve metrics on " + bind + " ("
                    + e.getMessage() + "); is another node using that port? Set -metricsbind=" + bind.host()
                    + ":<port> to another port, or -nometricsbind.");
        }
        log.info("Serving Prometheus metrics on http://{}/metrics (-metricsbind)", bind);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close();                 // stops accepting, then shuts the executor down
            server = null;
            log.debug("Stopped serving Prometheus metrics");
        }
        if (executor != null) {
            executor.shutdownNow();         // a scrape waiting for node logic is interrupted
            executor = null;
        }
    }

    /** One thread: scrapes take their turn, as they take their turn on the node-logic thread anyway. */
    private static ExecutorService newExecutor() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "btcnode-metrics");
            t.setDaemon(true);
            return t;
        });
    }

    /** The checked loopback literal, or "localhost" as the JVM's loopback address; never a DNS lookup. */
    private static InetAddress address(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        try {
            return InetAddress.getByName(host);         // a numeric literal: parsed, never looked up
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + host, e);
        }
    }
}
