package org.btcnode.net.peer;

import java.time.Instant;
import java.util.List;

import org.btcnode.core.message.Message;

/**
 * The seam between the per-peer protocol ({@link PeerLogic}) and chain sync (net.sync's
 * {@code ChainSync}): {@code PeerLogic} hands it the chain messages (headers, getheaders,
 * getblocks, inv, getdata, notfound, block) after the ordering rules and calls it from its
 * {@code SendMessages}. Node-logic thread only.
 */
public interface ChainHandler {
    /** The version handshake of this peer finished (after our {@code sendheaders}). */
    void peerReady(Peer peer, PeerLogic logic);

    /** One chain message from a READY peer. */
    void processMessage(Peer peer, Message message, PeerLogic logic);

    /** Core's SendMessages for the chain: sync start, block requests, stalling and timeouts, announcements. */
    void sendMessages(Peer peer, PeerLogic logic);

    /** The peer's send queue moved on (a block encoded, or the queue drained): resume held-back serving. */
    default void sendQueueProgress(Peer peer, PeerLogic logic) {
    }

    /** The peer is gone (Core's FinalizeNode): its blocks in flight may go to others. */
    void peerDisconnected(Peer peer);

    /** The active tip's height: {@code version}'s start height. */
    int activeHeight();

    /** getpeerinfo's chain fields of this peer. */
    PeerSyncStats stats(Peer peer);

    /**
     * net_processing.cpp TipMayBeStale: the active tip has not moved for three target spacings
     * (30 minutes on mainnet) and no block is in flight. The first call starts the clock.
     */
    boolean tipMayBeStale();

    /** When the active tip last moved (Core's {@code m_last_tip_update}); EPOCH before the first stale-tip check. */
    Instant lastTipUpdate();

    /** What net_processing.cpp EvictExtraOutboundPeers weighs of this peer. */
    EvictionState evictionState(Peer peer);

    /**
     * One peer's chain state for EvictExtraOutboundPeers: when it last announced a header with
     * more work than our tip (Core's {@code m_last_block_announcement}; EPOCH if never), whether
     * it is protected from eviction ({@code m_chain_sync.m_protect}) and how many blocks we
     * await from it. Immutable.
     */
    record EvictionState(Instant lastBlockAnnouncement, boolean protectedFromEviction, int blocksInFlight) {
        public static final EvictionState NONE = new EvictionState(Instant.EPOCH, false, 0);
    }

    /**
     * getpeerinfo's {@code presynced_headers}, {@code synced_headers}, {@code synced_blocks} (-1
     * when unknown) and {@code inflight} (heights of the blocks requested from the peer). Immutable.
     */
    record PeerSyncStats(int presyncedHeaders, int syncedHeaders, int syncedBlocks, List<Integer> inflight) {
        public static final PeerSyncStats NONE = new PeerSyncStats(-1, -1, -1, List.of());

        public PeerSyncStats {
            inflight = List.copyOf(inflight);
        }
    }

    /** No chain: chain messages are ignored with a debug line (tests of the peer manager alone). */
    ChainHandler NONE = new ChainHandler() {
        @Override
        public void peerReady(Peer peer, PeerLogic logic) {
        }

        @Override
        public void processMessage(Peer peer, Message message, PeerLogic logic) {
            PeerLogic.ignore(peer, message);
        }

        @Override
        public void sendMessages(Peer peer, PeerLogic logic) {
        }

        @Override
        public void peerDisconnected(Peer peer) {
        }

        @Override
        public int activeHeight() {
            return 0;
        }

        @Override
        public PeerSyncStats stats(Peer peer) {
            return PeerSyncStats.NONE;
        }

        @Override
        public boolean tipMayBeStale() {
            return false;
        }

        @Override
        public Instant lastTipUpdate() {
            return Instant.EPOCH;
        }

        @Override
        public EvictionState evictionState(Peer peer) {
            return EvictionState.NONE;
        }
    };
}
