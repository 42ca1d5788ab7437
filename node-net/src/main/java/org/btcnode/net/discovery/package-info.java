/**
 * Bootstrap: where a node with few or no addresses finds its first peers (Core's
 * {@code CConnman::ThreadDNSAddressSeed}, the fixed-seed and {@code -seednode} parts of
 * {@code ThreadOpenConnections}). {@link org.btcnode.net.discovery.SeedSchedule} decides when to
 * ask DNS seeds and when to fall back to the fixed seeds; {@link
 * org.btcnode.net.discovery.AddrFetchSchedule} decides when to open an ADDR_FETCH connection to a
 * {@code -seednode}; {@link org.btcnode.net.discovery.DnsSeeder} does the DNS queries (dnsjava)
 * on its own thread; {@link org.btcnode.net.discovery.SeedSource} gives the pseudo-address Core
 * files seed results under.
 *
 * <p>Thread: the schedules are plain state machines read and written on the node-logic executor
 * with times from its clock; DnsSeeder blocks on DNS on its own single daemon thread and hands
 * each seed's result to a callback that the caller posts to the node loop. Must not import
 * node-store, RocksDB, Logback or Netty; must never resolve names with {@code InetAddress}.
 */
package org.btcnode.net.discovery;
