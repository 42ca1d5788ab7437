/**
 * The Prometheus metrics endpoint, {@code -metricsbind} (beyond Core, which has none; see
 * docs/operations.md "Metrics"): {@link org.btcnode.daemon.metrics.MetricsService} serves
 * {@code /metrics} in Prometheus' text format on a loopback address through the Prometheus Java
 * client's HTTP server; {@link org.btcnode.daemon.metrics.NodeCollector} computes the node's
 * figures when a scrape asks for them; {@link org.btcnode.daemon.metrics.RpcCallCounters} counts
 * RPC calls as the dispatcher reports them.
 *
 * <p>Threads: scrapes run on the endpoint's own thread ("btcnode-metrics"), which asks node logic
 * through {@code P2PNetwork.query} and never touches node state directly; RPC worker threads
 * increment the call counters. Only node-daemon knows Prometheus: node-net is read through its
 * query API, never instrumented with Prometheus types. Must not import RocksDB or node-store.
 */
package org.btcnode.daemon.metrics;
