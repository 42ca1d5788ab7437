package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.btcnode.net.peer.PeerId;

/**
 * What eviction knows about one connected peer: Core's node/eviction.h {@code NodeEvictionCandidate},
 * field for field, taken as a snapshot by the node-logic thread. Immutable.
 *
 * @param id               the peer ({@code id})
 * @param connected        when the connection was made ({@code m_connected})
 * @param minPingTime      the lowest ping round trip seen, {@link #NO_PING} if none yet ({@code m_min_ping_time})
 * @param lastBlockTime    when the peer last sent us a novel block, {@link Instant#EPOCH} if never ({@code m_last_block_time})
 * @param lastTxTime       when the peer last sent us a novel transaction for our mempool, {@link Instant#EPOCH} if never ({@code m_last_tx_time})
 * @param relevantServices the peer has all the services we want ({@code fRelevantServices})
 * @param relayTxs         the peer asked us to relay transactions to it ({@code m_relay_txs})
 * @param bloomFilter      the peer loaded a BIP 37 bloom filter ({@code fBloomFilter})
 * @param keyedNetGroup    the peer's network group, hashed with our secret key ({@code nKeyedNetGroup}, compared unsigned)
 * @param preferEvict      the peer's address was discouraged when it connected, so it goes first ({@code prefer_evict})
 * @param isLocal          the peer's address is a local one, e.g. 127.0.0.1 from a Tor hidden service ({@code m_is_local})
 * @param network          the network the peer is connected through ({@code m_network})
 * @param noBan            the peer has the noban permission ({@code m_noban}); never evicted
 * @param connectionType   inbound or one of the outbound kinds ({@code m_conn_type}); only inbound is evicted
 */
public record EvictionCandidate(
        PeerId id,
        Instant connected,
        Duration minPingTime,
        Instant lastBlockTime,
        Instant lastTxTime,
        boolean relevantServices,
        boolean relayTxs,
        boolean bloomFilter,
        long keyedNetGroup,
        boolean preferEvict,
        boolean isLocal,
        Network network,
        boolean noBan,
        ConnectionType connectionType) {

    /** The ping time of a peer that has not answered a ping yet (Core: microseconds::max()). */
    public static final Duration NO_PING = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);

    public EvictionCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(connected, "connected");
        Objects.requireNonNull(minPingTime, "minPingTime");
        Objects.requireNonNull(lastBlockTime, "lastBlockTime");
        Objects.requireNonNull(lastTxTime, "lastTxTime");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(connectionType, "connectionType");
    }

    /** Whether this peer counts for the given disadvantaged-network slot of the ratio protection. */
    boolean inProtectedClass(boolean localhostClass, Network classNetwork) {
        return localhostClass ? isLocal : network == classNetwork;
    }
}
