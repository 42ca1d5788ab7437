package org.btcnode.core.address;

import java.util.List;

/**
 * Finds up to two substituted characters from a Bech32/Bech32m checksum residue, after the error
 * locator in Core's bech32.cpp (LocateErrors). Both checksums are BCH codes over GF(32) whose
 * generator has the roots e^997, e^998 and e^999, where e generates GF(1024) = GF(32)[e]/(e^2 + 9e
 * + 23). The residue (the received string's polynomial modulo the generator, constant removed)
 * equals the error polynomial modulo the generator, so evaluating it at the three roots (the
 * syndromes s0, s1, s2) gives equations in the error positions and values: one error at p when
 * s1² = s0·s2 (then e^p = s1/s0), else two at p1, p2 found by trying every p1. A solution counts
 * only if its positions lie in the data part and its error values lie in GF(32). Stateless.
 */
final class Bech32ErrorLocator {
    /** GF(1024) is cyclic of order 1023; GF(32)'s non-zero elements are the powers of e^33. */
    private static final int ORDER = 1023;
    private static final int GF32_SUBGROUP = 33;
    private static final int FIRST_ROOT = 997;
    /** e^k as a 10-bit value: high 5 bits the coefficient of e, low 5 bits the constant (GF(32) each). */
    private static final int[] EXP = new int[ORDER];
    /** The discrete log base e; -1 for zero. */
    private static final int[] LOG = new int[ORDER + 1];
    /**
     * For each residue bit (5 coefficients of 5 bits, the x^1..x^5 terms), its contribution to the
     * three syndromes packed as s2 | s1 | s0, 10 bits each.
     */
    private static final int[] SYNDROME_TERMS = new int[25];

    static {
        // GF(32) = GF(2)[x]/(x^5 + x^3 + 1): multiplication through its own exp/log tables.
        int[] exp32 = new int[31];
        int[] log32 = new int[32];
        log32[0] = -1;
        for (int i = 0, v = 1; i < 31; i++) {
            exp32[i] = v;
            log32[v] = i;
            v <<= 1;
            if ((v & 32) != 0) {
                v ^= 0b101001;
            }
        }
        // Multiplying a·e + b by e gives a·e² + b·e = (9a + b)·e + 23a, since e² = 9e + 23 (characteristic 2).
        LOG[0] = -1;
        for (int i = 0, v = 1; i < ORDER; i++) {
            EXP[i] = v;
            LOG[v] = i;
            int a = v >> 5;
            int b = v & 31;
            int high = gf32Multiply(a, 9, exp32, log32) ^ b;
            int low = gf32Multiply(a, 23, exp32, log32);
            v = high << 5 | low;
        }
        for (int power = 1; power <= 5; power++) {
            for (int bit = 0; bit < 5; bit++) {
                int logBit = LOG[1 << bit];
                int s0 = EXP[(FIRST_ROOT * power + logBit) % ORDER];
                int s1 = EXP[((FIRST_ROOT + 1) * power + logBit) % ORDER];
                int s2 = EXP[((FIRST_ROOT + 2) * power + logBit) % ORDER];
                SYNDROME_TERMS[5 * (power - 1) + bit] = s2 << 20 | s1 << 10 | s0;
            }
        }
    }

    private Bech32ErrorLocator() {
    }

    private static int gf32Multiply(int a, int b, int[] exp32, int[] log32) {
        return a == 0 || b == 0 ? 0 : exp32[(log32[a] + log32[b]) % 31];
    }

    /** The three syndromes of a non-zero residue, packed s2 | s1 | s0. */
    static int syndromes(int residue) {
        int constant = residue & 31;                         // the x^0 coefficient adds itself to each
        int result = constant | constant << 10 | constant << 20;
        for (int i = 0; i < 25; i++) {
            if (((residue >>> (5 + i)) & 1) != 0) {
                result ^= SYNDROME_TERMS[i];
            }
        }
        return result;
    }

    /**
     * Indices (from the left of the string, ascending) of one or two characters whose substitution
     * would explain {@code residue}, or none. {@code dataLength} characters at the end of the
     * {@code stringLength}-character string are data and checksum, the only places searched.
     */
    static List<Integer> locate(int residue, int stringLength, int dataLength) {
        int syn = syndromes(residue);
        int s0 = syn & 0x3ff;
        int s1 = (syn >>> 10) & 0x3ff;
        int s2 = syn >>> 20;
        int l0 = LOG[s0];
        int l1 = LOG[s1];
        int l2 = LOG[s2];
        if (l0 != -1 && l1 != -1 && l2 != -1 && Math.floorMod(2 * l1 - l2 - l0, ORDER) == 0) {
            // One error e1·x^p: s1/s0 = e^p, and e1 = s0 / e^(997p) must be in GF(32).
            int p = Math.floorMod(l1 - l0, ORDER);
            int logE1 = l0 + (ORDER - FIRST_ROOT) * p;
            if (p < dataLength && logE1 % GF32_SUBGROUP == 0) {
                return List.of(stringLength - p - 1);
            }
            return List.of();
        }
        for (int p1 = 0; p1 < dataLength; p1++) {
            // With e1·x^p1 + e2·x^p2: (s2 + s1·e^p1) / (s1 + s0·e^p1) = e^p2.
            int a = s2 ^ (s1 == 0 ? 0 : EXP[(l1 + p1) % ORDER]);
            int b = s1 ^ (s0 == 0 ? 0 : EXP[(l0 + p1) % ORDER]);
            if (a == 0 || b == 0) {
                continue;
            }
            int p2 = Math.floorMod(LOG[a] - LOG[b], ORDER);
            if (p2 >= dataLength || p2 == p1) {
                continue;
            }
            int c = s1 ^ (s0 == 0 ? 0 : EXP[(l0 + p2) % ORDER]);
            if (c == 0) {
                continue;
            }
            // 1 / (e^p1 + e^p2), then each error value, which must be in GF(32).
            int logInverse = ORDER - LOG[EXP[p1] ^ EXP[p2]];
            int logE2 = LOG[b] + logInverse + (ORDER - FIRST_ROOT) * p2;
            int logE1 = LOG[c] + logInverse + (ORDER - FIRST_ROOT) * p1;
            if (logE2 % GF32_SUBGROUP != 0 || logE1 % GF32_SUBGROUP != 0) {
                continue;
            }
            int left = stringLength - Math.max(p1, p2) - 1;
            int right = stringLength - Math.min(p1, p2) - 1;
            return List.of(left, right);
        }
        return List.of();
    }
}
