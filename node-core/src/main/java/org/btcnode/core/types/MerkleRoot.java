package org.btcnode.core.types;

import java.security.MessageDigest;
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
    /**
     * Root of the given leaves; zero for no leaves, the leaf itself for one. Works in place in one
     * flat array with one digest, so a 1,557-leaf block allocates one buffer, not a digest and an
     * array per node (bench: BlockBenchmark.merkleRoot).
     */
    public static MerkleRoot compute(List<Hash256> leaves) {
        int n = leaves.size();
        if (n == 0) {
            return new MerkleRoot(Hash256.ZERO, false);
        }
        final int h = Hash256.LENGTH;
        byte[] level = new byte[(n + 1) * h];
        for (int i = 0; i < n; i++) {
            leaves.get(i).copyTo(level, i * h);
        }
        MessageDigest digest = Sha256.newDigest();
        boolean mutation = false;
        while (n > 1) {
            for (int pos = 0; pos + 1 < n; pos += 2) {
                if (Arrays.equals(level, pos * h, pos * h + h, level, pos * h + h, pos * h + 2 * h)) {
                    mutation = true;
                }
            }
            if ((n & 1) != 0) {
                System.arraycopy(level, (n - 1) * h, level, n * h, h);
                n++;
            }
            // node i reads bytes [64i, 64i+64) and writes [32i, 32i+32): never ahead of a later read
            for (int i = 0; i < n / 2; i++) {
                Sha256.hashTwice(digest, level, 2 * i * h, 2 * h, level, i * h);
            }
            n /= 2;
        }
        return new MerkleRoot(Hash256.ofDigest(Arrays.copyOf(level, h)), mutation);
    }
}
