package org.btcnode.crypto.cipher;

/** Argument checks and the nonce layout shared by the {@link AeadChaCha20Poly1305} backends. */
final class AeadArguments {
    private AeadArguments() {}

    /** The 12-byte nonce: {@code first} then {@code second}, little-endian (Core's Nonce96). */
    static byte[] nonce(int first, long second) {
        byte[] nonce = new byte[12];
        for (int i = 0; i < 4; i++) {
            nonce[i] = (byte) (first >>> (8 * i));
        }
        for (int i = 0; i < 8; i++) {
            nonce[4 + i] = (byte) (second >>> (8 * i));
        }
        return nonce;
    }

    /** {@code key}, if it has the 32 bytes every backend needs. */
    static byte[] checkKey(byte[] key) {
        if (key.length != AeadChaCha20Poly1305.KEY_LENGTH) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 key must be 32 bytes, not " + key.length);
        }
        return key;
    }
}
