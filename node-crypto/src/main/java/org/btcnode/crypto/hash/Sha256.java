package org.btcnode.crypto.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and double SHA-256 through the JDK's {@link MessageDigest}, which HotSpot compiles to
 * SHA-NI / AVX2 intrinsics where the CPU has them. One digest per thread is reused: hashing is the
 * hot path of header sync and merkle roots. Each call clones an immutable prototype digest (cheaper
 * than a provider lookup, and no thread-local state). Thread-safe.
 */
public final class Sha256 {
    public static final int HASH_LENGTH = 32;

    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {}

    /** A fresh SHA-256 digest (for callers that stream many updates). */
    public static MessageDigest newDigest() {
        if (PROTOTYPE != null) {
            try {
                return (MessageDigest) PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                // fall through to a provider lookup
            }
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest d = newDigest();
        d.update(data, offset, length);
        return d.digest();
    }

    /** SHA-256(SHA-256(data)): Bitcoin's hash of headers, transactions and message checksums. */
    public static byte[] hashTwice(byte[] data) {
        return hashTwice(data, 0, data.length);
    }

    public static byte[] hashTwice(byte[] data, int offset, int length) {
        MessageDigest d = newDigest();
        d.update(data, offset, length);
        byte[] first = d.digest();
        d.update(first);
        return d.digest();
    }

    /** SHA-256d of the concatenation of two 32-byte values (merkle tree nodes), without a copy. */
    public static byte[] hashTwice(byte[] left, byte[] right) {
        MessageDigest d = newDigest();
        d.update(left);
        d.update(right);
        byte[] first = d.digest();
        d.update(first);
        return d.digest();
    }
}
