package org.btcnode.net.addrman;

import java.security.MessageDigest;
import java.util.Arrays;

import org.btcnode.core.types.Bytes;
import org.btcnode.crypto.hash.Sha256;

/**
 * The bytes Core's {@code HashWriter} (hash.h) feeds to SHA-256d for the address manager's keyed
 * bucket hashes, with Core's serialization of each type: a {@code uint256} raw, an {@code int}
 * and a {@code uint64_t} little-endian, a {@code uint8_t} as one byte, a byte vector with its
 * CompactSize length first. {@link #cheapHash()} is {@code GetCheapHash}: the first 8 bytes of the
 * double SHA-256, little-endian. Reusable after {@link #reset()} (the address manager keeps one
 * and allocates nothing per hash); one thread at a time.
 */
final class HashWriter {
    private final MessageDigest digest = Sha256.newDigest();
    private final byte[] hash = new byte[Sha256.HASH_LENGTH];
    private byte[] buffer = new byte[128];
    private int length;

    /** Forgets the bytes written, to start the next hash. */
    HashWriter reset() {
        length = 0;
        return this;
    }

    private void put(int value) {
        if (length == buffer.length) {
            buffer = Arrays.copyOf(buffer, 2 * length);
        }
        buffer[length++] = (byte) value;
    }

    private void put(byte[] value) {
        if (length + value.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, 2 * (length + value.length));
        }
        System.arraycopy(value, 0, buffer, length, value.length);
        length += value.length;
    }

    /** A {@code uint256}: 32 bytes as they are. */
    HashWriter uint256(byte[] value) {
        put(value);
        return this;
    }

    /** A {@code uint8_t}. */
    HashWriter uint8(int value) {
        put(value);
        return this;
    }

    /** An {@code int32_t}, little-endian. */
    HashWriter int32(int value) {
        for (int i = 0; i < 4; i++) {
            put(value >>> (8 * i));
        }
        return this;
    }

    /** A {@code uint64_t}, little-endian. */
    HashWriter uint64(long value) {
        for (int i = 0; i < 8; i++) {
            put((int) (value >>> (8 * i)));
        }
        return this;
    }

    /** A {@code std::vector<unsigned char>}: CompactSize length (always under 253 here), then the bytes. */
    HashWriter vector(byte[] value) {
        if (value.length >= 253) {
            throw new IllegalArgumentException("vectors here are short: " + value.length);
        }
        put(value.length);
        put(value);
        return this;
    }

    HashWriter vector(Bytes value) {
        return vector(value.toByteArray());
    }

    /** {@code GetCheapHash()}: SHA-256d of the bytes written, first 8 bytes read little-endian. */
    long cheapHash() {
        Sha256.hashTwice(digest, buffer, 0, length, hash, 0);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (hash[i] & 0xff);
        }
        return v;
    }

    /** {@code GetHash()}: SHA-256d of the bytes written, in digest order. */
    byte[] hash() {
        Sha256.hashTwice(digest, buffer, 0, length, hash, 0);
        return hash.clone();
    }
}
