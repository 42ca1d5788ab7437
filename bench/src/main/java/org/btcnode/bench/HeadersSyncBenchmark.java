package org.btcnode.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.bench.LoopbackNodes.StoreKind;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionOptions;

/**
 * Headers sync over loopback, scripted: node A holds a mined regtest chain of N blocks (in memory)
 * and offers only NODE_NETWORK_LIMITED, so that node B, started with {@code -connect} to it, syncs
 * the headers and downloads no block; the time from B's start until its best header is A's tip
 * gives headers per second, end to end: A answering getheaders from its active chain, v1 framing
 * and TCP on 127.0.0.1, B's decoding, {@code CheckHeadersPoW}, contextual checks, the header tree
 * and one header-index write batch per 2,000-header message ({@code memory} or {@code rocksdb}).
 * Usage: {@code java -cp bench/target/benchmarks.jar org.btcnode.bench.HeadersSyncBenchmark
 * COUNT RUNS memory|rocksdb [DIR]}.
 */
public final class HeadersSyncBenchmark {
    private static final NetworkParameters REGTEST = LoopbackNodes.REGTEST;

    private HeadersSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        StoreKind store = StoreKind.parse(args[2]);
        Path dir = store == StoreKind.ROCKSDB ? Path.of(args[3]) : null;
        long t = System.nanoTime();
        // ten minutes apart, the last an hour ago: A is out of initial block download and serves headers
        long first = Instant.now().getEpochSecond() - 3600 - 600L * count;
        List<Block> chain = RegtestBlocks.chain(REGTEST.genesisHash(), 0, first, count, 600, 1);
        System.out.printf(Locale.ROOT, "mined %d regtest blocks in %.1f s%n", count, (System.nanoTime() - t) / 1e9);
        MemoryHeaderStore headersA = new MemoryHeaderStore();
        MemoryBlockStore blocksA = new MemoryBlockStore();
        RegtestBlocks.preload(headersA, blocksA, chain);
        Hash256 tip = chain.get(count - 1).hash();
        ConnectionOptions d = ConnectionOptions.defaults("0.1.0");
        // A: accepts only (-connect=0), offers NODE_NETWORK_LIMITED (B takes headers from it, no blocks)
        ConnectionOptions limitedServer = d.withConnect(List.of()).withLocalServices(
                ServiceFlags.of(ServiceFlags.NODE_NETWORK_LIMITED, ServiceFlags.NODE_WITNESS));
        try (P2PNetwork a = LoopbackNodes.start(limitedServer, List.of(LoopbackNodes.LOOPBACK_0), headersA, blocksA)) {
            ConnectionOptions client = d.withConnect(List.of(a.boundAddresses().get(0)));
            for (int run = 1; run <= runs; run++) {
                Path runDir = dir == null ? null : dir.resolve("run" + run);
                double seconds = LoopbackNodes.withFreshStores(store, runDir,
                        (headers, blocks) -> syncSeconds(client, headers, blocks, tip, count));
                System.out.printf(Locale.ROOT, "run %d (%s): %d headers in %.3f s = %,.0f headers/s%n", run,
                        store.label(), count, seconds, count / seconds);
            }
        }
    }

    /** Starts B on these stores, connected to A; seconds until B's best header is {@code tip}. */
    private static double syncSeconds(ConnectionOptions client, HeaderStore headers, BlockStore blocks, Hash256 tip,
            int count) throws Exception {
        long start = System.nanoTime();
        try (P2PNetwork b = LoopbackNodes.start(client, List.of(), headers, blocks)) {
            while (!b.queryChain(c -> c.bestHeader().hash()).equals(tip)) {
                LockSupport.parkNanos(200_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int stored = b.queryChain(c -> (int) c.storedBlocks());
            if (stored != 1) {
                throw new IllegalStateException("B downloaded blocks: " + stored + " stored");
            }
            int height = b.queryChain(c -> c.bestHeader().height());
            if (height != count) {
                throw new IllegalStateException("best header at " + height);
            }
            return seconds;
        }
    }
}
