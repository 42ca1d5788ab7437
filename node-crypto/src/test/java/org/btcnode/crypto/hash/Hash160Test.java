package org.btcnode.crypto.hash;

import java.util.Arrays;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.crypto.hash.Vectors.hex;

class Hash160Test {
    @Test
    void hashesPublicKeysAsPublishedAddressesDo() {
        // BIP 173's example: the generator point's compressed key is bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4
        assertThat(hex(Hash160.hash(hex("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"))))
                .isEqualTo("751e76e8199196d454941c45d1b3a323f1433bd6");
        // Bitcoin wiki, "Technical background of version 1 Bitcoin addresses", steps 2 and 3
        byte[] pubkey = hex("0250863ad64a87ae8a2fe83c1af1a8403cb53f53e486d8511dad8a04887e5b2352");
        assertThat(hex(Sha256.hash(pubkey)))
                .isEqualTo("0b7c28c9b7290c98d7438e70b3d3f7c848fbd7d1dc194ff83f4f7cc9b1378e98");
        assertThat(hex(Hash160.hash(pubkey))).isEqualTo("f54a5851e9372b87810a8e60cdd2e7cfd80b6e31");
    }

    @Property
    void isRipemd160OfSha256AtAnyOffset(@ForAll @Size(max = 200) byte[] data,
            @ForAll @IntRange(max = 200) int from, @ForAll @IntRange(max = 200) int length) {
        int start = Math.min(from, data.length);
        int n = Math.min(length, data.length - start);
        byte[] slice = Arrays.copyOfRange(data, start, start + n);
        byte[] expected = Ripemd160.hash(Sha256.hash(slice));
        assertThat(Hash160.hash(slice)).isEqualTo(expected);
        assertThat(Hash160.hash(data, start, n)).isEqualTo(expected);
    }
}
