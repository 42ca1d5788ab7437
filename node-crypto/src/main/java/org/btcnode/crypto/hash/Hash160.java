package org.btcnode.crypto.hash;

/**
 * HASH160 = RIPEMD-160(SHA-256(x)), Core's {@code Hash160} (hash.h): the hash of public keys and
 * scripts in P2PKH, P2SH and P2WPKH outputs. Thread-safe: every call has its own digests.
 */
public final class Hash160 {
    /** Bytes in a HASH160 output. */
    public static final int HASH_LENGTH = Ripemd160.HASH_LENGTH;

    private Hash160() {}

    /** RIPEMD-160(SHA-256(data)). */
    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** RIPEMD-160(SHA-256(x)) of the {@code length} bytes x of {@code data} from {@code offset}. */
    public static byte[] hash(byte[] data, int offset, int length) {
        return Ripemd160.hash(Sha256.hash(data, offset, length));
    }
}
