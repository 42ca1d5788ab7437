package org.btcnode.net.sync;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.btcnode.core.chain.BlockIndexEntry;
import org.btcnode.core.chain.HeadersSyncState;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.peer.Peer;

/**
 * The chain state of one peer (net_processing.cpp's {@code CNodeState} and the sync fields of its
 * {@code Peer}). Node-logic thread only.
 */
final class SyncPeer {
    /** How many block hashes the peer is remembered to know (our bounded stand-in for a rolling bloom filter). */
    static final int MAX_KNOWN_BLOCKS = 5_000;

    final Peer peer;
    /** Core's fPreferredDownload: outbound (not addr-fetch) or noban, and serving blocks. */
    final boolean preferredDownload;
    /** pindexBestKnownBlock: the best block the peer is known to have. */
    BlockIndexEntry bestKnownBlock;
    /** hashLastUnknownBlock: an announced block whose header we did not know yet. */
    Hash256 lastUnknownBlock;
    /** pindexLastCommonBlock: the last block we and the peer both have, for the download walk. */
    BlockIndexEntry lastCommonBlock;
    /** pindexBestHeaderSent: the best header we sent it. */
    BlockIndexEntry bestHeaderSent;
    /** fSyncStarted: we asked it for headers from our best header. */
    boolean syncStarted;
    /** m_headers_sync_timeout: null when disabled. */
    Instant headersSyncTimeout;
    /** m_last_getheaders_timestamp: null when no getheaders awaits an answer. */
    Instant lastGetHeaders;
    /** m_inv_triggered_getheaders_before_sync. */
    boolean invTriggeredGetHeadersBeforeSync;
    /** m_headers_sync: the low-work pre-sync in progress, or null. */
    HeadersSyncState headersSync;
    /** Core's m_getdata_requests: items asked for and not yet answered, served as the send queue allows. */
    final ArrayDeque<Inventory> getDataQueue = new ArrayDeque<>();
    /** vBlocksInFlight: hash → entry, in request order. */
    final Map<Hash256, BlockIndexEntry> inFlight = new LinkedHashMap<>();
    /** m_downloading_since: when the first block in flight was requested (moved on as blocks arrive). */
    Instant downloadingSince = Instant.EPOCH;
    /** m_stalling_since: null when not stalling. */
    Instant stallingSince;
    /** m_blocks_for_headers_relay: blocks to announce, oldest first. */
    final List<Hash256> blocksForHeadersRelay = new ArrayList<>();
    /** m_continuation_block: sending it answers the last getblocks batch with an inv of our tip. */
    Hash256 continuationBlock;
    /** m_last_block_announcement: when it last sent a new header with more work than our tip; EPOCH if never. */
    Instant lastBlockAnnouncement = Instant.EPOCH;
    /** m_chain_sync.m_protect: an outbound full-relay peer kept by the extra-peer eviction. */
    boolean protectFromEviction;
    /** Block hashes the peer has (announced, sent, or we announced to it); bounded, oldest dropped. */
    private final Set<Hash256> known = new LinkedHashSet<>();

    SyncPeer(Peer peer, boolean preferredDownload) {
        this.peer = peer;
        this.preferredDownload = preferredDownload;
    }

    void addKnown(Hash256 hash) {
        if (known.remove(hash) || known.size() < MAX_KNOWN_BLOCKS) {
            known.add(hash);
            return;
        }
        known.remove(known.iterator().next());
        known.add(hash);
    }

    boolean knows(Hash256 hash) {
        return known.contains(hash);
    }

    int knownCount() {
        return known.size();
    }

    /** Core's PeerHasHeader: the block is an ancestor of its best known block or of the best header we sent. */
    boolean hasHeader(BlockIndexEntry e) {
        return (bestKnownBlock != null && bestKnownBlock.getAncestor(e.height()) == e)
                || (bestHeaderSent != null && bestHeaderSent.getAncestor(e.height()) == e);
    }
}
