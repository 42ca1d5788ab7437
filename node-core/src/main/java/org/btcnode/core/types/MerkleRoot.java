package org.btcnode.core.types;

import java.util.Arrays;
import java.util.List;

import org.btcnode.crypto.hash.Sha256;

/**
 * A merkle root and whether the tree was mutated: consensus/merkle.cpp's ComputeMerkleRoot.
 * {@code mutated} is set when some level pairs two identical hashes, the ambiguity of CVE-2012-2459
 * (a block whose last transactions are repeated has the same root as the original, so Core
 * rejects such blocks as "bad-txns-duplicate" instead of marking the real block invalid). Immutable.
 */
public record MerkleRoot(Hash256 root, boolean mutated) {
    /** Root of the given leaves; zero for no leaves, the leaf itself for one. */
    public static MerkleRoot compute(List<Hash256> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return new MerkleRoot(Hash256.ZERO, false);
        }
        byte[][] level = new byte[n + 1][];
        for (int i = 0; i < n; i++) {
            level[i] = leaves.get(i).toByteArray();
        }
        boolean mutation = false;
        while (n > 1) {
            for (int pos = 0; pos + 1 < n; pos += 2) {
                if (Arrays.equals(level[pos], level[pos + 1])) {
                    mutation = true;
                }
            }
            if ((n & 1) != 0) {
                level[n] = level[n - 1];
                n++;
            }
            for (int i = 0; i < n / 2; i++) {
                level[i] = Sha256.hashTwice(level[2 * i], level[2 * i + 1]);
            }
            n /= 2;
        }
        return new MerkleRoot(Hash256.ofDigest(level[0]), mutation);
    }
}
