package org.btcnode.net.addrman;

import java.io.ByteArrayOutputStream;

import org.btcnode.core.types.Bytes;
import org.btcnode.crypto.hash.Sha256;

/**
 * The bytes Core's {@code HashWriter} (hash.h) feeds to SHA-256d for the address manager's keyed
 * bucket hashes, with Core's serialization of each type: a {@code uint256} raw, an {@code int}
 * and a {@code uint64_t} little-endian, a {@code uint8_t} as one byte, a byte vector with its
 * CompactSize length first. {@link #cheapHash()} is {@code GetCheapHash}: the first 8 bytes of the
 * double SHA-256, little-endian. One use per hash; any thread.
 */
final class HashWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    /** A {@code uint256}: 32 bytes as they are. */
    HashWriter uint256(byte[] value) {
        out.write(value, 0, value.length);
        return this;
    }

    /** A {@code uint8_t}. */
    HashWriter uint8(int value) {
        out.write(value);
        return this;
    }

    /** An {@code int32_t}, little-endian. */
    HashWriter int32(int value) {
        for (int i = 0; i < 4; i++) {
            out.write(value >>> (8 * i));
        }
        return this;
    }

    /** A {@code uint64_t}, little-endian. */
    HashWriter uint64(long value) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** A {@code std::vector<unsigned char>}: CompactSize length (always under 253 here), then the bytes. */
    HashWriter vector(byte[] value) {
        if (value.length >= 253) {
            throw new IllegalArgumentException("vectors here are short: " + value.length);
        }
        out.write(value.length);
        out.write(value, 0, value.length);
        return this;
    }

    HashWriter vector(Bytes value) {
        return vector(value.toByteArray());
    }

    /** {@code GetCheapHash()}: SHA-256d of the bytes written, first 8 bytes read little-endian. */
    long cheapHash() {
        byte[] hash = Sha256.hashTwice(out.toByteArray());
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (hash[i] & 0xff);
        }
        return v;
    }

    /** {@code GetHash()}: SHA-256d of the bytes written, in digest order. */
    byte[] hash() {
        return Sha256.hashTwice(out.toByteArray());
    }
}
