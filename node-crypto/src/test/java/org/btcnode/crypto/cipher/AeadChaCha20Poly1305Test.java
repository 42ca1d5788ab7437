package org.btcnode.crypto.cipher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.btcnode.crypto.cipher.AeadChaCha20Poly1305.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

/** RFC 8439 section 2.8.2 and A.5 and Core's crypto_tests.cpp AEAD vectors, on every backend. */
class AeadChaCha20Poly1305Test {
    private static final String RFC_2_8_2_CIPHERTEXT_AND_TAG =
            "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
            + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
            + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
            + "3ff4def08e4b7a9de576d26586cec64b61161ae10b594f09e26a7e902ecbd060"
            + "0691";

    /** Encrypts, compares, decrypts (also in place) and checks that a flipped bit fails. */
    private static void check(Backend backend, String plainHex, String aadHex, String keyHex,
                              int nonceFirst, long nonceSecond, String expectedHex) {
        byte[] plain = hex(plainHex);
        byte[] aad = hex(aadHex);
        AeadChaCha20Poly1305 aead = AeadChaCha20Poly1305.create(backend, hex(keyHex));
        byte[] cipher = new byte[plain.length + AeadChaCha20Poly1305.EXPANSION];
        aead.encrypt(nonceFirst, nonceSecond, aad, plain, 0, plain.length, cipher, 0);
        assertThat(hex(cipher)).isEqualTo(expectedHex);

        byte[] decrypted = new byte[plain.length];
        assertThat(aead.decrypt(nonceFirst, nonceSecond, aad, cipher, 0, cipher.length, decrypted, 0)).isTrue();
        assertThat(decrypted).isEqualTo(plain);

        byte[] inPlace = Arrays.copyOf(plain, cipher.length);
        aead.encrypt(nonceFirst + 1, nonceSecond, aad, inPlace, 0, plain.length, inPlace, 0);
        assertThat(aead.decrypt(nonceFirst + 1, nonceSecond, aad, inPlace, 0, inPlace.length, inPlace, 0)).isTrue();
        assertThat(Arrays.copyOf(inPlace, plain.length)).isEqualTo(plain);

        for (int bit : new int[] {0, 8 * cipher.length - 1}) {
            byte[] flipped = cipher.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(aead.decrypt(nonceFirst, nonceSecond, aad, flipped, 0, flipped.length, decrypted, 0))
                    .as("bit %d flipped", bit).isFalse();
        }
        assertThat(aead.decrypt(nonceFirst, nonceSecond + 1, aad, cipher, 0, cipher.length, decrypted, 0))
                .as("wrong nonce").isFalse();
        assertThat(aead.decrypt(nonceFirst, nonceSecond, aad, cipher, 0, 15, decrypted, 0)).as("no room for a tag").isFalse();
        // decrypting the same packet twice in a row works on every backend (the JDK needs a detour)
        assertThat(aead.decrypt(nonceFirst, nonceSecond, aad, cipher, 0, cipher.length, decrypted, 0)).isTrue();
        assertThat(aead.decrypt(nonceFirst, nonceSecond, aad, cipher, 0, cipher.length, decrypted, 0)).isTrue();
        assertThat(decrypted).isEqualTo(plain);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rfc8439Section282(Backend backend) {
        // nonce 07000000 4041424344454647
        check(backend, hex(ChaCha20Test.SUNSCREEN.getBytes(StandardCharsets.US_ASCII)), "50515253c0c1c2c3c4c5c6c7",
                "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", 7, 0x4746454443424140L,
                RFC_2_8_2_CIPHERTEXT_AND_TAG);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void rfc8439AppendixA5(Backend backend) {
        check(backend, "496e7465726e65742d4472616674732061726520647261667420646f63756d65"
                + "6e74732076616c696420666f722061206d6178696d756d206f6620736978206d"
                + "6f6e74687320616e64206d617920626520757064617465642c207265706c6163"
                + "65642c206f72206f62736f6c65746564206279206f7468657220646f63756d65"
                + "6e747320617420616e792074696d652e20497420697320696e617070726f7072"
                + "6961746520746f2075736520496e7465726e65742d4472616674732061732072"
                + "65666572656e6365206d6174657269616c206f7220746f206369746520746865"
                + "6d206f74686572207468616e206173202fe2809c776f726b20696e2070726f67"
                + "726573732e2fe2809d",
                "f33388860000000000004e91", "1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                0, 0x0807060504030201L,
                "64a0861575861af460f062c79be643bd5e805cfd345cf389f108670ac76c8cb2"
                + "4c6cfc18755d43eea09ee94e382d26b0bdb7b73c321b0100d4f03b7f355894cf"
                + "332f830e710b97ce98c8a84abd0b948114ad176e008d33bd60f982b1ff37c855"
                + "9797a06ef4f0ef61c186324e2b3506383606907b6a7c02b0f9f6157b53c867e4"
                + "b9166c767b804d46a59b5216cde7a4e99040c5a40433225ee282a1b0a06c523e"
                + "af4534d7f83fa1155b0047718cbc546a0d072b04b3564eea1b422273f548271a"
                + "0bb2316053fa76991955ebd63159434ecebb4e466dae5a1073a6727627097a10"
                + "49e617d91d361094fa68f0ff77987130305beaba2eda04df997b714d6c6f2c29"
                + "a6ad5cb4022b02709beead9d67890cbb22392336fea1851f38");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void coreVectorsWithSixteenByteMultiplesAndEmptyPlaintext(Backend backend) {
        check(backend, "8d2d6a8befd9716fab35819eaac83b33269afb9f1a00fddf66095a6c0cd91951"
                + "a6b7ad3db580be0674c3f0b55f618e34", "",
                "72ddc73f07101282bbbcf853b9012a9f9695fc5d36b303a97fd0845d0314e0c3", 0x3432b75f, 0xb3585537eb7f4024L,
                "f760b8224fb2a317b1b07875092606131232a5b86ae142df5df1c846a7f6341a"
                + "f2564483dd77f836be45e6230808ffe402a6f0a3e8be074b3d1f4ea8a7b09451");
        check(backend, "", "36970d8a704c065de16250c18033de5a400520ac1b5842b24551e5823a3314f3"
                + "946285171e04a81ebfbe3566e312e74ab80e94c7dd2ff4e10de0098a58d0f503",
                "77adda51d6730b9ad6c995658cbd49f581b2547e7c0c08fcc24ceec797461021", 0x1f90da88, 0x75dafa3ef84471a4L,
                "aaae5bb81e8407c94b2ae86ae0c7efbe");
    }
}
