package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.sync.ChainSnapshot;
import org.btcnode.net.testing.ChainStores;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.junit.jupiter.api.Test;

/**
 * Real sockets on 127.0.0.1: node A holds 2,000 regtest blocks, node B connects with -connect,
 * syncs the headers and downloads the blocks; B restarted on the same stores resumes at A's tip.
 */
class ChainSyncIT {
    private static final int BLOCKS = 2000;

    @Test
    void aFreshNodeSyncsTwoThousandBlocksAndResumesAfterARestart() throws Exception {
        List<Block> chain = ChainStores.recentChain(BLOCKS, Instant.now(), 7);
        MemoryHeaderStore headersA = new MemoryHeaderStore();
        MemoryBlockStore blocksA = new MemoryBlockStore();
        ChainStores.preload(headersA, blocksA, chain);
        MemoryHeaderStore headersB = new MemoryHeaderStore();
        MemoryBlockStore blocksB = new MemoryBlockStore();
        Hash256 tip = chain.get(BLOCKS - 1).hash();

        try (P2PNetwork a = LoopbackNode.start(LoopbackNode.listenOnly(), LoopbackNode.transport(),
                InstantSource.system(), headersA, blocksA)) {
            int heightA = a.queryChain(c -> c.activeTip().height());
            assertThat(heightA).isEqualTo(BLOCKS);
            InetSocketAddress addressA = LoopbackNode.address(a);
            try (P2PNetwork b = LoopbackNode.start(LoopbackNode.listenOnly().withConnect(List.of(addressA)),
                    LoopbackNode.transport(), InstantSource.system(), headersB, blocksB)) {
                Poll.await(Duration.ofSeconds(60), () -> b.queryChain(c -> c.activeTip().hash()).equals(tip),
                        "B's active tip reaches A's");
                ChainSnapshot snapshot = b.queryChain(c -> c.snapshot());
                assertThat(snapshot.bestHeader().height()).isEqualTo(BLOCKS);
                assertThat(snapshot.activeTip().hash()).isEqualTo(tip);
                List<Hash256> hashesB = b.queryChain(c -> {
                    List<Hash256> out = new ArrayList<>();
                    for (int h = 1; h <= BLOCKS; h++) {
                        out.add(c.hashAtHeight(h).orElseThrow());
                    }
                    return out;
                });
                assertThat(hashesB).containsExactlyElementsOf(chain.stream().map(Block::hash).toList());
                for (Block block : chain) {
                    assertThat(blocksB.get(block.hash())).contains(Bytes.of(block.toByteArray()));
                }
                List<ChainSnapshot.ChainTip> tips = b.queryChain(c -> c.chainTips());
                assertThat(tips).singleElement().satisfies(t -> assertThat(t.status()).isEqualTo("active"));
            }
            // B again on the same stores: nothing to download, the tip is where it was
            try (P2PNetwork b = LoopbackNode.start(LoopbackNode.listenOnly().withConnect(List.of(addressA)),
                    LoopbackNode.transport(), InstantSource.system(), headersB, blocksB)) {
                ChainSnapshot resumed = b.queryChain(c -> c.snapshot());
                assertThat(resumed.activeTip().hash()).isEqualTo(tip);
                assertThat(resumed.bestHeader().height()).isEqualTo(BLOCKS);
                assertThat(resumed.initialBlockDownload()).isFalse();
                int inFlight = b.queryChain(c -> c.blocksInFlight());
                assertThat(inFlight).isZero();
            }
        }
    }
}
