package org.btcnode.core.store;

import java.util.Optional;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;

/**
 * Block data on disk (Core's {@code blocks/blk*.dat}): the serialized blocks the node downloaded
 * and checked, by block hash, kept as the bytes that came off the wire so that serving a block is
 * a copy, not a re-encoding. Whether a header's block is here is also recorded in the header
 * index ({@code BlockStatus.BLOCK_HAVE_DATA}); after a crash this store is the truth (a block
 * written without its status update is found again at start-up). Blocking: called from node
 * logic or a worker, never from an event loop. Throws {@link StoreException}.
 */
public interface BlockStore {
    /** The serialized block (with witnesses), if stored. */
    Optional<Bytes> get(Hash256 hash);

    boolean contains(Hash256 hash);

    /** Stores one block durably enough that a crash after return keeps it (one write batch). */
    void put(Hash256 hash, Bytes serializedBlock);

    /** Total bytes of stored blocks (getblockchaininfo's {@code size_on_disk}, roughly). */
    long sizeBytes();
}
