package org.btcnode.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksHeaderStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The header index in RocksDB: start-up (open the database, read all N stored headers, rebuild
 * the {@link HeaderTree}) and appending one {@code headers} message worth (2,000 headers and the
 * tip, one write batch). Synthetic regtest headers, mined once in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HeaderStoreBenchmark {
    private static final int MESSAGE = 2000;

    @Param({"200000"})
    public int headers;

    private Path dir;
    private NodeDatabase openDb;
    private RocksHeaderStore openStore;
    private List<StoredHeader> message;

    /** Stores {@code count} mined regtest headers above genesis into {@code chainDir}; returns the tree. */
    static HeaderTree fill(Path chainDir, int count) {
        HeaderTree tree = new HeaderTree(NetworkParameters.REGTEST.genesisBlock().header());
        List<BlockHeader> mined = ChainBenchmark.mineRegtest(count);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            List<StoredHeader> batch = new ArrayList<>();
            batch.add(tree.genesis().toStored());
            for (BlockHeader h : mined) {
                batch.add(tree.add(h).toStored());
                if (batch.size() == MESSAGE) {
                    store.append(batch, tree.bestHeader().hash());
                    batch.clear();
                }
            }
            store.append(batch, tree.bestHeader().hash());
        }
        return tree;
    }

    static HeaderTree load(Path chainDir) {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            return HeaderTree.restore(NetworkParameters.REGTEST.genesisBlock().header(), store.loadAll(), store.tip());
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("btcnode-header-bench");
        fill(dir.resolve("load"), headers);
        // One headers message: 2,000 headers with their index data, written again each time.
        HeaderTree tree = new HeaderTree(NetworkParameters.REGTEST.genesisBlock().header());
        message = new ArrayList<>();
        ChainBenchmark.mineRegtest(MESSAGE).forEach(h -> message.add(tree.add(h).toStored()));
        openDb = NodeDatabase.openChainDatabase(dir.resolve("append"));
        openStore = new RocksHeaderStore(openDb);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        openDb.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Open the database, read every header, rebuild the tree, close. */
    @Benchmark
    public HeaderTree loadAll() {
        HeaderTree tree = load(dir.resolve("load"));
        if (tree.size() != headers + 1) {
            throw new IllegalStateException("loaded " + tree.size());
        }
        return tree;
    }

    /** One write batch of 2,000 headers and the tip, as after a full headers message. */
    @Benchmark
    public int append2000() {
        openStore.append(message, message.get(MESSAGE - 1).hash());
        return message.size();
    }
}
