package org.btcnode.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
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
 * Whole regtest nodes in this JVM for the scripted sync benchmarks ({@link HeadersSyncBenchmark},
 * {@link BlockSyncBenchmark}): a {@link P2PNetwork} with the transport's defaults (as the daemon),
 * in-memory bans and address book, no anchors file, no DNS seeds or fixed seeds; only 127.0.0.1 is
 * ever bound or dialled. Also the syncing node's chain stores, in memory or in RocksDB as the
 * daemon's {@code DatabaseService} opens them.
 */
final class LoopbackNodes {
    static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    /** -bind=127.0.0.1:0: the listening node's one address, the port chosen by the kernel. */
    static final InetSocketAddress LOOPBACK_0 = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private LoopbackNodes() {
    }

    static P2PNetwork start(ConnectionOptions connection, List<InetSocketAddress> bind, HeaderStore headers,
            BlockStore blocks) throws IOException {
        return start(connection, TransportOptions.defaults(), bind, headers, blocks);
    }

    static P2PNetwork start(ConnectionOptions connection, TransportOptions transport, List<InetSocketAddress> bind,
            HeaderStore headers, BlockStore blocks) throws IOException {
        InstantSource clock = InstantSource.system();
        return P2PNetwork.start(new P2PNetwork.Setup(REGTEST, connection, transport, bind,
                new InMemoryBanStore(), AddrMan.load(new InMemoryAddressBookStore(), new Random(1), clock), null,
                clock, headers, blocks, Bootstrap.Options.disabled()));
    }

    /** Where the syncing node keeps its chain: {@code memory} or {@code rocksdb}. */
    enum StoreKind {
        MEMORY, ROCKSDB;

        static StoreKind parse(String name) {
            return switch (name) {
                case "memory" -> MEMORY;
                case "rocksdb" -> ROCKSDB;
                default -> throw new IllegalArgumentException("store: memory or rocksdb, not " + name);
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a run does with fresh chain stores. */
    @FunctionalInterface
    interface StoreRun<T> {
        T run(HeaderStore headers, BlockStore blocks) throws Exception;
    }

    /**
     * Runs {@code body} on fresh, empty chain stores: in memory, or a new RocksDB chain database
     * with its flat block files in {@code dir} (as the daemon opens them), closed afterwards.
     */
    static <T> T withFreshStores(StoreKind kind, Path dir, StoreRun<T> body) throws Exception {
        return switch (kind) {
            case MEMORY -> body.run(new MemoryHeaderStore(), new MemoryBlockStore());
            case ROCKSDB -> {
                Files.createDirectories(dir);
                try (NodeDatabase db = NodeDatabase.openChainDatabase(dir)) {
                    yield body.run(new RocksHeaderStore(db), RocksBlockStore.openInChainDir(db, dir, REGTEST.magic()));
                }
            }
        };
    }

    /**
     * Polls {@code done} every millisecond until it holds; past {@code limit}, throws with
     * {@code state}'s description of where things stand.
     */
    static void await(Duration limit, BooleanSupplier done, Supplier<String> state) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not done after " + limit.toSeconds() + " s: " + state.get());
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** The 1-minute load average from /proc/loadavg, or "n/a" where there is none. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
