package org.btcnode.daemon.rpc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.params.Chain;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.sync.ChainSync;

/**
 * The chain as chain sync knows it (node-net's {@code ChainSync}): each call is one query on the
 * node-logic thread, so each answer is a consistent snapshot. "blocks" and the tip are the active
 * tip (stored and CheckBlock-checked blocks; no script is verified yet). Before the network has
 * started, the genesis view answers. Thread-safe.
 */
public final class NetworkChainView implements ChainView {
    private static final int STORAGE_HEADER_SIZE = 8;
    private final NetworkParameters params;
    private final Supplier<P2PNetwork> network;
    private final GenesisChainView beforeStart;

    /** @param network the running network, or null before it started */
    public NetworkChainView(NetworkParameters params, Supplier<P2PNetwork> network) {
        this.params = Objects.requireNonNull(params, "params");
        this.network = Objects.requireNonNull(network, "network");
        this.beforeStart = new GenesisChainView(params);
    }

    private Optional<P2PNetwork> running() {
        return Optional.ofNullable(network.get());
    }

    @Override
    public NetworkParameters params() {
        return params;
    }

    @Override
    public int height() {
        return running().map(n -> n.queryChain(ChainSync::activeHeight)).orElse(0);
    }

    @Override
    public int headerHeight() {
        return running().map(n -> n.queryChain(c -> c.bestHeader().height())).orElse(0);
    }

    @Override
    public IndexedHeader tip() {
        return running().map(n -> n.queryChain(c -> indexed(c, c.activeTip()))).orElseGet(beforeStart::tip);
    }

    @Override
    public Optional<Hash256> blockHash(int height) {
        return running().map(n -> n.queryChain(c -> c.hashAtHeight(height))).orElseGet(() -> beforeStart.blockHash(height));
    }

    @Override
    public Optional<IndexedHeader> header(Hash256 hash) {
        return running().map(n -> n.queryChain(c -> c.tree().get(hash).map(e -> indexed(c, e))))
                .orElseGet(() -> beforeStart.header(hash));
    }

    @Override
    public Optional<Block> block(Hash256 hash) {
        Optional<Bytes> raw = running().map(n -> n.queryChain(c -> c.tree().get(hash)
                .filter(e -> (e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0)
                .flatMap(e -> c.blockStore().get(hash)))).orElse(null);
        if (raw == null) {
            return beforeStart.block(hash);
        }
        return raw.map(b -> Block.CODEC.decodeExactly(b.toByteArray()));      // decoded here, not on node logic
    }

    @Override
    public List<ChainTip> chainTips() {
        return running().map(n -> n.queryChain(c -> c.chainTips().stream()
                .map(t -> new ChainTip(t.height(), t.hash(), t.branchLen(), t.status())).toList()))
                .orElseGet(beforeStart::chainTips);
    }

    /**
     * No chainTxData yet: regtest reports 1 as Core does; other chains the share of the header
     * chain whose blocks are stored and checked (blocks / headers), which says how far download
     * got, not how much was verified.
     */
    @Override
    public double verificationProgress() {
        if (params.chain() == Chain.REGTEST) {
            return 1.0;
        }
        return running().map(n -> n.queryChain(c -> c.bestHeader().height() == 0 ? 0.0
                : (double) c.activeHeight() / c.bestHeader().height())).orElse(0.0);
    }

    @Override
    public boolean initialBlockDownload() {
        return running().map(n -> n.queryChain(ChainSync::isInitialBlockDownload)).orElse(true);
    }

    /** The stored blocks' bytes plus Core's 8-byte record header (magic, length) per block in its blk files. */
    @Override
    public long sizeOnDisk() {
        return running().map(n -> n.queryChain(c -> c.blockStore().sizeBytes() + STORAGE_HEADER_SIZE * c.storedBlocks()))
                .orElseGet(beforeStart::sizeOnDisk);
    }

    /** CBlockIndex as the RPCs print it; nTx is known only for blocks we hold (read from the store). */
    private static IndexedHeader indexed(ChainSync c, BlockIndexEntry e) {
        int txCount = 0;
        if ((e.status() & BlockStatus.BLOCK_HAVE_DATA) != 0) {
            txCount = c.blockStore().get(e.hash()).map(NetworkChainView::transactionCount).orElse(0);
        }
        Optional<Hash256> next = c.isActive(e) ? c.hashAtHeight(e.height() + 1) : Optional.empty();
        return new IndexedHeader(e.header(), e.height(), e.chainWork().value(), e.medianTimePast(), txCount, next,
                c.isActive(e));
    }

    /** The transaction count after the 80-byte header (a CompactSize), without decoding the block. */
    private static int transactionCount(Bytes raw) {
        int first = raw.getUnsigned(80);
        if (first < 0xfd) {
            return first;
        }
        int n = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= (long) raw.getUnsigned(81 + i) << (8 * i);
        }
        return (int) v;
    }

    @Override
    public List<String> warnings() {
        return running().map(n -> n.query(m -> m.health().report().blockchainWarnings())).orElse(List.of());
    }
}
