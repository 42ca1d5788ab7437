package org.btcnode.net.health;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.GetData;
import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.net.connman.NetPermissionFlag;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;

/**
 * What each peer sent us, per message type, since the last health evaluation, and the per-peer
 * budgets that throttle a flooding peer. Each message type a peer sends unasked has a token
 * bucket per peer ({@link Limit}); {@code inv} and {@code getdata} also one of inventory entries.
 * A message over its budget is dropped unprocessed (throttled; one debug line per peer and
 * window); a peer that has {@link #FLOOD_DISCONNECT_DROPS} messages dropped within one window is
 * reported as flooding, once, for the caller to disconnect.
 *
 * <p>Core has no such per-message budget: it stops reading from a peer whose unprocessed messages
 * exceed -maxreceivebuffer (fPauseRecv, which the transport does here too), caps the count per
 * message (MAX_INV_SZ, which the codec enforces) and the addresses per second (AddrRelay's token
 * bucket, which stays as it is). Our budgets sit far above what Core itself sends (at most one
 * transaction inv per 2 s trickle per peer, INVENTORY_BROADCAST_MAX = 1,000 entries each, one
 * block announcement per block, an addr every 30 s, a ping every 2 minutes), so an honest peer
 * never meets them; a peer that does costs node logic one counter per message from then on.
 * {@code noban} peers are counted but never throttled, nor is anyone's {@code ping}
 * ({@link Limit#UNLIMITED}). Node-logic thread only.
 */
public final class MessageBudget {
    /** Dropped messages within one window after which a peer is reported as flooding. */
    public static final int FLOOD_DISCONNECT_DROPS = 1_000;

    private static final Logger log = LogCategory.NET.logger();
    private static final MessageType[] TYPES = MessageType.values();

    /**
     * A per-peer budget: a bucket of messages (rate per second, burst) and, for inventory
     * messages, one of entries; {@code watched} says whether the health monitor compares the
     * type's rate with its baseline. Immutable.
     */
    public record Limit(boolean watched, double messagesPerSecond, int messageBurst, double entriesPerSecond,
            int entryBurst) {
        /** Answers to our own requests: bounded by what we asked for and by -maxreceivebuffer; not watched. */
        static final Limit NONE = new Limit(false, 0, 0, 0, 0);
        /**
         * ping: watched, never throttled. Each ping costs one pong, a peer that does not read its
         * pongs is disconnected at -maxsendbuffer (as Core relies on its send buffer), and peers
         * that measure latency ping back to back (the P2P load benchmark does 15,000 a second).
         */
        static final Limit UNLIMITED = new Limit(true, 0, 0, 0, 0);

        boolean limited() {
            return messageBurst > 0;
        }

        boolean limitsEntries() {
            return entryBurst > 0;
        }
    }

    /** Every other unasked message type: 100 a second, 1,000 at once. */
    static final Limit DEFAULT = new Limit(true, 100, 1_000, 0, 0);
    /**
     * inv: 10 messages a second, 100 at once (a Core peer sends one per trickle, every 2 to 5 s on
     * average, plus one per block), and 5,000 entries a second with one full MAX_INV_SZ message at
     * once. Every inv within budget goes through chain sync, so this is the budget that most
     * decides what a flooder costs node logic before it is throttled.
     */
    static final Limit INV = new Limit(true, 10, 100, 5_000, Inv.MAX_INV_SZ);
    /**
     * getdata: a peer downloading blocks from us asks as fast as we deliver, so ten times the
     * messages; entries as inv. Core's own getdata brake is the send buffer (fPauseSend), here
     * -maxsendbuffer, which disconnects.
     */
    static final Limit GETDATA = new Limit(true, 1_000, 10_000, 5_000, GetData.MAX_INV_SZ);

    /** The budget of one message type. */
    public static Limit limit(MessageType type) {
        return switch (type) {
            case BLOCK, HEADERS, NOTFOUND, CFILTER, CFHEADERS, CFCHECKPT, BLOCKTXN, MERKLEBLOCK -> Limit.NONE;
            case INV -> INV;
            case GETDATA -> GETDATA;
            case PING -> Limit.UNLIMITED;
            case VERSION, VERACK, ADDR, ADDRV2, SENDADDRV2, GETBLOCKS, GETHEADERS, TX, GETADDR, MEMPOOL, PONG,
                    FILTERLOAD, FILTERADD, FILTERCLEAR, SENDHEADERS, FEEFILTER, SENDCMPCT, CMPCTBLOCK, GETBLOCKTXN,
                    GETCFILTERS, GETCFHEADERS, GETCFCHECKPT, WTXIDRELAY, UNKNOWN -> DEFAULT;
        };
    }

    /** What to do with one message. */
    public enum Decision {
        /** Within budget (or not budgeted): process it. */
        PROCESS,
        /** Over budget: drop it unprocessed. */
        THROTTLE,
        /** Over budget, and the peer has now had {@link #FLOOD_DISCONNECT_DROPS} dropped: drop it and disconnect. */
        FLOOD
    }

