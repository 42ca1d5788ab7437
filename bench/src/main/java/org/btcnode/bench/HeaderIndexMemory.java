package org.btcnode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.btcnode.core.chain.HeaderTree;

/**
 * Retained heap of a header tree of N headers loaded from RocksDB (docs/benchmarks.md): heap in
 * use after full GCs, before and after loading, with the tree still referenced. Not JMH: one
 * measurement of live memory. Usage: {@code java -cp benchmarks.jar org.btcnode.bench.HeaderIndexMemory [N]}.
 */
public final class HeaderIndexMemory {
    private HeaderIndexMemory() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path dir = Files.createTempDirectory("btcnode-header-memory");
        HeaderStoreBenchmark.fill(dir, n);
        long before = usedAfterGc();
        long start = System.nanoTime();
        HeaderTree tree = HeaderStoreBenchmark.load(dir);
        long loadMillis = (System.nanoTime() - start) / 1_000_000;
        long after = usedAfterGc();
        System.out.printf("headers=%d load_ms=%d retained_bytes=%d bytes_per_header=%d best_height=%d%n",
                tree.size(), loadMillis, after - before, (after - before) / tree.size(), tree.bestHeader().height());
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
