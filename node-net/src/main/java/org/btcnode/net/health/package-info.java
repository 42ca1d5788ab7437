/**
 * The network health monitor (our addition; Core defends silently): {@link
 * org.btcnode.net.health.NetworkHealth} looks at the peer table, the address book, message rates,
 * the chain tip and peers' clocks once a minute and raises one {@link
 * org.btcnode.net.health.HealthWarning} per {@link org.btcnode.net.health.HealthCondition} that
 * holds (eclipse, sybil, flood and clock suspicions), logged at most once an hour while it holds
 * and reported in getnetworkinfo and the metrics through {@link
 * org.btcnode.net.health.HealthReport}; {@link org.btcnode.net.health.MessageBudget} throttles and
 * finally disconnects a peer that floods us; {@link org.btcnode.net.health.TimeOffsets} is Core's
 * clock-offset median (node/timeoffsets.cpp).
 *
 * <p>Thread: the node-logic executor only (the connection manager calls in); {@code HealthReport},
 * {@code HealthWarning} and {@code HealthCondition} are immutable and may be read anywhere. Must
 * not import Netty, node-store, RocksDB or Logback.
 */
package org.btcnode.net.health;
