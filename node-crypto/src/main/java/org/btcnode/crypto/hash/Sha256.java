package org.btcnode.crypto.hash;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and double SHA-256 through the JDK's {@link MessageDigest}, which HotSpot compiles to
 * SHA-NI / AVX2 intrinsics where the CPU has them. Hashing is the hot path of header sync and merkle
 * roots, so each call clones an immutable prototype digest (cheaper than a provider lookup, and no
 * thread-local state) and the double hash writes both rounds into one output array. Callers that hash
 * in a loop on one thread can pass a digest they own ({@link #newDigest()}) and an output array, and
 * allocate nothing at all. Static methods are thread-safe; a caller-owned digest is not.
 */
public final class Sha256 {
    /** Bytes in a SHA-256 output. */
    public static final int HASH_LENGTH = 32;

    private static final MessageDigest PROTOTYPE = newDigest();

    private Sha256() {}

    /** A fresh SHA-256 digest (for callers that stream many updates). */
    public static MessageDigest newDigest() {
        if (PROTOTYPE != null) {
            try {
                return (MessageDigest) PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                // a provider without clone support: fall back to a lookup
            }
        }
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** SHA-256 of {@code data}. */
    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** SHA-256 of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest d = newDigest();
        d.update(data, offset, length);
        return d.digest();
    }

    /** SHA-256 of the bytes remaining in {@code data}, which it consumes (position moves to limit). */
    public static byte[] hash(ByteBuffer data) {
        MessageDigest d = newDigest();
        d.update(data);
        return d.digest();
    }

    /** SHA-256(SHA-256(data)): Bitcoin's hash of headers, transactions and message checksums. */
    public static byte[] hashTwice(byte[] data) {
        return hashTwice(data, 0, data.length);
    }

    /** SHA-256d of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] hashTwice(byte[] data, int offset, int length) {
        byte[] out = new byte[HASH_LENGTH];
        hashTwice(newDigest(), data, offset, length, out, 0);
        return out;
    }

    /** SHA-256d of the bytes remaining in {@code data}, which it consumes (position moves to limit). */
    public static byte[] hashTwice(ByteBuffer data) {
        MessageDigest d = newDigest();
        d.update(data);
        byte[] out = new byte[HASH_LENGTH];
        finishTwice(d, out, 0);
        return out;
    }

    /** SHA-256d of the concatenation of two 32-byte values (merkle tree nodes), without a copy. */
    public static byte[] hashTwice(byte[] left, byte[] right) {
        MessageDigest d = newDigest();
        d.update(left);
        d.update(right);
        byte[] out = new byte[HASH_LENGTH];
        finishTwice(d, out, 0);
        return out;
    }

    /**
     * SHA-256d of {@code length} bytes of {@code data} from {@code offset}, written to
     * {@code out[outOffset..outOffset+32)} with {@code digest}, a SHA-256 digest the caller owns and
     * uses from one thread. Allocates nothing; {@code digest} is reset afterwards. {@code out} may be
     * {@code data} itself.
     */
    public static void hashTwice(MessageDigest digest, byte[] data, int offset, int length,
            byte[] out, int outOffset) {
        digest.reset();
        digest.update(data, offset, length);
        finishTwice(digest, out, outOffset);
    }

    /** Completes a SHA-256d: the first digest goes to {@code out}, is hashed again and overwritten. */
    private static void finishTwice(MessageDigest d, byte[] out, int outOffset) {
        try {
            d.digest(out, outOffset, HASH_LENGTH);
            d.update(out, outOffset, HASH_LENGTH);
            d.digest(out, outOffset, HASH_LENGTH);
        } catch (DigestException e) {
            // only thrown when out has no room for 32 bytes
            throw new IllegalArgumentException("no room for 32 bytes at offset " + outOffset, e);
        }
    }
}
