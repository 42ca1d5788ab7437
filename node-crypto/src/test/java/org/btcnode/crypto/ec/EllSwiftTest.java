package org.btcnode.crypto.ec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.btcnode.crypto.hash.Vectors.csv;
import static org.btcnode.crypto.hash.Vectors.hex;

class EllSwiftTest {
    private static final BigInteger N =
            new BigInteger("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", 16);

    @Test
    void decodesEveryBip324DecodeVector() {
        List<Map<String, String>> rows = csv("bip324/ellswift_decode_test_vectors.csv");
        assertThat(rows).hasSize(76);
        for (Map<String, String> row : rows) {
            assertThat(hex(EllSwift.ellswiftDecode(hex(row.get("ellswift")))))
                    .as(row.get("comment")).isEqualTo(row.get("x"));
        }
    }

    @Test
    void invertsEveryBip324XSwiftEcInvVectorInAllEightCases() {
        List<Map<String, String>> rows = csv("bip324/xswiftec_inv_test_vectors.csv");
        assertThat(rows).hasSize(32);
        int found = 0;
        int none = 0;
        for (Map<String, String> row : rows) {
            byte[] u = hex(row.get("u"));
            byte[] x = hex(row.get("x"));
            for (int branch = 0; branch < 8; branch++) {
                String expected = row.get("case" + branch + "_t");
                Optional<byte[]> t = EllSwift.xSwiftEcInv(x, u, branch);
                String what = row.get("u") + " case " + branch + ": " + row.get("comment");
                if (expected.isEmpty()) {
                    assertThat(t).as(what).isEmpty();
                    none++;
                } else {
                    assertThat(t).as(what).isPresent();
                    assertThat(hex(t.get())).as(what).isEqualTo(expected);
                    // and the forward map takes (u, t) back to x
                    assertThat(hex(EllSwift.xSwiftEc(u, t.get()))).as(what).isEqualTo(row.get("x"));
                    found++;
                }
            }
        }
        assertThat(found).isPositive();
        assertThat(none).isPositive();
    }

    @Test
    void derivesEveryPacketVectorsPublicKeysAndSharedSecret() {
        List<Map<String, String>> rows = csv("bip324/packet_encoding_test_vectors.csv");
        assertThat(rows).hasSize(7);
        for (Map<String, String> row : rows) {
            byte[] priv = hex(row.get("in_priv_ours"));
            byte[] ours = hex(row.get("in_ellswift_ours"));
            byte[] theirs = hex(row.get("in_ellswift_theirs"));
            boolean initiating = row.get("in_initiating").equals("1");
            assertThat(hex(EllSwift.pubkeyX(priv))).isEqualTo(row.get("mid_x_ours"));
            assertThat(hex(EllSwift.ellswiftDecode(ours))).isEqualTo(row.get("mid_x_ours"));
            assertThat(hex(EllSwift.ellswiftDecode(theirs))).isEqualTo(row.get("mid_x_theirs"));
            assertThat(hex(EllSwift.ecdhX(theirs, priv))).isEqualTo(row.get("mid_x_shared"));
            assertThat(hex(EllSwift.ellswiftXdh(ours, theirs, priv, initiating)))
                    .isEqualTo(row.get("mid_shared_secret"));
        }
    }

    @Test
    void bothSidesOfAHandshakeDeriveTheSameSecret() {
        byte[] a = hex("61062ea5071d800bbfd59e2e8b53d47d194b095ae5a4df04936b49772ef0d4d7");
        byte[] b = hex("6f312890ec83bbb26798abaadd574684a53e74ccef7953b790fcc29409080246");
        byte[] ellA = EllSwift.ellswiftCreate(a, new byte[32]);
        byte[] ellB = EllSwift.ellswiftCreate(b, hex("01".repeat(32)));
        assertThat(EllSwift.ellswiftXdh(ellA, ellB, a, true))
                .isEqualTo(EllSwift.ellswiftXdh(ellB, ellA, b, false))
                .isNotEqualTo(EllSwift.ellswiftXdh(ellA, ellB, a, false));
    }

    @Property(tries = 25)
    void createThenDecodeGivesThePublicKeysX(@ForAll("privateKeys") byte[] priv,
                                            @ForAll @Size(32) byte[] entropy) {
        byte[] encoding = EllSwift.ellswiftCreate(priv, entropy);
        assertThat(encoding).hasSize(64);
        assertThat(EllSwift.ellswiftDecode(encoding)).isEqualTo(EllSwift.pubkeyX(priv));
        // deterministic in (privkey, entropy), as libsecp256k1's auxrnd32
        assertThat(EllSwift.ellswiftCreate(priv, entropy)).isEqualTo(encoding);
    }

    @Test
    void differentEntropyGivesADifferentEncodingOfTheSameKey() {
        byte[] priv = hex("61062ea5071d800bbfd59e2e8b53d47d194b095ae5a4df04936b49772ef0d4d7");
        byte[] one = EllSwift.ellswiftCreate(priv, new byte[32]);
        byte[] two = EllSwift.ellswiftCreate(priv, hex("02".repeat(32)));
        assertThat(one).isNotEqualTo(two);
        assertThat(EllSwift.ellswiftDecode(one)).isEqualTo(EllSwift.ellswiftDecode(two));
    }

    @Test
    void rejectsPrivateKeysOutsideTheGroupOrderAndWrongLengths() {
        byte[] entropy = new byte[32];
        assertThatThrownBy(() -> EllSwift.ellswiftCreate(new byte[32], entropy))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EllSwift.ellswiftCreate(fixed(N), entropy))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EllSwift.ellswiftDecode(new byte[63]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EllSwift.xSwiftEcInv(new byte[32], new byte[32], 8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<byte[]> privateKeys() {
        return Arbitraries.bigIntegers().between(BigInteger.ONE, N.subtract(BigInteger.ONE))
                .edgeCases(c -> c.includeOnly(BigInteger.ONE, N.subtract(BigInteger.ONE)))
                .map(EllSwiftTest::fixed);
    }

    private static byte[] fixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return out;
    }
}
