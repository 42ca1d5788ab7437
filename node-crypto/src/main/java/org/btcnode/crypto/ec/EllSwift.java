package org.btcnode.crypto.ec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECFieldElement;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.btcnode.crypto.hash.Sha256;
import org.btcnode.crypto.hash.TaggedHash;

/**
 * ElligatorSwift encoding of secp256k1 x coordinates (BIP 324; libsecp256k1's ellswift module) and
 * BIP 324's x-only ECDH on it. A 64-byte encoding is two field elements u || t, big-endian, each read
 * modulo p; every such string decodes to a valid x, and {@link #ellswiftCreate} makes encodings that
 * are uniformly distributed, so a handshake looks like random bytes.
 *
 * <p>Field arithmetic is Bouncy Castle's secp256k1 field (its {@code sqrt} is x^((p+1)/4), the root
 * BIP 324's reference code takes, so {@link #xSwiftEcInv} gives the BIP's t for each case); point
 * multiplication is Bouncy Castle's (GLV for ECDH, a fixed-point comb for public keys). Not
 * constant-time; the private key only meets the scalar multiplications. Stateless and thread-safe.
 */
public final class EllSwift {
    /** Bytes in an ElligatorSwift encoding. */
    public static final int ENCODED_LENGTH = 64;
    /** Bytes in a field element, an x coordinate or a private key. */
    public static final int ELEMENT_LENGTH = 32;

    private static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = SECP256K1.getCurve();
    private static final BigInteger P = CURVE.getField().getCharacteristic();
    private static final BigInteger N = SECP256K1.getN();
    private static final ECFieldElement ONE = fe(BigInteger.ONE);
    private static final ECFieldElement THREE = fe(BigInteger.valueOf(3));
    private static final ECFieldElement FOUR = fe(BigInteger.valueOf(4));
    private static final ECFieldElement SEVEN = fe(BigInteger.valueOf(7));
    private static final ECFieldElement HALF = fe(BigInteger.TWO).invert();
    /** sqrt(-3) as x^((p+1)/4) computes it, BIP 324's MINUS_3_SQRT. */
    private static final ECFieldElement MINUS_3_SQRT = THREE.negate().sqrt();
    /** (sqrt(-3) - 1) / 2, a cube root of unity, which xSwiftEcInv multiplies by u. */
    private static final ECFieldElement C1 = MINUS_3_SQRT.subtract(ONE).multiply(HALF);
    private static final FixedPointCombMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();
    private static final byte[] CREATE_TAG = "btcnode/ellswift_create".getBytes(StandardCharsets.US_ASCII);

    private EllSwift() {}

    /**
     * BIP 324's XSwiftEC: the x coordinate that field elements (u, t) encode; 32 bytes big-endian. Inputs
     * are 32 bytes big-endian each, reduced modulo p.
     */
    public static byte[] xSwiftEc(byte[] u, byte[] t) {
        return encode(xSwiftEc(feMod(u), feMod(t)));
    }

    /**
     * BIP 324's XSwiftECInv: a t with XSwiftEC(u, t) = x, for {@code branch} 0..7 selecting one of up to
     * eight preimages, or empty if that branch has none. u and x are 32 bytes big-endian, below p.
     */
    public static Optional<byte[]> xSwiftEcInv(byte[] x, byte[] u, int branch) {
        if (branch < 0 || branch > 7) {
            throw new IllegalArgumentException("XSwiftECInv case must be 0..7, not " + branch);
        }
        ECFieldElement t = xSwiftEcInv(feBelowP(x, "x"), feBelowP(u, "u"), branch);
        return t == null ? Optional.empty() : Optional.of(encode(t));
    }

    /** The x coordinate (32 bytes big-endian) that a 64-byte ElligatorSwift encoding stands for. */
    public static byte[] ellswiftDecode(byte[] ellswift) {
        checkEncoding(ellswift, "ElligatorSwift encoding");
        return encode(decodeX(ellswift));
    }

