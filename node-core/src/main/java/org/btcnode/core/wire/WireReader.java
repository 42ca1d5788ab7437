package org.btcnode.core.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.nio.charset.StandardCharsets;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;
import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;
import static org.btcnode.core.wire.WireFormatException.Kind.NON_CANONICAL;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * Reads Bitcoin's wire encoding from one whole payload held in memory: little-endian integers,
 * CompactSize (minimal encodings only, as Core's {@code ReadCompactSize}), bounded byte vectors,
 * strings and lists. Every read checks the remaining length first, so a short or hostile payload
 * fails with {@link WireFormatException} and never with an index or allocation error. Not
 * thread-safe: one reader per payload.
 */
public final class WireReader {
    /** serialize.h: MAX_SIZE, the largest CompactSize a vector length may carry. */
    public static final long MAX_SIZE = 0x02000000L;

    private final byte[] buf;
    private final int end;
    private int pos;

    public WireReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public WireReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + buf.length);
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    public boolean hasMore() {
        return pos < end;
    }

    public int remaining() {
        return end - pos;
    }

    /** Absolute offset into the backing array: lets a codec hash the exact bytes it read. */
    public int position() {
        return pos;
    }

    /** The backing array, for hashing a slice between two {@link #position()}s without a copy. */
    public byte[] array() {
        return buf;
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw new WireFormatException(TRUNCATED, what + ": need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int readUint8() {
        need(1, "uint8");
        return buf[pos++] & 0xff;
    }

    public boolean readBool() {
        return readUint8() != 0;
    }

    public int readUint16() {
        need(2, "uint16");
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8;
        pos += 2;
        return v;
    }

    /** Big-endian 16 bits: the port in addr entries. */
    public int readUint16BigEndian() {
        need(2, "uint16be");
        int v = (buf[pos] & 0xff) << 8 | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    public int readInt32() {
        need(4, "int32");
        int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
        pos += 4;
        return v;
    }

    public long readUint32() {
        return readInt32() & 0xffffffffL;
    }

    public long readInt64() {
        need(8, "int64");
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    public byte[] readBytes(int n) {
        if (n < 0) {
            throw new WireFormatException(INVALID_VALUE, "negative length " + n);
        }
        need(n, "bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public void skip(int n) {
        need(n, "skip");
        pos += n;
    }

    /**
     * A CompactSize that must be minimally encoded (serialize.h "non-canonical ReadCompactSize()")
     * and not above {@code max}.
     */
    public long readCompactSize(long max) {
        int first = readUint8();
        long v;
        if (first < 0xfd) {
            v = first;
        } else if (first == 0xfd) {
            v = readUint16();
            if (v < 0xfd) throw nonCanonical(v);
        } else if (first == 0xfe) {
            v = readUint32();
            if (v < 0x10000L) throw nonCanonical(v);
        } else {
            v = readInt64();
            if (Long.compareUnsigned(v, 0x100000000L) < 0) throw nonCanonical(v);
        }
        if (Long.compareUnsigned(v, max) > 0) {
            throw new WireFormatException(LIMIT_EXCEEDED, "size " + Long.toUnsignedString(v) + " over limit " + max);
        }
        return v;
    }

    private static WireFormatException nonCanonical(long v) {
        return new WireFormatException(NON_CANONICAL, "non-canonical CompactSize for " + v);
    }

    /** A CompactSize length (at most {@link #MAX_SIZE} and {@code max}) as an int. */
    public int readLength(int max) {
        return (int) readCompactSize(Math.min(max, MAX_SIZE));
    }

    /** Length-prefixed bytes; the length is checked against {@code max} and what is left before allocating. */
    public byte[] readVarBytes(int max) {
        int n = readLength(max);
        need(n, "var bytes");
        return readBytes(n);
    }

    /** Length-prefixed string, decoded as UTF-8 with replacement (Core keeps raw bytes; we sanitise at logging). */
    public String readVarString(int max) {
        byte[] b = readVarBytes(max);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A CompactSize count followed by that many elements. The count is checked against {@code max}
     * and, as a cheap sanity bound, against the bytes left (each element takes at least
     * {@code minElementSize} bytes), so a peer cannot make us allocate what it merely announced.
     */
    public <T> List<T> readList(int max, int minElementSize, Decoder<T> element) {
        int n = (int) readCompactSize(max);
        if (minElementSize > 0 && (long) n * minElementSize > remaining()) {
            throw new WireFormatException(TRUNCATED, "count " + n + " needs at least " + (long) n * minElementSize
                    + " bytes, " + remaining() + " left");
        }
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(element.read(this));
        }
        return out;
    }

    public <T> List<T> readList(int max, Decoder<T> element) {
        return readList(max, 1, element);
    }

    /** Reads one value from a reader. */
    @FunctionalInterface
    public interface Decoder<T> {
        T read(WireReader in);
    }
}
