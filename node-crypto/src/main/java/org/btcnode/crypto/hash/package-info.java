/**
 * Hash functions: SHA-256 and SHA-256d (JDK intrinsics), RIPEMD-160 and HASH160 (Bouncy Castle),
 * BIP340 tagged hashes, HMAC-SHA256 and HKDF-SHA256 (RFC 5869, for BIP 324), SipHash-2-4 and Core's
 * SipHash-1-3-UJ. Pure functions of their inputs, no I/O, no logging.
 *
 * <p>Thread: any. The static methods and the keyed/tagged objects ({@link
 * org.btcnode.crypto.hash.TaggedHash}, {@link org.btcnode.crypto.hash.HmacSha256}, {@link
 * org.btcnode.crypto.hash.Hkdf}) are immutable and thread-safe; the streaming hashers ({@link
 * org.btcnode.crypto.hash.SipHasher}, {@link org.btcnode.crypto.hash.SipHasher13UJ}) and caller-owned
 * {@link java.security.MessageDigest}s belong to one thread. No thread-locals: shared prototypes are
 * cloned per call.
 *
 * <p>Must not import: any other btcnode module (node-core depends on this one, not the other way
 * round), Netty, RocksDB. Nothing here logs: a hash has no events worth a line.
 */
package org.btcnode.crypto.hash;
