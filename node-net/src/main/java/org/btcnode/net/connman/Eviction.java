package org.btcnode.net.connman;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.btcnode.net.peer.PeerId;

/**
 * Which inbound peer to drop when a new one arrives and the inbound slots are full: Core's
 * node/eviction.cpp {@code SelectNodeToEvict} and {@code ProtectEvictionCandidatesByRatio}. Peers
 * with qualities an attacker finds hard to fake are protected in fixed numbers (network group,
 * ping, novel transactions, novel blocks), then half of the rest by uptime, with up to half of
 * those slots kept for onion, I2P, CJDNS and localhost peers; the youngest peer of the largest
 * remaining network group is chosen. Pure functions, no randomness, callable from any thread.
 *
 * <p>Differences from Core: Core sorts with {@code std::sort}, which leaves the order of equal
 * elements unspecified; here every sort is stable, so ties keep the caller's order and the result
 * is a function of the input list. Core's own tests shuffle their input and assert nothing that
 * depends on ties.
 */
public final class Eviction {

    /** eviction.cpp: peers protected by the highest keyed network group. */
    static final int PROTECT_BY_NETGROUP = 4;
    /** eviction.cpp: peers protected by the lowest minimum ping time. */
    static final int PROTECT_BY_PING = 8;
    /** eviction.cpp: peers protected by the most recent novel transaction. */
    static final int PROTECT_BY_TX = 4;
    /** eviction.cpp: non-tx-relay peers protected by the most recent novel block. */
    static final int PROTECT_BLOCK_RELAY_ONLY = 8;
    /** eviction.cpp: peers protected by the most recent novel block. */
    static final int PROTECT_BY_BLOCK = 4;

    /** Most recently connected first (eviction.cpp ReverseCompareNodeTimeConnected). */
    private static final Comparator<EvictionCandidate> YOUNGEST_FIRST =
            Comparator.comparing(EvictionCandidate::connected).reversed();

    /** Highest ping first, so the lowest pings are last (ReverseCompareNodeMinPingTime). */
    private static final Comparator<EvictionCandidate> BY_PING_DESCENDING =
            Comparator.comparing(EvictionCandidate::minPingTime).reversed();

    /** Ascending keyed network group, compared as uint64 (CompareNetGroupKeyed). */
    private static final Comparator<EvictionCandidate> BY_NETGROUP =
            (a, b) -> Long.compareUnsigned(a.keyedNetGroup(), b.keyedNetGroup());

    /** Oldest novel block first; then without wanted services first; then youngest first (CompareNodeBlockTime). */
    private static final Comparator<EvictionCandidate> BY_BLOCK_TIME =
            Comparator.comparing(EvictionCandidate::lastBlockTime)
                    .thenComparing(EvictionCandidate::relevantServices)
                    .thenComparing(YOUNGEST_FIRST);

    /**
     * Oldest novel tx first; then peers not relaying txs first; then bloom-filter peers first;
     * then youngest first (CompareNodeTXTime).
     */
    private static final Comparator<EvictionCandidate> BY_TX_TIME =
            Comparator.comparing(EvictionCandidate::lastTxTime)
                    .thenComparing(EvictionCandidate::relayTxs)
                    .thenComparing(EvictionCandidate::bloomFilter, Comparator.reverseOrder())
                    .thenComparing(YOUNGEST_FIRST);

    /**
     * Tx-relaying peers first, so that potential block-relay-only peers gather at the end; then
     * as {@link #BY_BLOCK_TIME} (CompareNodeBlockRelayOnlyTime).
     */
    private static final Comparator<EvictionCandidate> BY_BLOCK_RELAY_ONLY_TIME =
            Comparator.comparing(EvictionCandidate::relayTxs, Comparator.reverseOrder())
                    .thenComparing(EvictionCandidate::lastBlockTime)
                    .thenComparing(EvictionCandidate::relevantServices)
                    .thenComparing(YOUNGEST_FIRST);

    private Eviction() {}

