package org.btcnode.crypto.hash;

import java.util.Objects;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * RIPEMD-160 through Bouncy Castle's lightweight {@link RIPEMD160Digest} (the JDK has none). Used only
 * inside {@link Hash160} and script opcodes, never on the sync hot path. Thread-safe: every call has
 * its own digest.
 */
public final class Ripemd160 {
    /** Bytes in a RIPEMD-160 output. */
    public static final int HASH_LENGTH = 20;

    private Ripemd160() {}

    /** RIPEMD-160 of {@code data}. */
    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    /** RIPEMD-160 of {@code length} bytes of {@code data} from {@code offset}. */
    public static byte[] hash(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        RIPEMD160Digest d = new RIPEMD160Digest();
        d.update(data, offset, length);
        byte[] out = new byte[HASH_LENGTH];
        d.doFinal(out, 0);
        return out;
    }
}
