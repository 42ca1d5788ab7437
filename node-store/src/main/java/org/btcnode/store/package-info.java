/**
 * RocksDB implementations of the node-core storage interfaces (address book, bans, header index,
 * blocks), built by the address-book and chain issues.
 *
 * <p>Must not import node-net or Netty, and holds no protocol logic.
 */
package org.btcnode.store;
