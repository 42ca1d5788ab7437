package org.btcnode.core.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes Bitcoin's wire encoding into a growing byte array: little-endian integers, minimal
 * CompactSize, length-prefixed bytes, strings and lists. Not thread-safe.
 */
public final class WireWriter {
    private byte[] buf;
    private int len;

    public WireWriter() {
        this(256);
    }

    public WireWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        int need = len + extra;
        if (need > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
        }
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** The backing array (valid up to {@link #size()}), for hashing without a copy. */
    public byte[] array() {
        return buf;
    }

    public WireWriter writeUint8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public WireWriter writeBool(boolean v) {
        return writeUint8(v ? 1 : 0);
    }

    public WireWriter writeUint16(int v) {
        ensure(2);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        return this;
    }

    public WireWriter writeUint16BigEndian(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public WireWriter writeInt32(int v) {
        ensure(4);
        buf[len++] = (byte) v;
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 24);
        return this;
    }

    public WireWriter writeUint32(long v) {
        return writeInt32((int) v);
    }

    public WireWriter writeInt64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[len++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public WireWriter writeBytes(byte[] b) {
        return writeBytes(b, 0, b.length);
    }

    public WireWriter writeBytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, len, length);
        len += length;
        return this;
    }

    /** The minimal CompactSize encoding of an unsigned value. */
    public WireWriter writeCompactSize(long v) {
        if (Long.compareUnsigned(v, 0xfd) < 0) {
            return writeUint8((int) v);
        } else if (Long.compareUnsigned(v, 0x10000) < 0) {
            return writeUint8(0xfd).writeUint16((int) v);
        } else if (Long.compareUnsigned(v, 0x100000000L) < 0) {
            return writeUint8(0xfe).writeUint32(v);
        } else {
            return writeUint8(0xff).writeInt64(v);
        }
    }

    /** Bytes a CompactSize of this value takes. */
    public static int compactSizeLength(long v) {
        if (Long.compareUnsigned(v, 0xfd) < 0) return 1;
        if (Long.compareUnsigned(v, 0x10000) < 0) return 3;
        if (Long.compareUnsigned(v, 0x100000000L) < 0) return 5;
        return 9;
    }

    public WireWriter writeVarBytes(byte[] b) {
        writeCompactSize(b.length);
        return writeBytes(b);
    }

    public WireWriter writeVarString(String s) {
        return writeVarBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    public <T> WireWriter writeList(List<T> items, Encoder<T> element) {
        writeCompactSize(items.size());
        for (T item : items) {
            element.write(item, this);
        }
        return this;
    }

    /** Writes one value to a writer. */
    @FunctionalInterface
    public interface Encoder<T> {
        void write(T value, WireWriter out);
    }
}
