package org.btcnode.crypto.cipher;

/** {@link AeadChaCha20Poly1305} on {@link ChaCha20} and {@link Poly1305}: no provider, no allocation. */
final class PureChaCha20Poly1305 implements AeadChaCha20Poly1305 {
    private final ChaCha20 chacha;
    private final Poly1305 poly = new Poly1305();
    private final byte[] block = new byte[ChaCha20.BLOCK_LENGTH];
    private final byte[] tag = new byte[EXPANSION];

    PureChaCha20Poly1305(byte[] key) {
        chacha = new ChaCha20(AeadArguments.checkKey(key));
    }

    @Override
    public void setKey(byte[] key) {
        chacha.setKey(AeadArguments.checkKey(key));
    }

    @Override
    public void encrypt(int nonceFirst, long nonceSecond, byte[] aad,
                        byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        startMac(nonceFirst, nonceSecond, aad);
        chacha.crypt(in, inOffset, out, outOffset, length);
        poly.updatePadded(out, outOffset, length);
        poly.updateLengths(aad.length, length);
        poly.tag(out, outOffset + length);
    }

    @Override
    public boolean decrypt(int nonceFirst, long nonceSecond, byte[] aad,
                           byte[] in, int inOffset, int length, byte[] out, int outOffset) {
        if (length < EXPANSION) {
            return false;
        }
        int textLength = length - EXPANSION;
        startMac(nonceFirst, nonceSecond, aad);
        poly.updatePadded(in, inOffset, textLength);
        poly.updateLengths(aad.length, textLength);
        poly.tag(tag, 0);
        // compare every byte whatever the first difference (no timing signal); decrypt only on a match
        int difference = 0;
        for (int i = 0; i < EXPANSION; i++) {
            difference |= tag[i] ^ in[inOffset + textLength + i];
        }
        if (difference != 0) {
            return false;
        }
        chacha.crypt(in, inOffset, out, outOffset, textLength);
        return true;
    }

    /** RFC 8439 section 2.6: the Poly1305 key is block 0's first 32 bytes; the text starts at block 1. */
    private void startMac(int nonceFirst, long nonceSecond, byte[] aad) {
        chacha.seek(nonceFirst, nonceSecond, 0);
        chacha.keystream(block, 0, ChaCha20.BLOCK_LENGTH);
        poly.init(block, 0);
        poly.updatePadded(aad, 0, aad.length);
    }
}
