package org.btcnode.crypto.hash;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

class Ripemd160Test {
    private static String ripemd(String ascii) {
        return hex(Ripemd160.hash(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void matchesTheAuthorsTestVectors() {
        // Dobbertin, Bosselaers, Preneel: "RIPEMD-160: A Strengthened Version of RIPEMD", test vectors
        assertThat(ripemd("")).isEqualTo("9c1185a5c5e9fc54612808977ee8f548b2258d31");
        assertThat(ripemd("a")).isEqualTo("0bdc9d2d256b3ee9daae347be6f4dc835a467ffe");
        assertThat(ripemd("abc")).isEqualTo("8eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
        assertThat(ripemd("message digest")).isEqualTo("5d0689ef49d2fae572b881b123a85ffa21595f36");
        assertThat(ripemd("abcdefghijklmnopqrstuvwxyz")).isEqualTo("f71c27109c692c1b56bbdceb5b9d2865b3708dbc");
        assertThat(ripemd("a".repeat(1_000_000))).isEqualTo("52783243c1697bdbe16d37f97f68f08325dc1528");
    }

    @Property
    void offsetVariantEqualsOneShot(@ForAll @Size(max = 200) byte[] data,
            @ForAll @IntRange(max = 200) int from, @ForAll @IntRange(max = 200) int length) {
        int start = Math.min(from, data.length);
        int n = Math.min(length, data.length - start);
        byte[] slice = Arrays.copyOfRange(data, start, start + n);
        assertThat(Ripemd160.hash(data, start, n)).hasSize(20).isEqualTo(Ripemd160.hash(slice));
    }
}
