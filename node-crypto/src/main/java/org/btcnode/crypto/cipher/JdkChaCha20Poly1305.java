package org.btcnode.crypto.cipher;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link AeadChaCha20Poly1305} on the JDK's {@code ChaCha20-Poly1305} cipher. One {@link Cipher},
 * initialised per packet with that packet's nonce (re-initialising costs a key copy, not a new
 * cipher). The JDK refuses an init with the same key and nonce as the one before, in either mode (JDK
 * 17's {@code checkKeyAndNonce}). For encryption that refusal stands, as a nonce reused under a key
 * breaks the AEAD; FSChaCha20Poly1305 never does it (its nonce is a packet counter and the key changes
 * before the counter wraps). Decrypting twice under one nonce is harmless, so {@link #decrypt} then
 * passes through a throwaway nonce first.
 */
final class JdkChaCha20Poly1305 implements AeadChaCha20Poly1305 {
    private static final String TRANSFORMATION = "ChaCha20-Poly1305";
    private final Cipher cipher;
    private SecretKeySpec key;

    JdkChaCha20Poly1305(byte[] key) {
        try {
            cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            // every Java 11+ runtime ships SunJCE's ChaCha20-Poly1305
            throw new IllegalStateException("this JVM has no " + TRANSFORMATION + " cipher", e);
        }
        setKey(key);
    }

    @Override
    public void setKey(byte[] key) {
        this.key = new SecretKeySpec(AeadArguments.checkKey(key), "ChaCha20");
    }

    @Override
    public void encrypt(int nonceFirst, long nonceSecond, byte[] aad,
                        byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(AeadArguments.nonce(nonceFirst, nonceSecond)));
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            cipher.doFinal(in, inOffset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            // a 32-byte key, a 12-byte nonce never reused under a key and room for the tag cannot fail
            throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
        }
    }

    @Override
    public boolean decrypt(int nonceFirst, long nonceSecond, byte[] aad,
                           byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < EXPANSION) {
            return false;
        }
        try {
            byte[] nonce = AeadArguments.nonce(nonceFirst, nonceSecond);
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            } catch (InvalidKeyException sameKeyAndNonce) {
                byte[] other = nonce.clone();
                other[0] ^= 1;
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(other));
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
            }
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            cipher.doFinal(in, inOffset, length, out, outOffset);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("plaintext buffer too short for " + (length - EXPANSION) + " bytes", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
        }
    }
}
