package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.chain.BlockValidationState;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.ChainStores;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.junit.jupiter.api.Test;

/**
 * Block relay over real sockets on 127.0.0.1 between four nodes in a diamond: B and C connect to
 * A, D connects to B and C. A block mined on A reaches D through B or C, a block mined on D
 * reaches A the other way, and every node asks for each block exactly once: one {@code getdata}
 * per block per node, so no peer is asked twice and D never asks both of its peers.
 */
class BlockGossipIT {
    /** Every node starts with these: recent, so no node is in initial block download and all announce. */
    private static final List<Block> SHARED = ChainStores.recentChain(5, Instant.now(), 21);
    /** OP_TRUE, the fixture's payout script. */
    private static final Bytes OP_TRUE = Bytes.of((byte) 0x51);

    private static P2PNetwork node(ConnectionOptions options) throws Exception {
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        ChainStores.preload(headers, blocks, SHARED);
        return LoopbackNode.start(options, LoopbackNode.transport(), InstantSource.system(), headers, blocks);
    }

    private static ConnectionOptions connectingTo(P2PNetwork... peers) {
        List<InetSocketAddress> targets = new ArrayList<>();
        for (P2PNetwork p : peers) {
            targets.add(LoopbackNode.address(p));
        }
        return LoopbackNode.listenOnly().withConnect(targets);
    }

    /** Mines a block on the node's active tip as generatetoaddress does and hands it to its chain. */
    private static Block mine(P2PNetwork node) {
        return node.queryChain(c -> {
            Block template = BlockAssembler.createNewBlock(c.activeTip(), OP_TRUE, List.of(),
                    Instant.now().getEpochSecond(), LoopbackNode.PARAMS.consensus());
            Block block = BlockAssembler.solve(template, BlockAssembler.DEFAULT_MAX_TRIES,
                    LoopbackNode.PARAMS.consensus()).block().orElseThrow();
            assertThat(c.processNewBlock(block)).isEqualTo(BlockValidationState.VALID);
            return block;
        });
    }

    private static Hash256 tip(P2PNetwork node) {
        return node.queryChain(c -> c.activeTip().hash());
    }

    /** The getdata requests for this block that any node in this JVM logged ("Requesting block <hash> …"). */
    private static List<String> requestsFor(Block block) {
        String prefix = "Requesting block " + block.hash() + " ";
        return CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text).filter(t -> t.startsWith(prefix))
                .toList();
    }

    @Test
    void aBlockCrossesTheDiamondBothWaysAndIsAskedForOncePerNode() throws Exception {
        CapturedLogs.clear();
        try (P2PNetwork a = node(LoopbackNode.listenOnly());
             P2PNetwork b = node(connectingTo(a));
             P2PNetwork c = node(connectingTo(a));
             P2PNetwork d = node(connectingTo(b, c))) {
            List<P2PNetwork> all = List.of(a, b, c, d);
            Poll.await(Duration.ofSeconds(30), () -> all.stream().allMatch(n -> LoopbackNode.ready(n) == 2),
                    "every node has its two peers");
            Hash256 shared = SHARED.get(SHARED.size() - 1).hash();
            assertThat(all).allMatch(n -> tip(n).equals(shared));

            Block fromA = mine(a);
            Poll.await(Duration.ofSeconds(30), () -> all.stream().allMatch(n -> tip(n).equals(fromA.hash())),
                    "the block mined on A is every node's tip");
            Block fromD = mine(d);
            Poll.await(Duration.ofSeconds(30), () -> all.stream().allMatch(n -> tip(n).equals(fromD.hash())),
                    "the block mined on D is every node's tip");

            for (Block block : List.of(fromA, fromD)) {
                // three nodes lacked it: three requests in all means one per node, from one peer
                assertThat(requestsFor(block)).as("getdata for %s", block.hash()).hasSize(3);
                for (P2PNetwork n : all) {
                    Optional<Bytes> stored = n.queryChain(ch -> ch.blockStore().get(block.hash()));
                    assertThat(stored).contains(Bytes.of(block.toByteArray()));
                }
            }
            // D had no way to A but through B or C, and A none to D but through them
            int peersOfD = d.query(m -> m.peers().size());
            boolean allInboundOnA = a.query(m -> m.peers().stream().allMatch(p -> p.inbound()));
            assertThat(peersOfD).isEqualTo(2);
            assertThat(allInboundOnA).isTrue();
            assertThat(all).allMatch(n -> n.queryChain(ch -> ch.blocksInFlight()) == 0);
        }
    }
}
