package org.btcnode.daemon.rpc;

import java.util.List;
import java.util.Optional;

import org.btcnode.core.params.Chain;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Hash256;

/**
 * The chain as btcnode knows it before header sync exists: the genesis block of the selected
 * network and nothing else, reported as a freshly started Core reports it (height 0, its own
 * chain work, initial block download true). Immutable.
 */
public final class GenesisChainView implements ChainView {
    /**
     * blockstorage: a block on disk is stored after the 4-byte magic and 4-byte length, so
     * Core's fresh size_on_disk is the genesis block plus eight bytes (293 on every chain but testnet4).
     */
    private static final int STORAGE_HEADER_SIZE = 8;

    private final NetworkParameters params;
    private final IndexedHeader genesis;

    public GenesisChainView(NetworkParameters params) {
        this.params = params;
        Block block = params.genesisBlock();
        this.genesis = new IndexedHeader(block.header(), 0, block.header().work(), block.header().time(),
                block.transactions().size(), Optional.empty(), true);
    }

    @Override
    public NetworkParameters params() {
        return params;
    }

    @Override
    public int height() {
        return 0;
    }

    @Override
    public int headerHeight() {
        return 0;
    }

    @Override
    public IndexedHeader tip() {
        return genesis;
    }

    @Override
    public Optional<Hash256> blockHash(int height) {
        return height == 0 ? Optional.of(params.genesisHash()) : Optional.empty();
    }

    @Override
    public Optional<IndexedHeader> header(Hash256 hash) {
        return hash.equals(params.genesisHash()) ? Optional.of(genesis) : Optional.empty();
    }

    @Override
    public Optional<Block> block(Hash256 hash) {
        return hash.equals(params.genesisHash()) ? Optional.of(params.genesisBlock()) : Optional.empty();
    }

    @Override
    public List<ChainTip> chainTips() {
        return List.of(new ChainTip(0, params.genesisHash(), 0, "active"));
    }

    /**
     * validation.cpp GuessVerificationProgress: one transaction of the chain's estimated total.
     * Regtest has no chain statistics, and Core's division by a zero estimate gives 1.
     * Differs from Core: we have no chainTxData yet, so other chains report 0 (Core: about 1e-9).
     */
    @Override
    public double verificationProgress() {
        return params.chain() == Chain.REGTEST ? 1.0 : 0.0;
    }

    /** A genesis tip is older than -maxtipage on every chain: Core is in initial block download. */
    @Override
    public boolean initialBlockDownload() {
        return true;
    }

    @Override
    public long sizeOnDisk() {
        return params.genesisBlock().size() + STORAGE_HEADER_SIZE;
    }
}