    /**
     * The peer to evict, or empty if every candidate is protected (eviction.cpp SelectNodeToEvict).
     * The list may hold outbound and noban peers: they are never chosen.
     */
    public static Optional<PeerId> selectNodeToEvict(List<EvictionCandidate> candidates) {
        List<EvictionCandidate> remaining = new ArrayList<>(candidates);

        // ProtectNoBanConnections, ProtectOutboundConnections
        remaining.removeIf(c -> c.noBan() || c.connectionType() != ConnectionType.INBOUND);

        // Deterministically select 4 peers to protect by netgroup; an attacker cannot predict
        // which netgroups will be protected (the group is keyed with our secret).
        eraseLastK(remaining, BY_NETGROUP, PROTECT_BY_NETGROUP, c -> true);
        // The 8 lowest minimum pings: an attacker cannot fake these without moving nodes closer.
        eraseLastK(remaining, BY_PING_DESCENDING, PROTECT_BY_PING, c -> true);
        // The 4 that most recently sent novel transactions: that takes useful work.
        eraseLastK(remaining, BY_TX_TIME, PROTECT_BY_TX, c -> true);
        // Up to 8 non-tx-relay peers that sent novel blocks.
        eraseLastK(remaining, BY_BLOCK_RELAY_ONLY_TIME, PROTECT_BLOCK_RELAY_ONLY,
                c -> !c.relayTxs() && c.relevantServices());
        // The 4 that most recently sent novel blocks.
        eraseLastK(remaining, BY_BLOCK_TIME, PROTECT_BY_BLOCK, c -> true);

        protectEvictionCandidatesByRatio(remaining);

        if (remaining.isEmpty()) {
            return Optional.empty();
        }

        // If any remaining peers are preferred for eviction, consider only them; this comes after
        // the protections so that a peer which is the best by other criteria is kept regardless.
        if (remaining.stream().anyMatch(EvictionCandidate::preferEvict)) {
            remaining.removeIf(c -> !c.preferEvict());
        }

        // The network group with the most connections, ties broken by the youngest member; the
        // list is sorted youngest first by protectEvictionCandidatesByRatio, so each group's first
        // member is its youngest.
        Map<Long, List<EvictionCandidate>> groups = new HashMap<>();
        long mostConnectionsGroup = 0;
        int mostConnections = 0;
        EvictionCandidate mostConnectionsYoungest = null;
        for (EvictionCandidate c : remaining) {
            List<EvictionCandidate> group = groups.computeIfAbsent(c.keyedNetGroup(), k -> new ArrayList<>());
            group.add(c);
            EvictionCandidate youngest = group.get(0);
            if (group.size() > mostConnections
                    || (group.size() == mostConnections
                            && youngest.connected().isAfter(mostConnectionsYoungest.connected()))) {
                mostConnections = group.size();
                mostConnectionsYoungest = youngest;
                mostConnectionsGroup = c.keyedNetGroup();
            }
        }
        // Disconnect the youngest peer of that group.
        return Optional.of(groups.get(mostConnectionsGroup).get(0).id());
    }

    /**
     * Removes (protects) half of the candidates, those connected longest, keeping up to half of
     * those slots for peers on disadvantaged networks (CJDNS, I2P, localhost, onion), which lose
     * out on ping otherwise (eviction.cpp ProtectEvictionCandidatesByRatio). Leaves the list sorted
     * youngest first.
     */
    static void protectEvictionCandidatesByRatio(List<EvictionCandidate> candidates) {
        int initialSize = candidates.size();
        int totalProtectSize = initialSize / 2;

        // Disadvantaged networks; with equal counts, earlier entries get the first chance to use
        // slots left over from the previous round.
        List<ProtectedClass> classes = new ArrayList<>(List.of(
                new ProtectedClass(false, Network.CJDNS),
                new ProtectedClass(false, Network.I2P),
                new ProtectedClass(true, null),
                new ProtectedClass(false, Network.ONION)));
        for (ProtectedClass n : classes) {
            n.count = (int) candidates.stream().filter(n::contains).count();
        }
        // Fewest candidates first (a stable sort, as Core's std::stable_sort).
        classes.sort(Comparator.comparingInt(n -> n.count));

        // Protect up to 25% of the candidates by disadvantaged network.
        int maxProtectByNetwork = totalProtectSize / 2;
        int numProtected = 0;
        while (numProtected < maxProtectByNetwork) {
            long numNetworks = classes.stream().filter(n -> n.count > 0).count();
            if (numNetworks == 0) {
                break;
            }
            int disadvantagedToProtect = maxProtectByNetwork - numProtected;
            int protectPerNetwork = (int) Math.max(disadvantagedToProtect / numNetworks, 1);
            boolean protectedAtLeastOne = false;
            for (ProtectedClass n : classes) {
                if (n.count == 0) {
                    continue;
                }
                int before = candidates.size();
                eraseLastK(candidates, n.networkTimeOrder(), protectPerNetwork, n::contains);
                int delta = before - candidates.size();
                if (delta > 0) {
                    protectedAtLeastOne = true;
                    numProtected += delta;
                    if (numProtected >= maxProtectByNetwork) {
                        break;
                    }
                    n.count -= delta;
                }
            }
            if (!protectedAtLeastOne) {
                break;
            }
        }

        // The rest of the protected half goes to the longest connected.
        eraseLastK(candidates, YOUNGEST_FIRST, totalProtectSize - numProtected, c -> true);
    }

    /**
     * Sorts {@code list} by {@code order} (stable), then removes those of the last {@code k}
     * elements that match {@code protect} (eviction.cpp EraseLastKElements).
     */
    private static void eraseLastK(List<EvictionCandidate> list, Comparator<EvictionCandidate> order, int k,
            Predicate<EvictionCandidate> protect) {
        list.sort(order);
        int eraseSize = Math.min(k, list.size());
        List<EvictionCandidate> tail = list.subList(list.size() - eraseSize, list.size());
        tail.removeIf(protect);
    }

    /** One disadvantaged class of the ratio protection: localhost, or one network. */
    private static final class ProtectedClass {
        final boolean localhost;
        final Network network;
        int count;

        ProtectedClass(boolean localhost, Network network) {
            this.localhost = localhost;
            this.network = network;
        }

        boolean contains(EvictionCandidate c) {
            return c.inProtectedClass(localhost, network);
        }

        /**
         * Others first, members of this class last; within each, youngest first
         * (eviction.cpp CompareNodeNetworkTime).
         */
        Comparator<EvictionCandidate> networkTimeOrder() {
            Comparator<EvictionCandidate> byNetwork = localhost
                    ? Comparator.comparing(EvictionCandidate::isLocal)
                    : Comparator.comparing(c -> c.network() == network);
            return byNetwork.thenComparing(YOUNGEST_FIRST);
        }
    }
}
