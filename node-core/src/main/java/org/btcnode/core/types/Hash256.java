package org.btcnode.core.types;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.btcnode.crypto.hash.Sha256;

/**
 * A 32-byte hash (block hash, txid, wtxid, merkle node) as a value. Bytes are kept in internal
 * (wire) order; {@link #toString()} prints Bitcoin's reversed hex, as {@code uint256::GetHex}.
 * Immutable: the array never escapes.
 */
public final class Hash256 implements Comparable<Hash256> {
    public static final int LENGTH = 32;
    public static final Hash256 ZERO = new Hash256(new byte[LENGTH]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hashCode;

    private Hash256(byte[] bytes) {
        this.bytes = bytes;
        // The first 4 bytes of a hash are already uniformly distributed.
        this.hashCode = (bytes[0] & 0xff) | (bytes[1] & 0xff) << 8 | (bytes[2] & 0xff) << 16 | (bytes[3] & 0xff) << 24;
    }

    /** Wraps a copy of 32 bytes in internal (wire) order. */
    public static Hash256 wrap(byte[] internalOrder) {
        if (internalOrder.length != LENGTH) {
            throw new IllegalArgumentException("a hash has 32 bytes, not " + internalOrder.length);
        }
        return new Hash256(internalOrder.clone());
    }

    /** Takes ownership of a freshly computed 32-byte digest (no copy). */
    public static Hash256 ofDigest(byte[] digest) {
        if (digest.length != LENGTH) {
            throw new IllegalArgumentException("a hash has 32 bytes, not " + digest.length);
        }
        return new Hash256(digest);
    }

    /** Parses Bitcoin's display form (reversed hex), e.g. a block hash as printed by bitcoin-cli. */
    public static Hash256 fromHex(String displayHex) {
        byte[] b = HEX.parseHex(displayHex);
        if (b.length != LENGTH) {
            throw new IllegalArgumentException("a hash has 64 hex digits: " + displayHex);
        }
        reverse(b);
        return new Hash256(b);
    }

    /** SHA-256d of the given bytes. */
    public static Hash256 hashTwice(byte[] data, int offset, int length) {
        return new Hash256(Sha256.hashTwice(data, offset, length));
    }

    public static Hash256 hashTwice(byte[] data) {
        return new Hash256(Sha256.hashTwice(data));
    }

    public static Hash256 read(WireReader in) {
        return new Hash256(in.readBytes(LENGTH));
    }

    public void write(WireWriter out) {
        out.writeBytes(bytes);
    }

    /** Copies the 32 bytes, internal order, into {@code dest} at {@code offset}. */
    public void copyTo(byte[] dest, int offset) {
        System.arraycopy(bytes, 0, dest, offset, LENGTH);
    }

    /** A copy in internal (wire) order. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A copy in display order (reversed), i.e. the 256-bit number big-endian. */
    public byte[] toDisplayBytes() {
        byte[] b = bytes.clone();
        reverse(b);
        return b;
    }

    /** The hash as an unsigned 256-bit number (Core's {@code UintToArith256}), for proof-of-work comparisons. */
    public BigInteger toBigInteger() {
        return new BigInteger(1, toDisplayBytes());
    }

    /** Byte {@code i} in internal order. */
    public byte get(int i) {
        return bytes[i];
    }

    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) return false;
        }
        return true;
    }

    private static void reverse(byte[] b) {
        for (int i = 0, j = b.length - 1; i < j; i++, j--) {
            byte t = b[i];
            b[i] = b[j];
            b[j] = t;
        }
    }

    /** Internal-order hex (as on the wire). */
    public String toInternalHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public String toString() {
        return HEX.formatHex(toDisplayBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash256 h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    /** Compares as 256-bit unsigned numbers (uint256 ordering). */
    @Override
    public int compareTo(Hash256 o) {
        for (int i = LENGTH - 1; i >= 0; i--) {
            int c = Integer.compare(bytes[i] & 0xff, o.bytes[i] & 0xff);
            if (c != 0) return c;
        }
        return 0;
    }
}
