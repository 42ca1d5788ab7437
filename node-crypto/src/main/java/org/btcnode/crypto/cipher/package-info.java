/**
 * Ciphers of BIP 324's v2 transport: ChaCha20 with Core's 96-bit nonce layout, the
 * ChaCha20-Poly1305 AEAD (RFC 8439) on three backends (JDK, Bouncy Castle, plain Java; {@link
 * org.btcnode.crypto.cipher.AeadChaCha20Poly1305.Backend#fastest()} picks one), Core's forward-secure
 * wrappers {@link org.btcnode.crypto.cipher.FSChaCha20} (lengths) and {@link
 * org.btcnode.crypto.cipher.FSChaCha20Poly1305} (packets), and {@link
 * org.btcnode.crypto.cipher.Bip324Cipher}, the key schedule and packet format of one connection.
 *
 * <p>Thread: the ciphers are stateful (counters, keys) and belong to one connection's event loop;
 * none is thread-safe. A failed tag is a {@code false} return, never an exception (node-crypto has no
 * exception type); wrong arguments (key lengths, buffers) are programming errors and throw
 * {@link java.lang.IllegalArgumentException}.
 *
 * <p>Must not import: any other btcnode module (node-crypto is the bottom layer), Netty, RocksDB.
 * Nothing here logs: keys and plaintext must never reach a log line.
 */
package org.btcnode.crypto.cipher;