    /** A token bucket on the node clock; starts full. */
    private static final class Bucket {
        private final double rate;
        private final double burst;
        private double tokens;
        private Instant last;

        Bucket(double rate, double burst, Instant now) {
            this.rate = rate;
            this.burst = burst;
            this.tokens = burst;
            this.last = now;
        }

        boolean take(double amount, Instant now) {
            if (now.isAfter(last)) {
                double seconds = Duration.between(last, now).toNanos() / 1e9;
                tokens = Math.min(burst, tokens + seconds * rate);
                last = now;
            }
            if (tokens < amount) {
                return false;
            }
            tokens -= amount;
            return true;
        }
    }

    /** One peer's counters (this window) and buckets. */
    private static final class PeerCounters {
        final long[] received = new long[TYPES.length];
        final Bucket[] messages = new Bucket[TYPES.length];
        final Bucket[] entries = new Bucket[TYPES.length];
        long dropped;
        boolean throttleLogged;
        boolean floodReported;
        /** Disconnected: its counts still belong to this window, then it is forgotten. */
        boolean gone;
    }

    /**
     * One closed window: per message type (indexed by ordinal) the messages received from all
     * peers, the most from one peer and which peer that was; the messages dropped. Immutable
     * by convention (the arrays are not shared).
     */
    record Window(long[] total, long[] largestPeer, PeerId[] largestPeerId, long dropped) {}

    private final Map<PeerId, PeerCounters> peers = new HashMap<>();
    private long throttledTotal;
    private long floodDisconnects;

    /** Counts the message and decides whether it is within the peer's budget. */
    public Decision admit(Peer peer, Message message, Instant now) {
        PeerCounters c = peers.computeIfAbsent(peer.id(), id -> new PeerCounters());
        int type = message.type().ordinal();
        c.received[type]++;
        Limit limit = limit(message.type());
        if (!limit.limited() || peer.hasPermission(NetPermissionFlag.NOBAN)) {
            return Decision.PROCESS;
        }
        if (c.messages[type] == null) {
            c.messages[type] = new Bucket(limit.messagesPerSecond(), limit.messageBurst(), now);
            if (limit.limitsEntries()) {
                c.entries[type] = new Bucket(limit.entriesPerSecond(), limit.entryBurst(), now);
            }
        }
        boolean within = c.messages[type].take(1, now)
                && (c.entries[type] == null || c.entries[type].take(entries(message), now));
        if (within) {
            return Decision.PROCESS;
        }
        c.dropped++;
        throttledTotal++;
        if (!c.throttleLogged) {
            c.throttleLogged = true;
            log.debug("throttling {}: over its budget of {}/s (burst {}), dropping what exceeds it, peer={}",
                    message.type().command(), (long) limit.messagesPerSecond(), limit.messageBurst(), peer.id());
        }
        if (c.dropped >= FLOOD_DISCONNECT_DROPS && !c.floodReported) {
            c.floodReported = true;
            return Decision.FLOOD;
        }
        return Decision.THROTTLE;
    }

    /** Entries of an inv or getdata, the only types with an entry budget. */
    private static int entries(Message message) {
        return message instanceof Inv inv ? inv.inventory().size() : ((GetData) message).inventory().size();
    }

    /** A flooding peer was disconnected (for the totals). */
    void countFloodDisconnect() {
        floodDisconnects++;
    }

    /** The peer is gone; its counts stay in the current window. */
    public void peerDisconnected(PeerId id) {
        PeerCounters c = peers.get(id);
        if (c != null) {
            c.gone = true;
        }
    }

    /** Sums the window, starts the next one and forgets the peers that left. */
    Window closeWindow() {
        long[] total = new long[TYPES.length];
        long[] largest = new long[TYPES.length];
        PeerId[] largestId = new PeerId[TYPES.length];
        long dropped = 0;
        for (Iterator<Map.Entry<PeerId, PeerCounters>> it = peers.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<PeerId, PeerCounters> e = it.next();
            PeerCounters c = e.getValue();
            for (int t = 0; t < TYPES.length; t++) {
                long n = c.received[t];
                if (n == 0) {
                    continue;
                }
                total[t] += n;
                if (n > largest[t]) {
                    largest[t] = n;
                    largestId[t] = e.getKey();
                }
                c.received[t] = 0;
            }
            dropped += c.dropped;
            c.dropped = 0;
            c.throttleLogged = false;
            c.floodReported = false;
            if (c.gone) {
                it.remove();
            }
        }
        return new Window(total, largest, largestId, dropped);
    }

    /** Messages dropped over budget since start. */
    public long throttledTotal() {
        return throttledTotal;
    }

    /** Peers disconnected for flooding since start. */
    public long floodDisconnects() {
        return floodDisconnects;
    }

    /** Messages dropped from this peer in the current window (tests). */
    long dropped(PeerId id) {
        PeerCounters c = peers.get(id);
        return c == null ? 0 : c.dropped;
    }
}
