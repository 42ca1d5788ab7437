package org.btcnode.crypto.cipher;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

/** RFC 8439 section 2.5.2 and appendix A.3 Poly1305 vectors, including the reduction edge cases. */
class Poly1305Test {
    private static String mac(String keyHex, String messageHex) {
        return hex(Poly1305.mac(hex(keyHex), hex(messageHex)));
    }

    @Test
    void rfc8439Section252() {
        assertThat(mac("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b",
                "43727970746f6772617068696320466f72756d2052657365617263682047726f7570"))
                .isEqualTo("a8061dc1305136c6c22b8baf0c0127a9");
    }

    @Test
    void rfc8439AppendixA3() {
        assertThat(mac("00".repeat(32), "00".repeat(64))).isEqualTo("00".repeat(16));
        assertThat(mac("1c9240a5eb55d38af333888604f6b5f0473917c1402b80099dca5cbc207075c0",
                "2754776173206272696c6c69672c20616e642074686520736c6974687920746f7665730a446964206779726520616e6420676"
                + "96d626c6520696e2074686520776162653a0a416c6c206d696d737920776572652074686520626f726f676f7665732c0a416e"
                + "6420746865206d6f6d65207261746873206f757467726162652e"))
                .isEqualTo("4541669a7eaaee61e708dc7cbcc5eb62");
        // vectors 5..11: h reaches p, wraps past 2^130, and the final reduction must pick h - p
        assertThat(mac("02" + "00".repeat(31), "ff".repeat(16))).isEqualTo("03" + "00".repeat(15));
        assertThat(mac("02" + "00".repeat(15) + "ff".repeat(16), "02" + "00".repeat(15)))
                .isEqualTo("03" + "00".repeat(15));
        assertThat(mac("01" + "00".repeat(31), "ff".repeat(16) + "f0" + "ff".repeat(15) + "11" + "00".repeat(15)))
                .isEqualTo("05" + "00".repeat(15));
        assertThat(mac("01" + "00".repeat(31), "ff".repeat(16) + "fb" + "fe".repeat(15) + "01".repeat(16)))
                .isEqualTo("00".repeat(16));
        assertThat(mac("02" + "00".repeat(31), "fd" + "ff".repeat(15))).isEqualTo("fa" + "ff".repeat(15));
        assertThat(mac("0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b900000000000000003394d7505e4379cd0100000000000000"
                + "0000000000000000000000000000000001000000000000000000000000000000"))
                .isEqualTo("14000000000000005500000000000000");
        assertThat(mac("0100000000000000040000000000000000000000000000000000000000000000",
                "e33594d7505e43b900000000000000003394d7505e4379cd010000000000000000000000000000000000000000000000"))
                .isEqualTo("13000000000000000000000000000000");
    }
}
