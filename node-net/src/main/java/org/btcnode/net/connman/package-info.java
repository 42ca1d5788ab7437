/**
 * The connection manager (Core's {@code CConnman}, {@code BanMan}, {@code NetGroupManager},
 * net_permissions): {@link org.btcnode.net.connman.ConnectionManager} fills the outbound slots,
 * accepts or refuses inbound connections and evicts ({@link org.btcnode.net.connman.Eviction});
 * {@link org.btcnode.net.connman.NetGroup} groups addresses by operator; {@link
 * org.btcnode.net.connman.BanMan} keeps bans and discouragement; -whitelist/-whitebind parsing
 * ({@link org.btcnode.net.connman.WhitelistEntry}, {@link org.btcnode.net.connman.WhitebindEntry},
 * {@link org.btcnode.net.connman.NetPermissions}); {@link org.btcnode.net.connman.Anchors} writes
 * anchors.dat; {@link org.btcnode.net.connman.ConnectionOptions} is what the daemon configures.
 *
 * <p>Thread: the node-logic executor owns connection state (ConnectionManager, BanMan,
 * StaticAddressSource, InMemoryBanStore); records and the static functions of Eviction and NetGroup
 * are immutable or pure and may run anywhere. Must not import node-store, RocksDB, Logback or
 * Netty channel internals.
 */
package org.btcnode.net.connman;
