package org.btcnode.crypto.cipher;

import org.btcnode.crypto.cipher.AeadChaCha20Poly1305.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

/** Core's crypto_tests.cpp FSChaCha20Poly1305 vectors (packets 500 and 60000), on every backend. */
class FSChaCha20Poly1305Test {
    private static void check(Backend backend, String plainHex, String aadHex, String keyHex, int index, String expectedHex) {
        byte[] plain = hex(plainHex);
        byte[] aad = hex(aadHex);
        byte[] empty = new byte[0];
        byte[] tag = new byte[FSChaCha20Poly1305.EXPANSION];
        FSChaCha20Poly1305 encrypter = new FSChaCha20Poly1305(hex(keyHex), 224, backend);
        FSChaCha20Poly1305 decrypter = new FSChaCha20Poly1305(hex(keyHex), 224, backend);
        for (int i = 0; i < index; i++) {
            encrypter.encrypt(empty, empty, 0, 0, tag, 0);
            assertThat(decrypter.decrypt(empty, tag, 0, tag.length, empty, 0)).isTrue();
        }
        byte[] cipher = new byte[plain.length + FSChaCha20Poly1305.EXPANSION];
        encrypter.encrypt(aad, plain, 0, plain.length, cipher, 0);
        assertThat(hex(cipher)).isEqualTo(expectedHex);
        byte[] decrypted = new byte[plain.length];
        assertThat(decrypter.decrypt(aad, cipher, 0, cipher.length, decrypted, 0)).isTrue();
        assertThat(decrypted).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void coreVectors(Backend backend) {
        check(backend, "d6a4cb04ef0f7c09c1866ed29dc24d820e75b0491032a51b4c3366f9ca35c19e"
                + "a3047ec6be9d45f9637b63e1cf9eb4c2523a5aab7b851ebeba87199db0e839cf"
                + "0d5c25e50168306377aedbe9089fd2463ded88b83211cf51b73b150608cc7a60"
                + "0d0f11b9a742948482e1b109d8faf15b450aa7322e892fa2208c6691e3fecf4c"
                + "711191b14d75a72147", "786cb9b6ebf44288974cf0",
                "5c9e1c3951a74fba66708bf9d2c217571684556b6a6a3573bff2847d38612654", 500,
                "9dcebbd3281ea3dd8e9a1ef7d55a97abd6743e56ebc0c190cb2c4e14160b385e"
                + "0bf508dddf754bd02c7c208447c131ce23e47a4a14dfaf5dd8bc601323950f75"
                + "4e05d46e9232f83fc5120fbbef6f5347a826ec79a93820718d4ec7a2b7cfaaa4"
                + "4b21e16d726448b62f803811aff4f6d827ed78e738ce8a507b81a8ae13131192"
                + "8039213de18a5120dc9b7370baca878f50ff254418de3da50c");
        check(backend, "8349b7a2690b63d01204800c288ff1138a1d473c832c90ea8b3fc102d0bb3adc"
                + "44261b247c7c3d6760bfbe979d061c305f46d94c0582ac3099f0bf249f8cb234", "",
                "3bd2093fcbcb0d034d8c569583c5425c1a53171ea299f8cc3bbf9ae3530adfce", 60000,
                "30a6757ff8439b975363f166a0fa0e36722ab35936abd704297948f45083f4d4"
                + "99433137ce931f7fca28a0acd3bc30f57b550acbc21cbd45bbef0739d9caf30c"
                + "14b94829deb27f0b1923a2af704ae5d6");
    }

    /**
     * Two instances with the same key fed the same packets must stay byte-identical across
     * hundreds of rekeys, also once the JIT has compiled the rekey path. With int VarHandle views
     * in ChaCha20/Poly1305 they drifted apart about once in 10^5 rekeys on JDK 17.0.15
     * (LittleEndianInts says why); this is the test that caught it, sized to run in seconds.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void identicalInstancesStayIdenticalUnderTheJit(Backend backend) {
        java.util.Random random = new java.util.Random(42);
        for (int session = 0; session < 300; session++) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            FSChaCha20Poly1305 a = new FSChaCha20Poly1305(key.clone(), 224, backend);
            FSChaCha20Poly1305 b = new FSChaCha20Poly1305(key.clone(), 224, backend);
            for (int i = 0; i < 460; i++) {                       // two rekeys per session
                byte[] plain = new byte[random.nextInt(100)];
                random.nextBytes(plain);
                byte[] outA = new byte[plain.length + FSChaCha20Poly1305.EXPANSION];
                byte[] outB = new byte[outA.length];
                a.encrypt(new byte[0], plain, 0, plain.length, outA, 0);
                b.encrypt(new byte[0], plain, 0, plain.length, outB, 0);
                if (!java.util.Arrays.equals(outA, outB)) {
                    throw new AssertionError("session " + session + ", packet " + i + " differs on " + backend);
                }
            }
        }
    }
}
