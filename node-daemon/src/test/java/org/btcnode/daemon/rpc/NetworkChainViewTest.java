package org.btcnode.daemon.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Random;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Block;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.InMemoryBanStore;
import org.btcnode.net.discovery.Bootstrap;
import org.btcnode.net.transport.TransportOptions;
import org.junit.jupiter.api.Test;

class NetworkChainViewTest {
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;

    @Test
    void answersFromChainSyncAndFromGenesisBeforeTheNetworkStarts() throws Exception {
        NetworkChainView before = new NetworkChainView(REGTEST, () -> null);
        assertThat(before.height()).isZero();
        assertThat(before.tip().header()).isEqualTo(REGTEST.genesisBlock().header());
        assertThat(before.initialBlockDownload()).isTrue();

        List<Block> chain = RegtestBlocks.chain(REGTEST.genesisHash(), 0, Instant.now().getEpochSecond() - 3600, 5, 60,
                1);
        MemoryHeaderStore headers = new MemoryHeaderStore();
        MemoryBlockStore blocks = new MemoryBlockStore();
        RegtestBlocks.preload(headers, blocks, chain);
        try (P2PNetwork network = P2PNetwork.start(new P2PNetwork.Setup(REGTEST,
                ConnectionOptions.defaults("0.1.0").withConnect(List.of()), TransportOptions.defaults().withIoThreads(1),
                List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), new InMemoryBanStore(),
                AddrMan.load(new InMemoryAddressBookStore(), new Random(1), InstantSource.system()), null,
                InstantSource.system(), headers, blocks, Bootstrap.Options.disabled()))) {
            NetworkChainView view = new NetworkChainView(REGTEST, () -> network);
            assertThat(view.height()).isEqualTo(5);
            assertThat(view.headerHeight()).isEqualTo(5);
            assertThat(view.tip().header()).isEqualTo(chain.get(4).header());
            assertThat(view.blockHash(3)).contains(chain.get(2).hash());
            assertThat(view.blockHash(6)).isEmpty();
            ChainView.IndexedHeader third = view.header(chain.get(2).hash()).orElseThrow();
            assertThat(third.height()).isEqualTo(3);
            assertThat(third.txCount()).isEqualTo(1);
            assertThat(third.nextHash()).contains(chain.get(3).hash());
            assertThat(third.inActiveChain()).isTrue();
            assertThat(third.chainWork()).isEqualTo(java.math.BigInteger.valueOf(8));   // 4 blocks of work 2
            assertThat(view.block(chain.get(2).hash())).contains(chain.get(2));
            assertThat(view.chainTips()).containsExactly(new ChainView.ChainTip(5, chain.get(4).hash(), 0, "active"));
            assertThat(view.initialBlockDownload()).isFalse();
            assertThat(view.sizeOnDisk()).isEqualTo(blocks.sizeBytes() + 6 * 8);     // genesis and 5 blocks
        }
    }
}