    /**
     * A 64-byte ElligatorSwift encoding of the public key of {@code privkey} (32 bytes, 1..n-1), chosen
     * by {@code entropy} (32 random bytes; the same entropy gives the same encoding, as libsecp256k1's
     * {@code secp256k1_ellswift_create} with its {@code auxrnd32}). For random entropy the encoding is
     * uniform over the encodings of that x.
     */
    public static byte[] ellswiftCreate(byte[] privkey, byte[] entropy) {
        BigInteger d = scalar(privkey);
        if (entropy.length != ELEMENT_LENGTH) {
            throw new IllegalArgumentException("entropy must be 32 bytes, not " + entropy.length);
        }
        ECFieldElement x = BASE_MULTIPLIER.multiply(SECP256K1.getG(), d).normalize().getAffineXCoord();
        // Candidates (u, case) come from SHA256(tag || entropy || privkey || counter): a deterministic
        // stream that is unpredictable without the private key. About one in four candidates has a t.
        byte[] seed = new byte[CREATE_TAG.length + 2 * ELEMENT_LENGTH + 4];
        System.arraycopy(CREATE_TAG, 0, seed, 0, CREATE_TAG.length);
        System.arraycopy(entropy, 0, seed, CREATE_TAG.length, ELEMENT_LENGTH);
        System.arraycopy(privkey, 0, seed, CREATE_TAG.length + ELEMENT_LENGTH, ELEMENT_LENGTH);
        try {
            for (int counter = 0; ; counter++) {
                int at = seed.length - 4;
                seed[at] = (byte) counter;
                seed[at + 1] = (byte) (counter >>> 8);
                seed[at + 2] = (byte) (counter >>> 16);
                seed[at + 3] = (byte) (counter >>> 24);
                byte[] h = Sha256.hash(seed);
                int branch = h[31] & 7;
                seed[at + 3] ^= (byte) 0x80;           // a second, independent hash for u
                byte[] uBytes = Sha256.hash(seed);
                ECFieldElement u = fe(new BigInteger(1, uBytes).mod(P));
                if (u.isZero()) {
                    continue;                          // XSwiftEC reads u = 0 as 1, so 0 has no preimage
                }
                ECFieldElement t = xSwiftEcInv(x, u, branch);
                if (t != null) {
                    byte[] out = new byte[ENCODED_LENGTH];
                    System.arraycopy(encode(u), 0, out, 0, ELEMENT_LENGTH);
                    System.arraycopy(encode(t), 0, out, ELEMENT_LENGTH, ELEMENT_LENGTH);
                    return out;
                }
            }
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * BIP 324's shared secret: TaggedHash("bip324_ellswift_xonly_ecdh", ell_initiator || ell_responder
     * || x(privkey * P_theirs)), 32 bytes (libsecp256k1's {@code secp256k1_ellswift_xdh} with {@code
     * secp256k1_ellswift_xdh_hash_function_bip324}; Core's {@code CKey::ComputeBIP324ECDHSecret}).
     */
    public static byte[] ellswiftXdh(byte[] ourEllswift, byte[] theirEllswift, byte[] privkey, boolean initiating) {
        checkEncoding(ourEllswift, "our ElligatorSwift encoding");
        byte[] sharedX = ecdhX(theirEllswift, privkey);
        byte[] a = initiating ? ourEllswift : theirEllswift;
        byte[] b = initiating ? theirEllswift : ourEllswift;
        byte[] secret = TaggedHash.BIP324_ELLSWIFT_XONLY_ECDH.hash(a, b, sharedX);
        Arrays.fill(sharedX, (byte) 0);
        return secret;
    }

    /** x(privkey * P), P the point with the x {@code theirEllswift} encodes (either y: x is the same). */
    public static byte[] ecdhX(byte[] theirEllswift, byte[] privkey) {
        checkEncoding(theirEllswift, "their ElligatorSwift encoding");
        BigInteger d = scalar(privkey);
        ECFieldElement x = decodeX(theirEllswift);
        ECFieldElement y = x.square().multiply(x).add(SEVEN).sqrt(); // non-null: XSwiftEC only yields valid x
        ECPoint shared = CURVE.createPoint(x.toBigInteger(), y.toBigInteger()).multiply(d).normalize();
        return encode(shared.getAffineXCoord());
    }

    /** The x coordinate of {@code privkey}'s public key, 32 bytes big-endian. */
    public static byte[] pubkeyX(byte[] privkey) {
        return encode(BASE_MULTIPLIER.multiply(SECP256K1.getG(), scalar(privkey)).normalize().getAffineXCoord());
    }

    private static ECFieldElement decodeX(byte[] ellswift) {
        return xSwiftEc(feMod(Arrays.copyOfRange(ellswift, 0, ELEMENT_LENGTH)),
                feMod(Arrays.copyOfRange(ellswift, ELEMENT_LENGTH, ENCODED_LENGTH)));
    }

    static ECFieldElement xSwiftEc(ECFieldElement u, ECFieldElement t) {
        if (u.isZero()) {
            u = ONE;
        }
        if (t.isZero()) {
            t = ONE;
        }
        ECFieldElement u3plus7 = u.square().multiply(u).add(SEVEN);
        if (u3plus7.add(t.square()).isZero()) {
            t = t.add(t);
        }
        ECFieldElement bigX = u3plus7.subtract(t.square()).divide(t.add(t));
        ECFieldElement bigY = bigX.add(t).divide(MINUS_3_SQRT.multiply(u));
        ECFieldElement x3 = u.add(bigY.square().multiply(FOUR));
        if (isValidX(x3)) {
            return x3;
        }
        ECFieldElement xOverY = bigX.divide(bigY);
        ECFieldElement x1 = xOverY.negate().subtract(u).multiply(HALF);
        if (isValidX(x1)) {
            return x1;
        }
        // one of the three is always valid (BIP 324, "ElligatorSwift"); this is the last
        return xOverY.subtract(u).multiply(HALF);
    }

    /** BIP 324's xswiftec_inv; null where the reference returns None. */
    static ECFieldElement xSwiftEcInv(ECFieldElement x, ECFieldElement u, int branch) {
        ECFieldElement u2 = u.square();
        ECFieldElement u3plus7 = u2.multiply(u).add(SEVEN);
        ECFieldElement v;
        ECFieldElement s;
        if ((branch & 2) == 0) {
            ECFieldElement minusXMinusU = x.negate().subtract(u);
            if (isValidX(minusXMinusU)) {
                return null;
            }
            v = (branch & 1) == 0 ? x : minusXMinusU;
            s = u3plus7.negate().divide(u2.add(u.multiply(v)).add(v.square()));
        } else {
            s = x.subtract(u);
            if (s.isZero()) {
                return null;
            }
            ECFieldElement r = s.negate().multiply(
                    u3plus7.multiply(FOUR).add(s.multiply(u2).multiply(THREE))).sqrt();
            if (r == null) {
                return null;
            }
            if ((branch & 1) != 0) {
                if (r.isZero()) {
                    return null;
                }
                r = r.negate();
            }
            v = u.negate().add(r.divide(s)).multiply(HALF);
        }
        ECFieldElement w = s.sqrt();
        if (w == null) {
            return null;
        }
        if ((branch & 4) != 0) {
            w = w.negate();
        }
        return w.multiply(u.multiply(C1).subtract(v));
    }

    private static boolean isValidX(ECFieldElement x) {
        return x.square().multiply(x).add(SEVEN).sqrt() != null;
    }

    /** Whether {@code privkey} is a valid secret key: 32 bytes encoding 1..n-1. */
    public static boolean isValidPrivateKey(byte[] privkey) {
        if (privkey.length != ELEMENT_LENGTH) {
            return false;
        }
        BigInteger d = new BigInteger(1, privkey);
        return d.signum() != 0 && d.compareTo(N) < 0;
    }

    private static BigInteger scalar(byte[] privkey) {
        if (privkey.length != ELEMENT_LENGTH) {
            throw new IllegalArgumentException("private key must be 32 bytes, not " + privkey.length);
        }
        BigInteger d = new BigInteger(1, privkey);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw new IllegalArgumentException("private key is not in 1..n-1");
        }
        return d;
    }

    private static void checkEncoding(byte[] ellswift, String what) {
        if (ellswift.length != ENCODED_LENGTH) {
            throw new IllegalArgumentException(what + " must be 64 bytes, not " + ellswift.length);
        }
    }

    private static ECFieldElement fe(BigInteger value) {
        return CURVE.fromBigInteger(value);
    }

    private static ECFieldElement feMod(byte[] bytes) {
        if (bytes.length != ELEMENT_LENGTH) {
            throw new IllegalArgumentException("field element must be 32 bytes, not " + bytes.length);
        }
        return fe(new BigInteger(1, bytes).mod(P));
    }

    private static ECFieldElement feBelowP(byte[] bytes, String what) {
        if (bytes.length != ELEMENT_LENGTH || new BigInteger(1, bytes).compareTo(P) >= 0) {
            throw new IllegalArgumentException(what + " must be 32 bytes encoding a number below p");
        }
        return fe(new BigInteger(1, bytes));
    }

    private static byte[] encode(ECFieldElement e) {
        return e.getEncoded();
    }
}
