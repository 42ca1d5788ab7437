package org.btcnode.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HKDF-SHA256 (RFC 5869): {@link #extract} turns input keying material and a salt into a
 * pseudorandom key, {@link #expand} derives up to 255 * 32 bytes from it per {@code info}. BIP 324
 * extracts once per connection and expands six 32-byte keys, as Core's {@code CHKDF_HMAC_SHA256_L32}
 * (crypto/hkdf_sha256_32.h) does; this class takes any length. An instance holds the pseudorandom key
 * as a keyed {@link HmacSha256}; immutable and thread-safe.
 */
public final class Hkdf {
    /** Most bytes one expand can produce: 255 blocks of HashLen (RFC 5869 section 2.3). */
    public static final int MAX_OUTPUT_LENGTH = 255 * HmacSha256.MAC_LENGTH;

    private final HmacSha256 prkMac;
    private final byte[] prk;

    private Hkdf(byte[] prk) {
        this.prk = prk;
        this.prkMac = new HmacSha256(prk);
    }

    /**
     * HKDF-Extract: PRK = HMAC-SHA256(salt, ikm). A null or empty salt stands for HashLen zero bytes,
     * as RFC 5869 says (HMAC pads a short key with zeros, so all three give the same PRK).
     */
    public static Hkdf extract(byte[] salt, byte[] ikm) {
        return new Hkdf(new HmacSha256(salt == null ? new byte[0] : salt).mac(ikm));
    }

    /** HKDF-Extract with an ASCII salt, as BIP 324's {@code "bitcoin_v2_shared_secret" + magic}. */
    public static Hkdf extract(String salt, byte[] ikm) {
        return extract(salt.getBytes(StandardCharsets.US_ASCII), ikm);
    }

    /**
     * An HKDF that skips Extract and uses {@code prk} as the pseudorandom key directly (RFC 5869
     * section 3.3: when the input is already uniformly random). {@code prk} should be 32 bytes or more.
     */
    public static Hkdf fromPrk(byte[] prk) {
        return new Hkdf(prk.clone());
    }

    /** HKDF-Extract then HKDF-Expand in one call. */
    public static byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        return extract(salt, ikm).expand(info, length);
    }

    /** A copy of the pseudorandom key. */
    public byte[] prk() {
        return prk.clone();
    }

    /**
     * HKDF-Expand: the first {@code length} bytes of T(1) || T(2) || ..., where
     * T(i) = HMAC-SHA256(PRK, T(i-1) || info || i) and T(0) is empty.
     *
     * @throws IllegalArgumentException if {@code length} is negative or over {@link #MAX_OUTPUT_LENGTH}
     */
    public byte[] expand(byte[] info, int length) {
        if (length < 0 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 output length " + length
                    + " is outside 0.." + MAX_OUTPUT_LENGTH);
        }
        byte[] okm = new byte[length];
        byte[] previous = new byte[0];
        byte[] counter = new byte[1];
        for (int done = 0, i = 1; done < length; i++) {
            counter[0] = (byte) i;
            previous = prkMac.mac(previous, info, counter);
            int n = Math.min(HmacSha256.MAC_LENGTH, length - done);
            System.arraycopy(previous, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(previous, (byte) 0);
        return okm;
    }

    /** HKDF-Expand with an ASCII {@code info}, as BIP 324's {@code "initiator_L"}. */
    public byte[] expand(String info, int length) {
        return expand(info.getBytes(StandardCharsets.US_ASCII), length);
    }

    /** HKDF-Expand of 32 bytes: Core's {@code CHKDF_HMAC_SHA256_L32::Expand32}. */
    public byte[] expand32(String info) {
        return expand(info, HmacSha256.MAC_LENGTH);
    }
}
