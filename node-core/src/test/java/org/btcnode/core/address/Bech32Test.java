package org.btcnode.core.address;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class Bech32Test {
    @Test
    void locatesErrorsAsCoreDoes() throws IOException {
        int n = 0;
        try (InputStream in = Bech32Test.class.getResourceAsStream("/vectors/core/bech32_tests_invalid.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] cols = line.split("\t", -1);
                String str = KeyIOTest.unescape(cols[0]);
                List<Integer> locations = new ArrayList<>();
                if (!cols[2].isEmpty()) {
                    Arrays.stream(cols[2].split(",")).map(Integer::valueOf).forEach(locations::add);
                }
                assertThat(Bech32.decode(str)).as(cols[0]).isEmpty();
                Bech32.DecodeError error = Bech32.locateErrors(str).orElseThrow();
                assertThat(error.message()).as(cols[0]).isEqualTo(cols[1]);
                assertThat(error.locations()).as(cols[0]).isEqualTo(locations);
                n++;
            }
        }
        assertThat(n).isEqualTo(32);
    }

    @Test
    void everySingleAndDoubleSubstitutionOfAnAddressIsFound() {
        // BIP 350's P2TR address: change one data character, then two, to every other character;
        // the locator must blame exactly the changed positions (BCH guarantees it up to two).
        String address = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        for (int i = 3; i < address.length(); i += 7) {
            for (char c : charset.toCharArray()) {
                if (c == address.charAt(i)) continue;
                String one = address.substring(0, i) + c + address.substring(i + 1);
                Bech32.DecodeError e = Bech32.locateErrors(one).orElseThrow();
                assertThat(e.message()).isEqualTo("Invalid Bech32m checksum");
                assertThat(e.locations()).as(one).containsExactly(i);
                int j = address.length() - 1 - (i % 11);
                if (j == i) continue;
                char d = address.charAt(j) == 'q' ? 'p' : 'q';
                String two = one.substring(0, j) + d + one.substring(j + 1);
                assertThat(Bech32.locateErrors(two).orElseThrow().locations()).as(two)
                        .containsExactly(Math.min(i, j), Math.max(i, j));
            }
        }
    }

    @Test
    void validStringsHaveNoErrors() {
        assertThat(Bech32.locateErrors("A12UEL5L")).isEmpty();
        assertThat(Bech32.locateErrors("a1lqfn3a")).isEmpty();
    }

    @Test
    void convertBitsPadsOnlyWhenAsked() {
        byte[] five = Bech32.convertBits(new byte[] {(byte) 0xff}, 8, 5, true).orElseThrow();
        assertThat(five).containsExactly(31, 28);
        assertThat(Bech32.convertBits(five, 5, 8, false)).hasValueSatisfying(b -> assertThat(b).containsExactly((byte) 0xff));
        assertThat(Bech32.convertBits(new byte[] {31, 29}, 5, 8, false)).isEmpty();   // non-zero padding
        // 20 bits: two bytes and 4 zero bits of padding, fine; 15 bits: 7 bits of padding, too many.
        assertThat(Bech32.convertBits(new byte[] {0, 0, 0, 0}, 5, 8, false)).hasValueSatisfying(b -> assertThat(b).hasSize(2));
        assertThat(Bech32.convertBits(new byte[] {0, 0, 0}, 5, 8, false)).isEmpty();
    }
}
