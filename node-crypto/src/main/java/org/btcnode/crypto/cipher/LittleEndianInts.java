package org.btcnode.crypto.cipher;

/**
 * 32-bit little-endian reads and writes on byte arrays, with shifts and single-byte accesses.
 * Deliberately not a {@code MethodHandles.byteArrayViewVarHandle}: on JDK 17.0.15 int-view
 * accesses mixed with byte accesses to the same array ({@code Arrays.fill} of a key right after
 * reading it, in-place keystream) now and then came out wrong once the JIT had compiled them, so
 * that FSChaCha20Poly1305 rekeyed to a wrong key about once in 10^5 rekeys (found by
 * Bip324CipherTest failing intermittently after FSChaCha20Poly1305Test warmed the JIT up;
 * FSChaCha20Poly1305Test#identicalInstancesStayIdenticalUnderTheJit keeps it found). Stateless.
 */
final class LittleEndianInts {
    private LittleEndianInts() {}

    static int get(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8 | (b[offset + 2] & 0xff) << 16
                | (b[offset + 3] & 0xff) << 24;
    }

    static void set(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
        b[offset + 2] = (byte) (value >>> 16);
        b[offset + 3] = (byte) (value >>> 24);
    }
}
