/**
 * The connection manager (Core's {@code CConnman}): connection slots, inbound eviction, outbound
 * selection and feelers. For now: {@link org.btcnode.net.connman.Eviction}, Core's choice of which
 * inbound peer to drop when the slots are full, over immutable
 * {@link org.btcnode.net.connman.EvictionCandidate} snapshots.
 *
 * <p>Thread: the node-logic executor owns connection state; the functions here are pure and may
 * run anywhere. Must not import node-store, RocksDB, Logback or Netty channel internals.
 */
package org.btcnode.net.connman;
