package org.btcnode.crypto.cipher;

import java.util.Arrays;

/**
 * Forward-secure ChaCha20-Poly1305, BIP 324's packet AEAD (Core's {@code FSChaCha20Poly1305}): packet
 * i of a key uses nonce {i mod interval, rekeyings}; after every {@code rekeyInterval} packets the
 * key becomes the first 32 bytes of keystream block 1 under nonce {0xffffffff, rekeyings}. A failed
 * decryption still advances the packet counter, as Core's does. Not thread-safe: one per direction.
 */
public final class FSChaCha20Poly1305 {
    /** Bytes the AEAD adds: the tag. */
    public static final int EXPANSION = AeadChaCha20Poly1305.EXPANSION;

    private final AeadChaCha20Poly1305 aead;
    private final ChaCha20 rekeyStream;
    private final int rekeyInterval;
    private final byte[] block = new byte[ChaCha20.BLOCK_LENGTH];
    private int packetCounter;
    private long rekeyCounter;

    /** An AEAD of the fastest backend on this JVM, keyed with {@code key}, rekeying every {@code rekeyInterval}. */
    public FSChaCha20Poly1305(byte[] key, int rekeyInterval) {
        this(key, rekeyInterval, AeadChaCha20Poly1305.Backend.fastest());
    }

    /** As {@link #FSChaCha20Poly1305(byte[], int)}, on the given backend. */
    public FSChaCha20Poly1305(byte[] key, int rekeyInterval, AeadChaCha20Poly1305.Backend backend) {
        if (rekeyInterval < 1) {
            throw new IllegalArgumentException("rekey interval must be positive, not " + rekeyInterval);
        }
        this.aead = AeadChaCha20Poly1305.create(backend, key);
        this.rekeyStream = new ChaCha20(key);
        this.rekeyInterval = rekeyInterval;
    }

    /** Encrypts {@code length} bytes into {@code length + 16} bytes of {@code out} (which may be {@code in}). */
    public void encrypt(byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        aead.encrypt(packetCounter, rekeyCounter, aad, in, inOffset, length, out, outOffset);
        nextPacket();
    }

    /**
     * Decrypts {@code length} bytes (ciphertext and tag) into {@code length - 16} bytes of {@code out};
     * false if the tag is wrong.
     */
    public boolean decrypt(byte[] aad, byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        boolean ok = aead.decrypt(packetCounter, rekeyCounter, aad, in, inOffset, length, out, outOffset);
        nextPacket();
        return ok;
    }

    private void nextPacket() {
        if (++packetCounter == rekeyInterval) {
            // chacha20poly1305.cpp: a whole block of keystream at block counter 1, of which the key is 32 bytes
            rekeyStream.seek(0xffffffff, rekeyCounter, 1);
            rekeyStream.keystream(block, 0, block.length);
            byte[] key = Arrays.copyOf(block, AeadChaCha20Poly1305.KEY_LENGTH);
            aead.setKey(key);
            rekeyStream.setKey(key);
            Arrays.fill(block, (byte) 0);
            Arrays.fill(key, (byte) 0);
            packetCounter = 0;
            rekeyCounter++;
        }
    }
}
