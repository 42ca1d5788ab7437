package org.btcnode.core.params;

import java.util.HexFormat;

import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * The 4-byte message start ({@code pchMessageStart}) that begins every v1 P2P message and names
 * the chain. Held as an int whose big-endian bytes are the wire bytes in order, so
 * {@code 0xf9beb4d9} is mainnet's {@code f9 be b4 d9}. Immutable.
 */
public record Magic(int value) {
    public static final int SIZE = 4;

    public static Magic of(byte b0, byte b1, byte b2, byte b3) {
        return new Magic((b0 & 0xff) << 24 | (b1 & 0xff) << 16 | (b2 & 0xff) << 8 | (b3 & 0xff));
    }

    /** Eight hex digits in wire order, e.g. {@code "f9beb4d9"}. */
    public static Magic fromHex(String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        if (b.length != SIZE) {
            throw new IllegalArgumentException("a magic has 4 bytes: " + hex);
        }
        return of(b[0], b[1], b[2], b[3]);
    }

    /** The first four bytes of {@code bytes} from {@code offset}. */
    public static Magic of(byte[] bytes, int offset) {
        return of(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
    }

    public static Magic read(WireReader in) {
        byte[] b = in.readBytes(SIZE);
        return of(b, 0);
    }

    public void write(WireWriter out) {
        out.writeBytes(toByteArray());
    }

    /** The bytes in wire order. */
    public byte[] toByteArray() {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Wire-order hex, as Core's {@code HexStr(MessageStart())}. */
    @Override
    public String toString() {
        return HexFormat.of().formatHex(toByteArray());
    }
}
