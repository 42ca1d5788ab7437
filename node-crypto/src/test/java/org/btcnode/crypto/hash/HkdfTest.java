package org.btcnode.crypto.hash;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.crypto.hash.Vectors.hex;

class HkdfTest {
    private static byte[] range(int from, int toExclusive) {
        byte[] b = new byte[toExclusive - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] mac(byte[] key, byte[] data) {
        return new HmacSha256(key).mac(data);
    }

    private static byte[] repeat(int b, int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    @Test
    void rfc5869TestCase1BasicSha256() {
        Hkdf hkdf = Hkdf.extract(range(0x00, 0x0d), repeat(0x0b, 22));
        assertThat(hex(hkdf.prk())).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(hex(hkdf.expand(range(0xf0, 0xfa), 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void rfc5869TestCase2LongerInputsAndOutputs() {
        Hkdf hkdf = Hkdf.extract(range(0x60, 0xb0), range(0x00, 0x50));
        assertThat(hex(hkdf.prk())).isEqualTo("06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244");
        assertThat(hex(hkdf.expand(range(0xb0, 0x100), 82))).isEqualTo(
                "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87");
    }

    @Test
    void rfc5869TestCase3EmptySaltAndInfo() {
        String prk = "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04";
        String okm = "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8";
        assertThat(hex(Hkdf.extract(new byte[0], repeat(0x0b, 22)).prk())).isEqualTo(prk);
        // "not provided" is HashLen zeros (RFC 5869 section 2.2); null means not provided
        assertThat(hex(Hkdf.extract(new byte[32], repeat(0x0b, 22)).prk())).isEqualTo(prk);
        assertThat(hex(Hkdf.extract((byte[]) null, repeat(0x0b, 22)).prk())).isEqualTo(prk);
        assertThat(hex(Hkdf.derive(new byte[0], repeat(0x0b, 22), new byte[0], 42))).isEqualTo(okm);
        assertThat(hex(Hkdf.fromPrk(hex(prk)).expand(new byte[0], 42))).isEqualTo(okm);
    }

    @Test
    void derivesBip324SessionKeys() {
        // BIP 324: salt "bitcoin_v2_shared_secret" + network magic (the vectors use mainnet's), L = 32
        byte[] mainnetMagic = hex("f9beb4d9");
        List<Map<String, String>> rows = Vectors.csv("bip324/packet_encoding_test_vectors.csv");
        assertThat(rows).isNotEmpty();
        for (Map<String, String> row : rows) {
            byte[] salt = new byte[24 + 4];
            System.arraycopy("bitcoin_v2_shared_secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0,
                    salt, 0, 24);
            System.arraycopy(mainnetMagic, 0, salt, 24, 4);
            Hkdf hkdf = Hkdf.extract(salt, hex(row.get("mid_shared_secret")));
            assertThat(hex(hkdf.expand32("initiator_L"))).isEqualTo(row.get("mid_initiator_l"));
            assertThat(hex(hkdf.expand32("initiator_P"))).isEqualTo(row.get("mid_initiator_p"));
            assertThat(hex(hkdf.expand32("responder_L"))).isEqualTo(row.get("mid_responder_l"));
            assertThat(hex(hkdf.expand32("responder_P"))).isEqualTo(row.get("mid_responder_p"));
            assertThat(hex(hkdf.expand32("session_id"))).isEqualTo(row.get("out_session_id"));
            // the initiator sends with the first 16 bytes and receives with the last 16
            byte[] terminators = hkdf.expand32("garbage_terminators");
            boolean initiating = row.get("in_initiating").equals("1");
            String first = hex(Arrays.copyOf(terminators, 16));
            String second = hex(Arrays.copyOfRange(terminators, 16, 32));
            assertThat(row.get("mid_send_garbage_terminator")).isEqualTo(initiating ? first : second);
            assertThat(row.get("mid_recv_garbage_terminator")).isEqualTo(initiating ? second : first);
        }
    }

    @Test
    void refusesLengthsOutsideRfc5869Bounds() {
        Hkdf hkdf = Hkdf.extract(new byte[0], repeat(0x0b, 22));
        assertThat(hkdf.expand(new byte[0], 0)).isEmpty();
        assertThat(hkdf.expand(new byte[0], Hkdf.MAX_OUTPUT_LENGTH)).hasSize(255 * 32);
        assertThatThrownBy(() -> hkdf.expand(new byte[0], Hkdf.MAX_OUTPUT_LENGTH + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hkdf.expand(new byte[0], -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void shorterOutputsArePrefixesOfLongerOnes(@ForAll @Size(max = 80) byte[] ikm, @ForAll @Size(max = 40) byte[] info,
            @ForAll @IntRange(max = 300) int shorter, @ForAll @IntRange(max = 300) int longer) {
        Hkdf hkdf = Hkdf.extract(new byte[] {1, 2, 3}, ikm);
        int a = Math.min(shorter, longer);
        int b = Math.max(shorter, longer);
        byte[] okm = hkdf.expand(info, b);
        assertThat(hkdf.expand(info, a)).isEqualTo(Arrays.copyOf(okm, a));
        // T(1) is HMAC(PRK, info || 0x01)
        if (b >= 32) {
            byte[] t1Input = Arrays.copyOf(info, info.length + 1);
            t1Input[info.length] = 1;
            assertThat(Arrays.copyOf(okm, 32)).isEqualTo(mac(hkdf.prk(), t1Input));
        }
    }
}
