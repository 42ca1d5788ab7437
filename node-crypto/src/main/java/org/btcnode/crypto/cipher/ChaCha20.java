package org.btcnode.crypto.cipher;

import java.util.Arrays;

/**
 * The ChaCha20 stream cipher (RFC 8439's block function) with Core's 96-bit nonce layout and seek
 * API ({@code ChaCha20} in crypto/chacha20.h): state words 12 (block counter, 32 bits), 13 (nonce's
 * first, 32 bits) and 14..15 (nonce's second, 64 bits, little-endian). With {@code nonceFirst = 0}
 * that is the RFC's layout for a 96-bit nonce whose first four bytes are the counter word. Keystream
 * left over from a block is buffered, so consecutive calls continue the same stream, as Core's.
 *
 * <p>Pure Java, no allocation per call. Not thread-safe: one instance per direction of a connection.
 */
public final class ChaCha20 {
    /** Bytes in a key. */
    public static final int KEY_LENGTH = 32;
    /** Bytes of keystream one block produces. */
    public static final int BLOCK_LENGTH = 64;

    // "expand 32-byte k", RFC 8439 section 2.3
    private static final int C0 = 0x61707865, C1 = 0x3320646e, C2 = 0x79622d32, C3 = 0x6b206574;

    private final int[] state = new int[16];
    private final byte[] buffer = new byte[BLOCK_LENGTH];
    private int bufferLeft;

    /** A cipher keyed with {@code key} (32 bytes), nonce {0, 0} and block counter 0. */
    public ChaCha20(byte[] key) {
        setKey(key);
    }

    /** Replaces the key; the nonce and block counter go back to zero and buffered keystream is dropped. */
    public void setKey(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("ChaCha20 key must be 32 bytes, not " + key.length);
        }
        state[0] = C0;
        state[1] = C1;
        state[2] = C2;
        state[3] = C3;
        for (int i = 0; i < 8; i++) {
            state[4 + i] = LittleEndianInts.get(key, 4 * i);
        }
        seek(0, 0, 0);
    }

    /** Core's {@code Seek(Nonce96{first, second}, blockCounter)}: drops buffered keystream. */
    public void seek(int nonceFirst, long nonceSecond, int blockCounter) {
        state[12] = blockCounter;
        state[13] = nonceFirst;
        state[14] = (int) nonceSecond;
        state[15] = (int) (nonceSecond >>> 32);
        bufferLeft = 0;
    }

    /** Writes the next {@code length} bytes of keystream to {@code out} from {@code offset}. */
    public void keystream(byte[] out, int offset, int length) {
        Arrays.fill(out, offset, offset + length, (byte) 0);
        crypt(out, offset, out, offset, length);
    }

    /**
     * XORs {@code length} bytes of {@code in} with the next keystream bytes into {@code out} (which may
     * be {@code in} at the same offset).
     */
    public void crypt(byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        if (bufferLeft > 0) {
            int n = Math.min(bufferLeft, length);
            int start = BLOCK_LENGTH - bufferLeft;
            for (int i = 0; i < n; i++) {
                out[outOffset + i] = (byte) (in[inOffset + i] ^ buffer[start + i]);
            }
            bufferLeft -= n;
            inOffset += n;
            outOffset += n;
            length -= n;
        }
        int blocks = length / BLOCK_LENGTH;
        if (blocks > 0) {
            xorBlocks(state, in, inOffset, out, outOffset, blocks);
            advance(blocks);
            int done = blocks * BLOCK_LENGTH;
            inOffset += done;
            outOffset += done;
            length -= done;
        }
        if (length > 0) {
            Arrays.fill(buffer, (byte) 0);
            xorBlocks(state, buffer, 0, buffer, 0, 1);
            advance(1);
            for (int i = 0; i < length; i++) {
                out[outOffset + i] = (byte) (in[inOffset + i] ^ buffer[i]);
            }
            bufferLeft = BLOCK_LENGTH - length;
        }
    }

    /**
     * Moves the block counter on; as Core's, a carry out of word 12 goes into word 13 (the nonce's
     * first part), so one nonce gives more than 256 GiB of keystream.
     */
    private void advance(int blocks) {
        long counter = (state[12] & 0xffffffffL) + blocks;
        state[12] = (int) counter;
        state[13] += (int) (counter >>> 32);
    }

    /**
     * XORs {@code blocks} whole blocks of keystream, starting at the block counter in {@code s[12]},
     * into {@code out}; does not advance {@code s}. The 20 rounds run on locals (RFC 8439 section 2.3).
     */
    static void xorBlocks(int[] s, byte[] in, int inOffset, byte[] out, int outOffset, int blocks) {
        final int j0 = s[0], j1 = s[1], j2 = s[2], j3 = s[3], j4 = s[4], j5 = s[5], j6 = s[6], j7 = s[7];
        final int j8 = s[8], j9 = s[9], j10 = s[10], j11 = s[11], j14 = s[14], j15 = s[15];
        int j12 = s[12], j13 = s[13];
        for (int b = 0; b < blocks; b++, inOffset += BLOCK_LENGTH, outOffset += BLOCK_LENGTH) {
            int x0 = j0, x1 = j1, x2 = j2, x3 = j3, x4 = j4, x5 = j5, x6 = j6, x7 = j7;
            int x8 = j8, x9 = j9, x10 = j10, x11 = j11, x12 = j12, x13 = j13, x14 = j14, x15 = j15;
            for (int round = 0; round < 10; round++) {
                // column rounds
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
                // diagonal rounds
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
            }
            xorWord(in, inOffset, out, outOffset, 0, x0 + j0);
            xorWord(in, inOffset, out, outOffset, 1, x1 + j1);
            xorWord(in, inOffset, out, outOffset, 2, x2 + j2);
            xorWord(in, inOffset, out, outOffset, 3, x3 + j3);
            xorWord(in, inOffset, out, outOffset, 4, x4 + j4);
            xorWord(in, inOffset, out, outOffset, 5, x5 + j5);
            xorWord(in, inOffset, out, outOffset, 6, x6 + j6);
            xorWord(in, inOffset, out, outOffset, 7, x7 + j7);
            xorWord(in, inOffset, out, outOffset, 8, x8 + j8);
            xorWord(in, inOffset, out, outOffset, 9, x9 + j9);
            xorWord(in, inOffset, out, outOffset, 10, x10 + j10);
            xorWord(in, inOffset, out, outOffset, 11, x11 + j11);
            xorWord(in, inOffset, out, outOffset, 12, x12 + j12);
            xorWord(in, inOffset, out, outOffset, 13, x13 + j13);
            xorWord(in, inOffset, out, outOffset, 14, x14 + j14);
            xorWord(in, inOffset, out, outOffset, 15, x15 + j15);
            if (++j12 == 0) {
                j13++;
            }
        }
    }

    /**
     * Byte by byte on purpose, like {@link LittleEndianInts}: int {@code VarHandle} views mixed
     * with byte accesses to the same array (here in place, in == out) misbehaved under the JIT on
     * JDK 17.0.15.
     */
    private static void xorWord(byte[] in, int inOffset, byte[] out, int outOffset, int word, int keystream) {
        int i = inOffset + 4 * word;
        int o = outOffset + 4 * word;
        out[o] = (byte) (in[i] ^ keystream);
        out[o + 1] = (byte) (in[i + 1] ^ (keystream >>> 8));
        out[o + 2] = (byte) (in[i + 2] ^ (keystream >>> 16));
        out[o + 3] = (byte) (in[i + 3] ^ (keystream >>> 24));
    }
}
