package org.btcnode.crypto.cipher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

/** Core's crypto_tests.cpp FSChaCha20 vectors: the chunk after the first rekeying. */
class FSChaCha20Test {
    /** Crypts {@code interval} chunks, checking each against plain ChaCha20, then returns the next one. */
    private static String afterRotation(String plainHex, String keyHex, int interval) {
        byte[] plain = hex(plainHex);
        FSChaCha20 fs = new FSChaCha20(hex(keyHex), interval);
        ChaCha20 reference = new ChaCha20(hex(keyHex));
        byte[] fsOut = new byte[plain.length];
        byte[] referenceOut = new byte[plain.length];
        for (int i = 0; i < interval; i++) {
            fs.crypt(plain, 0, fsOut, 0, plain.length);
            reference.crypt(plain, 0, referenceOut, 0, plain.length);
            assertThat(fsOut).isEqualTo(referenceOut);
        }
        fs.crypt(plain, 0, fsOut, 0, plain.length);
        return hex(fsOut);
    }

    @Test
    void coreVectors() {
        assertThat(afterRotation("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                "00".repeat(32), 256)).isEqualTo("a93df4ef03011f3db95f60d996e1785df5de38fc39bfcb663a47bb5561928349");
        assertThat(afterRotation("01", "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 5))
                .isEqualTo("ea");
        assertThat(afterRotation("e93fdb5c762804b9a706816aca31e35b11d2aa3080108ef46a5b1f1508819c0a",
                "8ec4c3ccdaea336bdeb245636970be01266509b33f3d2642504eaf412206207a", 4096))
                .isEqualTo("8bfaa4eacff308fdb4a94a5ff25bd9d0c1f84b77f81239f67ff39d6e1ac280c9");
    }
}
