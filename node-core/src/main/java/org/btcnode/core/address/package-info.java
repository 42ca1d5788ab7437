/**
 * Bitcoin addresses, after Core's key_io.cpp, base58.cpp, bech32.cpp and addresstype.cpp:
 * {@link org.btcnode.core.address.Base58} (Base58Check), {@link org.btcnode.core.address.Bech32}
 * (BIP 173 Bech32 and BIP 350 Bech32m), the {@link org.btcnode.core.address.TxDestination}
 * values a scriptPubKey can pay to, and {@link org.btcnode.core.address.KeyIO}, which decodes an
 * address of a given chain into its destination (Core's DecodeDestination, with its error
 * strings in {@link org.btcnode.core.address.AddressException}) and encodes one back.
 *
 * <p>Stateless and thread-safe: immutable values and static functions, no I/O. Must not import
 * Netty, RocksDB, dnsjava, Logback or {@code core.message}.
 */
package org.btcnode.core.address;
