package org.btcnode.crypto.cipher;

import java.util.Arrays;

/**
 * Forward-secure ChaCha20, BIP 324's length cipher (Core's {@code FSChaCha20}): one keystream across
 * chunks, and after every {@code rekeyInterval} chunks the next 32 keystream bytes become the key and
 * the nonce's second part counts the rekeyings. Not thread-safe: one per direction of a connection.
 */
public final class FSChaCha20 {
    private final ChaCha20 chacha;
    private final int rekeyInterval;
    private final byte[] newKey = new byte[ChaCha20.KEY_LENGTH];
    private int chunkCounter;
    private long rekeyCounter;

    /** A cipher keyed with {@code key} (32 bytes) that rekeys every {@code rekeyInterval} chunks. */
    public FSChaCha20(byte[] key, int rekeyInterval) {
        if (rekeyInterval < 1) {
            throw new IllegalArgumentException("rekey interval must be positive, not " + rekeyInterval);
        }
        this.chacha = new ChaCha20(key);
        this.rekeyInterval = rekeyInterval;
    }

    /** XORs one chunk of {@code length} bytes with keystream, from {@code in} to {@code out} (may be the same). */
    public void crypt(byte[] in, int inOffset, byte[] out, int outOffset, int length) {
        chacha.crypt(in, inOffset, out, outOffset, length);
        if (++chunkCounter == rekeyInterval) {
            chacha.keystream(newKey, 0, newKey.length);
            chacha.setKey(newKey);
            Arrays.fill(newKey, (byte) 0);
            chacha.seek(0, ++rekeyCounter, 0);
            chunkCounter = 0;
        }
    }
}
