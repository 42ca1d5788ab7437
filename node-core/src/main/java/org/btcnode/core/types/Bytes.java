package org.btcnode.core.types;

import java.util.Arrays;
import java.util.HexFormat;

import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * An immutable byte string (scripts, witness stack items): what records hold instead of a
 * {@code byte[]}, so that record {@code equals} compares contents. The array never escapes.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the given bytes. */
    public static Bytes of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes from {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    public static Bytes fromHex(String hex) {
        return wrapOwned(HEX.parseHex(hex));
    }

    /** Takes ownership of a fresh array nobody else holds (no copy). */
    static Bytes wrapOwned(byte[] fresh) {
        return fresh.length == 0 ? EMPTY : new Bytes(fresh);
    }

    /** A CompactSize length (at most {@code max}, checked against what is left) and that many bytes. */
    public static Bytes read(WireReader in, int max) {
        return wrapOwned(in.readVarBytes(max));
    }

    /** Length-prefixed, as {@link #read(WireReader, int)} reads it. */
    public void write(WireWriter out) {
        out.writeCompactSize(bytes.length);
        out.writeBytes(bytes);
    }

    /** The bytes alone, without a length prefix. */
    public void writeRaw(WireWriter out) {
        out.writeBytes(bytes);
    }

    /** Encoded length with its CompactSize prefix. */
    public int serializedSize() {
        return WireWriter.compactSizeLength(bytes.length) + bytes.length;
    }

    public int size() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    public byte get(int i) {
        return bytes[i];
    }

    /** Unsigned byte {@code i}. */
    public int getUnsigned(int i) {
        return bytes[i] & 0xff;
    }

    public boolean startsWith(byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A copy of {@code length} bytes from {@code offset}. */
    public Bytes slice(int offset, int length) {
        return of(bytes, offset, length);
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
