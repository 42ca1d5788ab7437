package org.btcnode.crypto.cipher;

/**
 * The ChaCha20-Poly1305 AEAD of RFC 8439 with Core's 96-bit nonce ({@code AEADChaCha20Poly1305} in
 * crypto/chacha20poly1305.h): {@code nonceFirst} is the nonce's first four bytes and {@code
 * nonceSecond} its last eight, both little-endian. Three interchangeable backends that agree on every
 * vector; {@link Backend#fastest()} names the one to use on this JVM. Not thread-safe: one instance
 * per direction of a connection.
 */
public sealed interface AeadChaCha20Poly1305
        permits JdkChaCha20Poly1305, BouncyCastleChaCha20Poly1305, PureChaCha20Poly1305 {
    /** Bytes in a key. */
    int KEY_LENGTH = 32;
    /** Bytes the AEAD adds to a plaintext: the Poly1305 tag. */
    int EXPANSION = 16;

    /** Which implementation of the AEAD to run. */
    enum Backend {
        /** {@code javax.crypto.Cipher} "ChaCha20-Poly1305" of the JDK (SunJCE; intrinsics on JDK 21+). */
        JDK,
        /** Bouncy Castle's lightweight {@code org.bouncycastle.crypto.modes.ChaCha20Poly1305}. */
        BOUNCY_CASTLE,
        /** {@link ChaCha20} and a 26-bit-limb Poly1305 in plain Java. */
        PURE_JAVA;

        /**
         * The fastest backend on this JVM, as measured by {@code AeadBenchmark} (docs/benchmarks.md):
         * the JDK's cipher from JDK 21, whose ChaCha20 and Poly1305 are intrinsics; plain Java before.
         */
        public static Backend fastest() {
            return Runtime.version().feature() >= 21 ? JDK : PURE_JAVA;
        }
    }

    /** A new AEAD of {@code backend} keyed with {@code key} (32 bytes). */
    static AeadChaCha20Poly1305 create(Backend backend, byte[] key) {
        return switch (backend) {
            case JDK -> new JdkChaCha20Poly1305(key);
            case BOUNCY_CASTLE -> new BouncyCastleChaCha20Poly1305(key);
            case PURE_JAVA -> new PureChaCha20Poly1305(key);
        };
    }

    /** Replaces the key (32 bytes). */
    void setKey(byte[] key);

    /**
     * Encrypts {@code length} bytes of {@code in} and writes ciphertext and tag ({@code length + 16}
     * bytes) to {@code out}, which may be {@code in} at the same offset.
     */
    void encrypt(int nonceFirst, long nonceSecond, byte[] aad,
                 byte[] in, int inOffset, int length, byte[] out, int outOffset);

    /**
     * Checks the tag of {@code length} bytes of ciphertext-and-tag in {@code in} and, if it matches,
     * writes the {@code length - 16} plaintext bytes to {@code out} (which may be {@code in} at the same
     * offset). Returns false, and leaves the contents of {@code out} unspecified, on a wrong tag or a
     * {@code length} under 16.
     */
    boolean decrypt(int nonceFirst, long nonceSecond, byte[] aad,
                    byte[] in, int inOffset, int length, byte[] out, int outOffset);
}
