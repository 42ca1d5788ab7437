/**
 * The P2P load generator {@link org.btcnode.bench.p2p.PeerLoad}, run by {@code scripts/bench-p2p}
 * against a regtest daemon on 127.0.0.1: v1 framing ({@link org.btcnode.bench.p2p.V1Frame}), a
 * blocking test peer ({@link org.btcnode.bench.p2p.LoadPeer}), a non-blocking connection storm
 * ({@link org.btcnode.bench.p2p.AcceptStorm}), timed scrapes of the daemon's metrics endpoint
 * ({@link org.btcnode.bench.p2p.MetricsScrape}) and JSON-RPC requests per second with the cookie
 * ({@link org.btcnode.bench.p2p.RpcLoad} over keep-alive {@link org.btcnode.bench.p2p.RpcConnection}s).
 *
 * <p>Thread: the main thread, plus a fixed pool for parallel handshakes and parallel RPC clients.
 * Must not import node-net, node-store or node-daemon: it talks to the daemon only over loopback
 * TCP, as a foreign peer would.
 * Never connects anywhere but 127.0.0.1.
 */
package org.btcnode.bench.p2p;
