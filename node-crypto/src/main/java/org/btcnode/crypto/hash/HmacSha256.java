package org.btcnode.crypto.hash;

import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104, Core's {@code CHMAC_SHA256}) for one key, built on {@link Sha256}'s
 * intrinsic digest rather than {@code javax.crypto.Mac} (no provider lookup, no key objects). The key
 * pads are absorbed once, into two prototype digests that every call clones, so the key schedule is
 * paid per key, not per message. Immutable and thread-safe.
 */
public final class HmacSha256 {
    /** Bytes in an HMAC-SHA256 output. */
    public static final int MAC_LENGTH = Sha256.HASH_LENGTH;

    private static final int BLOCK_LENGTH = 64; // SHA-256 block size, RFC 2104's B
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest inner;
    private final MessageDigest outer;

    /** An HMAC-SHA256 keyed with {@code key} (any length; longer than 64 bytes is hashed first). */
    public HmacSha256(byte[] key) {
        byte[] block = new byte[BLOCK_LENGTH];
        if (key.length > BLOCK_LENGTH) {
            System.arraycopy(Sha256.hash(key), 0, block, 0, Sha256.HASH_LENGTH);
        } else {
            System.arraycopy(key, 0, block, 0, key.length);
        }
        byte[] pad = new byte[BLOCK_LENGTH];
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            pad[i] = (byte) (block[i] ^ IPAD);
        }
        inner = Sha256.newDigest();
        inner.update(pad);
        for (int i = 0; i < BLOCK_LENGTH; i++) {
            pad[i] = (byte) (block[i] ^ OPAD);
        }
        outer = Sha256.newDigest();
        outer.update(pad);
        Arrays.fill(block, (byte) 0); // key material: do not leave it to the garbage collector
        Arrays.fill(pad, (byte) 0);
    }

    /** The MAC of {@code data}. */
    public byte[] mac(byte[] data) {
        return mac(data, 0, data.length);
    }

    /** The MAC of {@code length} bytes of {@code data} from {@code offset}. */
    public byte[] mac(byte[] data, int offset, int length) {
        MessageDigest d = copy(inner);
        d.update(data, offset, length);
        return finish(d);
    }

    /** The MAC of the concatenation of {@code parts}, without copying them. */
    public byte[] mac(byte[]... parts) {
        MessageDigest d = copy(inner);
        for (byte[] part : parts) {
            d.update(part);
        }
        return finish(d);
    }

    /** Outer hash over the inner one; the inner digest goes to the output array, then is replaced. */
    private byte[] finish(MessageDigest innerDigest) {
        byte[] out = new byte[MAC_LENGTH];
        try {
            innerDigest.digest(out, 0, MAC_LENGTH);
            MessageDigest o = copy(outer);
            o.update(out);
            o.digest(out, 0, MAC_LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException("a 32-byte buffer holds a SHA-256", e);
        }
        return out;
    }

    private static MessageDigest copy(MessageDigest prototype) {
        try {
            return (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digest is not cloneable", e);
        }
    }
}
