/**
 * Storage interfaces in Bitcoin terms (DESIGN.md "Modules"): the ban list ({@link
 * org.btcnode.core.store.BanStore}, keyed by {@link org.btcnode.core.store.Subnet}), the source of
 * outbound addresses ({@link org.btcnode.core.store.AddressSource}), the address book on disk
 * ({@link org.btcnode.core.store.AddressBookStore}), the header index
 * ({@link org.btcnode.core.store.HeaderStore}, with {@link org.btcnode.core.store.MemoryHeaderStore}
 * for tests and store-less runs) and the one storage error,
 * {@link org.btcnode.core.store.StoreException}. node-store implements them with
 * RocksDB, node-net has in-memory forms for tests and for running without an address book.
 *
 * <p>Thread: the interfaces say nothing about threads; node-net calls them from the node-logic
 * thread only. Must not import RocksDB, Netty or Logback.
 */
package org.btcnode.core.store;
