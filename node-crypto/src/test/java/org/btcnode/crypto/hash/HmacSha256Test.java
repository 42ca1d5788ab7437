package org.btcnode.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

class HmacSha256Test {
    private static byte[] mac(byte[] key, byte[] data) {
        return new HmacSha256(key).mac(data);
    }

    private static byte[] repeat(int b, int n) {
        byte[] bytes = new byte[n];
        Arrays.fill(bytes, (byte) b);
        return bytes;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void matchesRfc4231TestCases() {
        // RFC 4231 section 4, HMAC-SHA-256 results of test cases 1 to 7
        assertThat(hex(mac(repeat(0x0b, 20), ascii("Hi There"))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(hex(mac(ascii("Jefe"), ascii("what do ya want for nothing?"))))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(hex(mac(repeat(0xaa, 20), repeat(0xdd, 50))))
                .isEqualTo("773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
        assertThat(hex(mac(hex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50))))
                .isEqualTo("82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
        // test case 5 publishes the output truncated to 128 bits
        assertThat(hex(Arrays.copyOf(mac(repeat(0x0c, 20), ascii("Test With Truncation")), 16)))
                .isEqualTo("a3b6167473100ee06e0c796c2955552b");
        // test cases 6 and 7: a 131-byte key, longer than the block, is hashed first
        assertThat(hex(mac(repeat(0xaa, 131),
                ascii("Test Using Larger Than Block-Size Key - Hash Key First"))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertThat(hex(mac(repeat(0xaa, 131), ascii("This is a test using a larger than block-size"
                + " key and a larger than block-size data. The key needs to be hashed before being used by the"
                + " HMAC algorithm."))))
                .isEqualTo("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void oneKeyedInstanceServesManyMessages() {
        HmacSha256 mac = new HmacSha256(ascii("Jefe"));
        byte[] first = mac.mac(ascii("what do ya want for nothing?"));
        mac.mac(ascii("something else"));
        assertThat(mac.mac(ascii("what do ya want for nothing?"))).isEqualTo(first);
    }

    @Property
    void equalsTheJdkMacForAnyKeyAndOffset(@ForAll @Size(max = 150) byte[] key,
            @ForAll @Size(max = 200) byte[] data, @ForAll @IntRange(max = 200) int from,
            @ForAll @IntRange(max = 200) int length) throws Exception {
        int start = Math.min(from, data.length);
        int n = Math.min(length, data.length - start);
        byte[] slice = Arrays.copyOfRange(data, start, start + n);
        byte[] expected;
        if (key.length == 0) {
            // SecretKeySpec refuses an empty key; HMAC pads it to the same zero block as one zero byte
            expected = mac(new byte[1], slice);
        } else {
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));
            expected = jdk.doFinal(slice);
        }
        HmacSha256 mac = new HmacSha256(key);
        assertThat(mac.mac(slice)).isEqualTo(expected);
        assertThat(mac.mac(data, start, n)).isEqualTo(expected);
        assertThat(mac.mac(Arrays.copyOf(slice, n / 2), new byte[0], Arrays.copyOfRange(slice, n / 2, n)))
                .isEqualTo(expected);
    }
}
