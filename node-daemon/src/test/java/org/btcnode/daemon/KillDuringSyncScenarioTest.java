package org.btcnode.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.sync.ChainSync;
import org.btcnode.net.transport.TransportOptions;
import org.btcnode.store.rocksdb.KillScenario;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksBlockStore;
import org.btcnode.store.rocksdb.RocksHeaderStore;
import org.junit.jupiter.api.Test;

/**
 * kill -9 in the middle of a sync, three times: a child JVM ({@link SyncingChildMain}) syncs
 * 3,000 regtest blocks from a node in this JVM over 127.0.0.1 into RocksDB (header index and flat
 * block files) and is killed after it reported some heights. Each time the database opens, the
 * header index holds all 3,000 headers and nothing claims a block the block store lacks, the
 * active tip is at or above the last height reported, every block up to it is byte-identical, and
 * at most the blocks in flight (16) sit above it. Then a node on the same stores finishes the sync.
 */
class KillDuringSyncScenarioTest extends KillScenario {
    private static final NetworkParameters PARAMS = NetworkParameters.REGTEST;
    private static final int BLOCKS = 3000;
    private static final int ROUNDS = 3;
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static P2PNetwork start(ConnectionOptions connection, List<InetSocketAddress> bind, HeaderStore headers,
            BlockStore blocks) throws Exception {
        InstantSource clock = InstantSource.system();
        return P2PNetwork.start(new P2PNetwork.Setup(PARAMS, connection, TransportOptions.defaults().withIoThreads(1),
                bind, new InMemoryBanStore(), AddrMan.load(new InMemoryAddressBookStore(), new Random(2), clock), null,
                clock, headers, blocks, Bootstrap.Options.disabled()));
    }

    @Test
    void aNodeKilledWhileSyncingReopensWithItsIndexIntactAndFinishes() throws Exception {
        long start = Instant.now().getEpochSecond() - 3600 - 60L * BLOCKS;
        List<Block> chain = RegtestBlocks.chain(PARAMS.genesisHash(), 0, start, BLOCKS, 60, 41);
        MemoryHeaderStore headersA = new MemoryHeaderStore();
        MemoryBlockStore blocksA = new MemoryBlockStore();
        RegtestBlocks.preload(headersA, blocksA, chain);
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (P2PNetwork source = start(ConnectionOptions.defaults("0.1.0").withConnect(List.of()), List.of(loopback),
                headersA, blocksA)) {
            int port = source.boundAddresses().get(0).getPort();
            long lastReported = 0;
            for (int round = 0; round < ROUNDS; round++) {
                long reported = runAndKill(SyncingChildMain.class, 300 + 300 * round, Integer.toString(port));
                assertThat(reported).isGreaterThan(lastReported);
                try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                    RocksHeaderStore headers = new RocksHeaderStore(db);
                    RocksBlockStore blocks = RocksBlockStore.openInChainDir(db, chainDir, PARAMS.magic());
                    checkAfterKill(round, reported, chain, headers, blocks);
                }
                lastReported = reported;
            }
            // the same stores, in this JVM: the rest of the chain arrives, every block as the source has it
            Hash256 last = chain.get(BLOCKS - 1).hash();
            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                RocksHeaderStore headers = new RocksHeaderStore(db);
                RocksBlockStore blocks = RocksBlockStore.openInChainDir(db, chainDir, PARAMS.magic());
                try (P2PNetwork resumed = start(ConnectionOptions.defaults("0.1.0")
                        .withConnect(List.of(source.boundAddresses().get(0))), List.of(), headers, blocks)) {
                    awaitTip(resumed, last);
                }
                for (Block b : chain) {
                    assertThat(blocks.get(b.hash())).contains(Bytes.of(b.toByteArray()));
                }
            }
        }
    }

    private static void checkAfterKill(int round, long reported, List<Block> chain, RocksHeaderStore headers,
            RocksBlockStore blocks) {
        List<StoredHeader> index = List.copyOf(headers.loadAll());
        assertThat(index).as("round %d: every header", round).hasSize(BLOCKS + 1);
        assertThat(headers.tip()).contains(chain.get(BLOCKS - 1).hash());
        for (StoredHeader h : index) {
            if ((h.status() & BlockStatus.BLOCK_HAVE_DATA) != 0) {
                assertThat(blocks.contains(h.header().hash())).as("round %d: height %d claims its block", round,
                        h.height()).isTrue();
            }
        }
        ChainSync sync = ChainSync.start(PARAMS, headers, blocks, InstantSource.system(), new Random(3));
        int tip = sync.activeTip().height();
        assertThat(tip).as("round %d: nothing reported is lost", round).isGreaterThanOrEqualTo((int) reported);
        for (int h = 1; h <= tip; h++) {
            Block b = chain.get(h - 1);
            assertThat(blocks.get(b.hash())).as("round %d: block %d", round, h).contains(Bytes.of(b.toByteArray()));
        }
        int above = 0;
        for (int h = tip + 1; h <= BLOCKS; h++) {
            above += blocks.contains(chain.get(h - 1).hash()) ? 1 : 0;
        }
        assertThat(above).as("round %d: stored above the tip", round)
                .isLessThanOrEqualTo(ChainSync.MAX_BLOCKS_IN_TRANSIT_PER_PEER);
    }

    private static void awaitTip(P2PNetwork node, Hash256 tip) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!node.queryChain(c -> c.activeTip().hash()).equals(tip)) {
            assertThat(System.nanoTime() - deadline).as("the resumed node reaches the tip within %s", WAIT)
                    .isNegative();
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }
}
