package org.btcnode.core.message;

import java.util.Arrays;
import java.util.HexFormat;

import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * An immutable byte string, so that records can hold bytes and still compare by value (a record
 * holding a {@code byte[]} compares it by reference). The array never escapes. Thread-safe.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();
    /** Hex digits shown by {@link #toString()} before it abbreviates. */
    private static final int TO_STRING_MAX_BYTES = 64;

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of the given bytes. */
    public static Bytes of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Bytes(bytes.clone());
    }

    /** A copy of {@code length} bytes from {@code offset}. */
    public static Bytes of(byte[] bytes, int offset, int length) {
        return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    public static Bytes fromHex(String hex) {
        return new Bytes(HEX.parseHex(hex));
    }

    /** Reads exactly {@code n} bytes (checked against what is left first). */
    static Bytes read(WireReader in, int n) {
        return new Bytes(in.readBytes(n));
    }

    /** Reads a CompactSize length (at most {@code max}) and that many bytes. */
    static Bytes readVar(WireReader in, int max) {
        return new Bytes(in.readVarBytes(max));
    }

    void write(WireWriter out) {
        out.writeBytes(bytes);
    }

    void writeVar(WireWriter out) {
        out.writeVarBytes(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte get(int index) {
        return bytes[index];
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** Whether the bytes begin with {@code prefix}. */
    public boolean startsWith(byte[] prefix) {
        return prefix.length <= bytes.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** A copy of the bytes. */
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

    /** Hex, abbreviated after 64 bytes so that a 4 MB payload does not flood a log line. */
    @Override
    public String toString() {
        if (bytes.length <= TO_STRING_MAX_BYTES) {
            return toHex();
        }
        return HEX.formatHex(bytes, 0, TO_STRING_MAX_BYTES) + "…(" + bytes.length + " bytes)";
    }
}
