/**
 * The P2P side of the node (Netty transport, peers, peer manager, address manager, discovery,
 * sync), built by the peer-manager, address-book, BIP324 and chain issues.
 *
 * <p>Must not import node-store or RocksDB (storage comes through node-core interfaces), nor parse
 * configuration files or speak JSON-RPC.
 */
package org.btcnode.net;
