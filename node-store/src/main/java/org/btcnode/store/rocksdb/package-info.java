/**
 * The node's RocksDB database ({@link org.btcnode.store.rocksdb.NodeDatabase}, one per chain
 * datadir at {@code <chaindir>/db}, a column family per kind of data, a schema version) and the
 * node-core storage interfaces implemented on it: {@link org.btcnode.store.rocksdb.RocksBanStore},
 * {@link org.btcnode.store.rocksdb.RocksAddressBookStore}, the header index
 * {@link org.btcnode.store.rocksdb.RocksHeaderStore} and the block data
 * {@link org.btcnode.store.rocksdb.RocksBlockStore}.
 * RocksDB errors leave this package only as {@link org.btcnode.core.store.StoreException}.
 *
 * <p>Thread: blocking calls, made by node-daemon at start-up and shutdown and by node-net from
 * the node-logic thread. Must not import node-net, Netty or Logback, and holds no protocol logic.
 */
package org.btcnode.store.rocksdb;
