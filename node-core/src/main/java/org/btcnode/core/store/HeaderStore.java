package org.btcnode.core.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/**
 * The header index on disk (Core's block index in {@code blocks/index}): every header the node
 * accepted with its height, chain work and status bits, and the best header. Node logic appends
 * what {@code HeaderTree} accepted and loads everything once at start-up to rebuild the tree.
 * Blocking: called from node logic, never from an event loop. Throws {@link StoreException}.
 */
public interface HeaderStore {
    Optional<StoredHeader> get(Hash256 hash);

    /** The best header when last written; empty for a new database. */
    Optional<Hash256> tip();

    /**
     * Writes the headers (new ones, or known ones whose status changed) and the new tip in one
     * write batch: after a crash, all or none.
     */
    void append(List<StoredHeader> headers, Hash256 newTip);

    /** Every stored header, in no particular order; {@code HeaderTree.restore} sorts them. */
    List<StoredHeader> loadAll();

    /**
     * One stored header. Immutable.
     *
     * @param header    the 80-byte header
     * @param height    its height (genesis 0)
     * @param chainWork total work of the chain up to and including it
     * @param status    chain.h {@code BlockStatus} bits ({@code org.btcnode.core.chain.BlockStatus})
     */
    record StoredHeader(BlockHeader header, int height, ChainWork chainWork, int status) {
        public StoredHeader {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(chainWork, "chainWork");
            if (height < 0) {
                throw new IllegalArgumentException("negative height " + height);
            }
        }

        public Hash256 hash() {
            return header.hash();
        }
    }
}
