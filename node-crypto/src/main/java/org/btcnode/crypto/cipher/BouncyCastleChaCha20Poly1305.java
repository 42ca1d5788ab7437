package org.btcnode.crypto.cipher;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** {@link AeadChaCha20Poly1305} on Bouncy Castle's lightweight {@code ChaCha20Poly1305}. */
final class BouncyCastleChaCha20Poly1305 implements AeadChaCha20Poly1305 {
    private static final int MAC_BITS = 128;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private KeyParameter key;

    BouncyCastleChaCha20Poly1305(byte[] key) {
        setKey(key);
    }

    @Override
    public void setKey(byte[] key) {
        this.key = new KeyParameter(AeadArguments.checkKey(key));
    }

    @Override
    public void encrypt(int nonceFirst, long nonceSecond, byte[] aad,
                        byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        aead.init(true, new AEADParameters(key, MAC_BITS, AeadArguments.nonce(nonceFirst, nonceSecond), aad));
        int n = aead.processBytes(in, inOffset, length, out, outOffset);
        try {
            aead.doFinal(out, outOffset + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 encryption cannot fail on a tag", e);
        }
    }

    @Override
    public boolean decrypt(int nonceFirst, long nonceSecond, byte[] aad,
                           byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < EXPANSION) {
            return false;
        }
        aead.init(false, new AEADParameters(key, MAC_BITS, AeadArguments.nonce(nonceFirst, nonceSecond), aad));
        int n = aead.processBytes(in, inOffset, length, out, outOffset);
        try {
            aead.doFinal(out, outOffset + n);
            return true;
        } catch (InvalidCipherTextException e) {
            return false;
        }
    }
}
