package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.btcnode.core.log.LogCategory;
import org.btcnode.net.peer.ChainHandler;
import org.btcnode.net.peer.ChainHandler.EvictionState;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.peer.PeerState;
import org.slf4j.Logger;

/**
 * net_processing.cpp CheckForStaleTipAndEvictPeers, the part about outbound full-relay peers:
 * every {@link #EXTRA_PEER_CHECK_INTERVAL} the peer beyond our eight full-relay slots that least
 * recently announced a block is disconnected (EvictExtraOutboundPeers), and every
 * {@link #STALE_CHECK_INTERVAL} a tip that may be stale ({@link ChainHandler#tipMayBeStale}) lets
 * the connection manager open one extra full-relay connection (Core's
 * {@code m_try_another_outbound_peer}), so that a node cut off from new blocks finds a peer that has
 * them. Owned by the {@link ConnectionManager}; node-logic thread only.
 *
 * <p>Not yet as Core: the block-relay-only half (the extra block-relay peer rotation) and the
 * eviction of outbound peers whose chain lags ({@code ConsiderEviction}).
 */
final class StaleTipCheck {
    /** net_processing.cpp: EXTRA_PEER_CHECK_INTERVAL, how often CheckForStaleTipAndEvictPeers runs. */
    static final Duration EXTRA_PEER_CHECK_INTERVAL = Duration.ofSeconds(45);
    /** net_processing.cpp: STALE_CHECK_INTERVAL, how often the tip is checked for staleness. */
    static final Duration STALE_CHECK_INTERVAL = Duration.ofMinutes(10);
    /** net_processing.cpp: MINIMUM_CONNECT_TIME, an extra peer gets this long before it may be evicted. */
    static final Duration MINIMUM_CONNECT_TIME = Duration.ofSeconds(30);

    private static final Logger log = LogCategory.NET.logger();

    private final int maxOutboundFullRelay;
    /** CConnman::m_try_another_outbound_peer. */
    private boolean tryNewOutboundPeer;
    /** m_stale_tip_check_time. */
    private Instant nextStaleTipCheck = Instant.EPOCH;

    StaleTipCheck(int maxOutboundFullRelay) {
        this.maxOutboundFullRelay = maxOutboundFullRelay;
    }

    /** CConnman::GetTryNewOutboundPeer: open one full-relay connection beyond the slots. */
    boolean tryNewOutboundPeer() {
        return tryNewOutboundPeer;
    }

    /**
     * One run of CheckForStaleTipAndEvictPeers.
     *
     * @param automaticOutbound whether the network is active and outbound peers come from the
     *                          address book (Core's GetNetworkActive and GetUseAddrmanOutgoing)
     */
    void run(Instant now, Collection<Peer> peers, PeerLogic logic, boolean automaticOutbound) {
        ChainHandler chain = logic.chain();
        evictExtraOutboundPeers(now, peers, chain, logic);
        if (now.isAfter(nextStaleTipCheck)) {
            if (automaticOutbound && chain.tipMayBeStale()) {
                log.info("Potential stale tip detected, will try using extra outbound peer (last tip update: {} "
                        + "seconds ago)", Duration.between(chain.lastTipUpdate(), now).toSeconds());
                tryNewOutboundPeer = true;
            } else if (tryNewOutboundPeer) {
                tryNewOutboundPeer = false;
            }
            nextStaleTipCheck = now.plus(STALE_CHECK_INTERVAL);
        }
    }

    /**
     * net_processing.cpp EvictExtraOutboundPeers for full-relay peers: with more than eight, the
     * one (not protected, not the only full-relay or manual connection to its network) whose
     * last block announcement is oldest, the most recent connection among equals, is
     * disconnected if it has been connected for 30 seconds and we await no block from it. A
     * disconnection ends the extra attempt until the tip is found stale again.
     */
    private void evictExtraOutboundPeers(Instant now, Collection<Peer> peers, ChainHandler chain, PeerLogic logic) {
        if (extraFullOutboundCount(peers) <= 0) {
            return;
        }
        Peer worst = null;
        Instant oldestAnnouncement = Instant.MAX;
        for (Peer p : peers) {
            if (p.connectionType() != ConnectionType.OUTBOUND_FULL_RELAY || !p.state().isOpen()) {
                continue;
            }
            EvictionState state = chain.evictionState(p);
            if (state.protectedFromEviction()
                    || !multipleManualOrFullOutboundConns(peers, NetGroup.network(p.address()))) {
                continue;
            }
            int order = state.lastBlockAnnouncement().compareTo(oldestAnnouncement);
            if (order < 0 || (order == 0 && worst != null && p.id().value() > worst.id().value())) {
                worst = p;
                oldestAnnouncement = state.lastBlockAnnouncement();
            }
        }
        if (worst == null) {
            return;
        }
        int inFlight = chain.evictionState(worst).blocksInFlight();
        Duration connected = Duration.between(worst.stats().connected(), now);
        if (connected.compareTo(MINIMUM_CONNECT_TIME) > 0 && inFlight == 0) {
            log.debug("disconnecting extra outbound peer={} (last block announcement received at time {})",
                    worst.id(), oldestAnnouncement.getEpochSecond());
            logic.disconnect(worst, "extra outbound peer");
            tryNewOutboundPeer = false;
        } else {
            log.debug("keeping outbound peer={} chosen for eviction (connect time: {}, blocks_in_flight: {})",
                    worst.id(), worst.stats().connected().getEpochSecond(), inFlight);
        }
    }

    /** CConnman::GetExtraFullOutboundCount: connected full-relay peers beyond the slots. */
    private int extraFullOutboundCount(Collection<Peer> peers) {
        int fullOutbound = 0;
        for (Peer p : peers) {
            fullOutbound += p.state() == PeerState.READY && p.connectionType() == ConnectionType.OUTBOUND_FULL_RELAY
                    ? 1 : 0;
        }
        return Math.max(fullOutbound - maxOutboundFullRelay, 0);
    }

    /** CConnman::MultipleManualOrFullOutboundConns: more than one such connection to this network. */
    private static boolean multipleManualOrFullOutboundConns(Collection<Peer> peers, Network network) {
        int n = 0;
        for (Peer p : peers) {
            ConnectionType t = p.connectionType();
            if ((t == ConnectionType.OUTBOUND_FULL_RELAY || t == ConnectionType.MANUAL)
                    && NetGroup.network(p.address()) == network) {
                n++;
            }
        }
        return n > 1;
    }
}
