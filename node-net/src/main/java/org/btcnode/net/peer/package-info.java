/**
 * Per-peer identity and (later) the per-peer state machine: handshake, feature negotiation, ping.
 *
 * <p>Thread: value types here are immutable and usable from any thread; peer state is read and
 * written on the node-logic thread only. Must not import node-store, RocksDB or Logback.
 */
package org.btcnode.net.peer;
