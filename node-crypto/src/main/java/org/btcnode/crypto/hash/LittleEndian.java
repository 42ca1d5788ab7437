package org.btcnode.crypto.hash;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian 64-bit reads from byte arrays, without allocation (SipHash's block order). */
final class LittleEndian {
    private static final VarHandle LONG_LE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private LittleEndian() {}

    /** The 8 bytes at {@code offset} as a little-endian long. */
    static long getLong(byte[] bytes, int offset) {
        return (long) LONG_LE.get(bytes, offset);
    }

    /** The first {@code length} (0..7) bytes at {@code offset} as the low bytes of a little-endian long. */
    static long getPartialLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xffL);
        }
        return value;
    }
}
