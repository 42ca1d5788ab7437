/**
 * secp256k1 for BIP 324: ElligatorSwift encoding and decoding of x coordinates (XSwiftEC,
 * XSwiftECInv), public key encodings and the x-only ECDH shared secret, on Bouncy Castle's
 * secp256k1 field and point arithmetic.
 *
 * <p>Thread: any; {@link org.btcnode.crypto.ec.EllSwift} is stateless. Correct first, fast enough
 * for handshakes, not constant-time; wrong argument lengths throw {@link
 * java.lang.IllegalArgumentException}, and there is no other failure (every 64-byte string is a
 * valid encoding).
 *
 * <p>Must not import: any other btcnode module, Netty, RocksDB. Nothing here logs.
 */
package org.btcnode.crypto.ec;
