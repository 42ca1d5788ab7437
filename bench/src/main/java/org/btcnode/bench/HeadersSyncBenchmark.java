package org.btcnode.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

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
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.transport.TransportOptions;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksBlockStore;
import org.btcnode.store.rocksdb.RocksHeaderStore;

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
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    private static final InetSocketAddress LOOPBACK_0 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private HeadersSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int runs = Integer.parseInt(args[1]);
        boolean rocks = args[2].equals("rocksdb");
        Path dir = rocks ? Path.of(args[3]) : null;
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
        // A: accepts only, offers NODE_NETWORK_LIMITED (B takes headers from it, no blocks)
        ConnectionOptions limitedServer = new ConnectionOptions(d.maxConnections(), true, List.of(), List.of(),
                List.of(), true, List.of(), List.of(), List.of(), d.whitelistRelay(), d.whitelistForceRelay(),
                d.peerTimeout(), d.userAgent(), ServiceFlags.of(ServiceFlags.NODE_NETWORK_LIMITED,
                ServiceFlags.NODE_WITNESS), d.blocksOnly(), d.banTime(), d.logIps(), d.addrBroadcastInterval(),
                d.maxUploadTargetBytes());
        try (P2PNetwork a = start(limitedServer, List.of(LOOPBACK_0), headersA, blocksA)) {
            ConnectionOptions client = d.withConnect(List.of(a.boundAddresses().get(0)));
            for (int run = 1; run <= runs; run++) {
                double seconds;
                if (rocks) {
                    Path runDir = Files.createDirectories(dir.resolve("run" + run));
                    try (NodeDatabase db = NodeDatabase.openChainDatabase(runDir)) {
                        seconds = syncSeconds(client, new RocksHeaderStore(db),
                                RocksBlockStore.openInChainDir(db, runDir, REGTEST.magic()), tip, count);
                    }
                } else {
                    seconds = syncSeconds(client, new MemoryHeaderStore(), new MemoryBlockStore(), tip, count);
                }
                System.out.printf(Locale.ROOT, "run %d (%s): %d headers in %.3f s = %,.0f headers/s%n", run,
                        args[2], count, seconds, count / seconds);
            }
        }
    }

    /** Starts B on these stores, connected to A; seconds until B's best header is {@code tip}. */
    private static double syncSeconds(ConnectionOptions client, HeaderStore headers, BlockStore blocks, Hash256 tip,
            int count) throws Exception {
        long start = System.nanoTime();
        try (P2PNetwork b = start(client, List.of(), headers, blocks)) {
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

    private static P2PNetwork start(ConnectionOptions connection, List<InetSocketAddress> bind, HeaderStore headers,
            BlockStore blocks) throws Exception {
        InstantSource clock = InstantSource.system();
        return P2PNetwork.start(new P2PNetwork.Setup(REGTEST, connection, TransportOptions.defaults(), bind,
                new InMemoryBanStore(), AddrMan.load(new InMemoryAddressBookStore(), new Random(1), clock), null,
                clock, headers, blocks, Bootstrap.Options.disabled()));
    }
}
