package org.btcnode.crypto.cipher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

/** RFC 8439 vectors (sections 2.3.2, 2.4.2, A.1, A.2) and Core's crypto_tests.cpp ChaCha20 cases. */
class ChaCha20Test {
    private static final String KEY_00_1F = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String SUNSCREEN = "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for"
            + " the future, sunscreen would be it.";

    /** Keystream from (nonce, block) XORed over {@code plainHex} (or raw keystream when it is empty). */
    private static String crypt(String keyHex, int nonceFirst, long nonceSecond, int block, String plainHex, int length) {
        ChaCha20 c = new ChaCha20(hex(keyHex));
        c.seek(nonceFirst, nonceSecond, block);
        byte[] out = new byte[length];
        if (plainHex.isEmpty()) {
            c.keystream(out, 0, length);
        } else {
            c.crypt(hex(plainHex), 0, out, 0, length);
        }
        return hex(out);
    }

    @Test
    void rfc8439Section232BlockFunction() {
        // nonce bytes 00000009 0000004a 00000000, little-endian: first = 0x09000000, second = 0x4a000000
        assertThat(crypt(KEY_00_1F, 0x09000000, 0x4a000000L, 1, "", 64)).isEqualTo(
                "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
    }

    @Test
    void rfc8439Section242Encryption() {
        byte[] plain = SUNSCREEN.getBytes(StandardCharsets.US_ASCII);
        assertThat(crypt(KEY_00_1F, 0, 0x4a000000L, 1, hex(plain), plain.length)).isEqualTo(
                "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b357"
                + "1639d624e65152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d");
    }

    @Test
    void rfc8439AppendixA1AndA4Keystreams() {
        assertThat(crypt("00".repeat(32), 0, 0, 0, "", 64)).isEqualTo(
                "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
        String key01 = "00".repeat(31) + "01";
        assertThat(crypt(key01, 0, 0x200000000000000L, 0, "", 32))
                .isEqualTo("ecfa254f845f647473d3cb140da9e87606cb33066c447b87bc2666dde3fbb739");
        assertThat(crypt("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", 0, 0x200000000000000L, 0, "", 32))
                .isEqualTo("965e3bc6f9ec7ed9560808f4d229f94b137ff275ca9b3fcbdd59deaad23310ae");
    }

    @Test
    void rfc8439AppendixA2TestVector3() {
        String plain = "2754776173206272696c6c69672c20616e642074686520736c6974687920746f"
                + "7665730a446964206779726520616e642067696d626c6520696e207468652077"
                + "6162653a0a416c6c206d696d737920776572652074686520626f726f676f7665"
                + "732c0a416e6420746865206d6f6d65207261746873206f757467726162652e";
        assertThat(crypt("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0", 0, 0x200000000000000L, 42,
                plain, plain.length() / 2)).isEqualTo(
                "62e6347f95ed87a45ffae7426f27a1df5fb69110044c0d73118effa95b01e5cf"
                + "166d3df2d721caf9b21e5fb14c616871fd84c54f9d65b283196c7fe4f60553eb"
                + "f39c6402c42234e32a356b3e764312a61a5532055716ead6962568f87d3f3f77"
                + "04c6a8d1bcd1bf4d50d6154b6da731b187b58dfd728afa36757a797ac188d1");
    }

    @Test
    void coreNonceLayoutVectors() {
        // crypto_tests.cpp, from draft-agl-tls-chacha20poly1305-04 section 7: the 64-bit nonce part
        assertThat(crypt("00".repeat(32), 0, 1, 0, "", 64)).isEqualTo(
                "ef3fdfd6c61578fbf5cf35bd3dd33b8009631634d21e42ac33960bd138e50d32"
                + "111e4caf237ee53ca8ad6426194a88545ddc497a0b466e7d6bbdb0041b2f586b");
        assertThat(crypt("00".repeat(32), 0, 0x0100000000000000L, 0, "", 60)).isEqualTo(
                "de9cba7bf3d69ef5e786dc63973f653a0b49e015adbff7134fcb7df137821031"
                + "e85a050278a7084527214f73efc7fa5b5277062eb7a0433e445f41e3");
    }

    @Test
    void blockCounterOverflowCarriesIntoTheNoncesFirstWord() {
        // crypto_tests.cpp: seek to block 0xffffffff, two blocks cross into word 13
        assertThat(crypt(KEY_00_1F, 0, 0xdeadbeef12345678L, 0xffffffff, "", 128)).isEqualTo(
                "2d292c880513397b91221c3a647cfb0765a4815894715f411e3df5e0dd0ba9df"
                + "fd565dea5addbdb914208fde7950f23e0385f9a727143f6a6ac51d84b1c0fb3e"
                + "2e3b00b63d6841a1cc6d1538b1d3a74bef1eb2f54c7b7281e36e484dba89b351"
                + "c8f572617e61e342879f211b0e4c515df50ea9d0771518fad96cd0baee62deb6");
    }

    @Property(tries = 50)
    void keystreamInPiecesEqualsKeystreamInOneCall(@ForAll @IntRange(min = 0, max = 200) int a,
                                                  @ForAll @IntRange(min = 0, max = 200) int b) {
        // crypto_tests.cpp chacha20_midblock, at every split: the buffer carries keystream across calls
        byte[] key = hex(KEY_00_1F);
        byte[] whole = new byte[a + b + 70];
        new ChaCha20(key).keystream(whole, 0, whole.length);
        ChaCha20 c = new ChaCha20(key);
        byte[] pieces = new byte[whole.length];
        c.keystream(pieces, 0, a);
        c.keystream(pieces, a, b);
        c.keystream(pieces, a + b, 70);
        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void setKeyDropsBufferedKeystreamAndRestartsTheStream() {
        byte[] key = hex(KEY_00_1F);
        ChaCha20 c = new ChaCha20(key);
        byte[] first = new byte[10];
        c.keystream(first, 0, 10);
        c.setKey(key);
        byte[] again = new byte[10];
        c.keystream(again, 0, 10);
        assertThat(again).isEqualTo(first);
        assertThat(Arrays.equals(first, new byte[10])).isFalse();
    }
}
