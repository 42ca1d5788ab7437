/**
 * The address book (Core's addrman): {@link org.btcnode.net.addrman.AddrMan} keeps Core's new and
 * tried tables with keyed bucketing, test-before-evict and the selection rules, and records every
 * change for an {@link org.btcnode.core.store.AddressBookStore};
 * {@link org.btcnode.net.addrman.InMemoryAddressBookStore} is the store without a database.
 *
 * <p>Thread: the node-logic executor only (no locks). Time and randomness are passed in.
 * Must not import node-store, RocksDB, Netty or Logback.
 */
package org.btcnode.net.addrman;
