package org.btcnode.net.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The health monitor's last word: when it last evaluated, the figures it looked at and the
 * warnings active now, in {@link HealthCondition} order. Immutable; any thread may read it.
 */
public record HealthReport(Instant evaluated, Figures figures, List<HealthWarning> warnings) {
    public HealthReport {
        Objects.requireNonNull(evaluated, "evaluated");
        Objects.requireNonNull(figures, "figures");
        warnings = List.copyOf(warnings);
    }

    /** Whether this condition's warning is active. */
    public boolean active(HealthCondition condition) {
        return warnings.stream().anyMatch(w -> w.condition() == condition);
    }

    /** getnetworkinfo's {@code warnings}: every active warning's text (Core's format since v28: an array of strings). */
    public List<String> networkWarnings() {
        return warnings.stream().map(HealthWarning::text).toList();
    }

    /**
     * getblockchaininfo's {@code warnings}: those Core puts there too. Core's node warnings appear in
     * every RPC's warnings; of ours only the clock one is Core's, the rest are about the network.
     */
    public List<String> blockchainWarnings() {
        return warnings.stream().filter(w -> w.condition() == HealthCondition.CLOCK_OFFSET).map(HealthWarning::text)
                .toList();
    }

    /**
     * One message type's rate over the last window, per minute: received from all peers, its
     * moving baseline, and the most from one peer.
     */
    public record MessageRate(double perMinute, double baselinePerMinute, double largestPeerPerMinute) {}

    /**
     * What one evaluation looked at.
     *
     * @param outboundPeers         automatic outbound peers (full-relay and block-relay-only) past the handshake
     * @param outboundSlots         their slots (-maxconnections permitting, 8 + 2); 0 without automatic outbound
     * @param outboundGroups        distinct network groups among those peers
     * @param largestOutboundGroup  the most of those peers in one group
     * @param largestOutboundSource the most of those peers whose address came from one (routable) source group
     * @param addrmanNew            addresses in the new table
     * @param largestSourceGroup    new-table addresses from the largest routable source group
     * @param topSourceGroups       new-table addresses from the three largest routable source groups
     * @param inboundPeers          inbound connections from routable addresses
     * @param largestInboundGroup   the most of those in one network group
     * @param versionPeers          peers past the handshake
     * @param largestUserAgentPeers the most of those with one user agent
     * @param largestUserAgent      that user agent, sanitised ("" if none)
     * @param tipHeight             the active tip's height
     * @param sinceTipUpdate        how long ago the tip last changed (or since start)
     * @param tipOutboundPeers      outbound peers past the handshake that can give us blocks (full-relay, block-relay, manual)
     * @param clockSamples          outbound peers' offsets kept (at most 50)
     * @param clockMedian           their median (0 below five), Core's getnetworkinfo timeoffset since v28
     * @param clockMin              the lowest offset among connected peers
     * @param clockMax              the highest
     * @param messageRates          per message type (command) with traffic or a baseline
     * @param throttledMessages     messages dropped over a peer's budget since start
     * @param floodDisconnects      peers disconnected for flooding since start
     * @param addrRateLimited       addresses dropped by the connected peers' addr token buckets
     */
    public record Figures(int outboundPeers, int outboundSlots, int outboundGroups, int largestOutboundGroup,
            int largestOutboundSource, int addrmanNew, int largestSourceGroup, int topSourceGroups, int inboundPeers,
            int largestInboundGroup, int versionPeers, int largestUserAgentPeers, String largestUserAgent,
            int tipHeight, Duration sinceTipUpdate, int tipOutboundPeers, int clockSamples, Duration clockMedian,
            Duration clockMin, Duration clockMax, Map<String, MessageRate> messageRates, long throttledMessages,
            long floodDisconnects, long addrRateLimited) {
        public static final Figures NONE = new Figures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "", 0, Duration.ZERO, 0,
                0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Map.of(), 0, 0, 0);

        public Figures {
            Objects.requireNonNull(largestUserAgent, "largestUserAgent");
            Objects.requireNonNull(sinceTipUpdate, "sinceTipUpdate");
            messageRates = Collections.unmodifiableMap(new TreeMap<>(messageRates));
        }

        /** Share of the new table held by the largest routable source group, 0 to 1. */
        public double largestSourceShare() {
            return addrmanNew == 0 ? 0 : (double) largestSourceGroup / addrmanNew;
        }

        /** Share of the new table held by the three largest routable source groups, 0 to 1. */
        public double topSourcesShare() {
            return addrmanNew == 0 ? 0 : (double) topSourceGroups / addrmanNew;
        }

        /** Share of the peers past the handshake that announce the commonest user agent, 0 to 1. */
        public double largestUserAgentShare() {
            return versionPeers == 0 ? 0 : (double) largestUserAgentPeers / versionPeers;
        }
    }
}
