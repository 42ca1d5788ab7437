package org.btcnode.net.health;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.log.LogText;
import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.types.Bytes;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.connman.ConnectionManager;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.health.HealthReport.Figures;
import org.btcnode.net.health.HealthReport.MessageRate;
import org.btcnode.net.peer.Peer;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.PeerLogic;
import org.btcnode.net.peer.PeerState;
import org.btcnode.net.peer.PeerStats;
import org.btcnode.net.transport.Violation;

/**
 * The network health monitor: once a minute on the node-logic clock ({@link #evaluate()}, run by
 * the connection manager) it measures the peer table, the address book, the message rates, the
 * tip and the peers' clocks ({@link Figures}) and decides which {@link HealthCondition}s hold.
 * A condition that starts to hold is logged as one WARNING line with its figures, again at most
 * once an hour while it holds, and one INFO line when it clears; the active warnings are in
 * {@link #report()} for getnetworkinfo and the metrics.
 *
 * <p>It also acts: every message passes {@link #admit} (per-peer budgets, {@link MessageBudget}:
 * a flooding peer is throttled, then disconnected as {@link Violation#MESSAGE_FLOOD}, which Core's
 * MaybeDiscourageAndDisconnect rules turn into discouragement, never for a noban or manual peer
 * and never for a local one); while outbound diversity is low, {@link #preferUnconnectedGroups()}
 * tells outbound selection to prefer network groups we have no connection to. The clock check
 * also runs at each outbound version, as Core's TimeOffsets::WarnIfOutOfSync does.
 *
 * <p>Node-logic thread only; the thresholds are documented per condition in docs/security.md.
 */
public final class NetworkHealth {
    /** How often the monitor looks. */
    public static final Duration EVALUATION_INTERVAL = Duration.ofMinutes(1);
    /** A warning that still holds is logged again after this long. */
    public static final Duration WARNING_REPEAT_INTERVAL = Duration.ofHours(1);
    /** After start, outbound diversity is judged only once the slots had time to fill. */
    public static final Duration OUTBOUND_GRACE = Duration.ofMinutes(5);
    /** Outbound peers that must all come from one source group before that alone is suspicious. */
    public static final int OUTBOUND_SOURCE_MIN_PEERS = 4;
    /** The new table must hold this many addresses before its sources are judged. */
    public static final int ADDRMAN_SOURCE_MIN_NEW = 1_000;
    /**
     * The most of the new table one source group may fill, in percent: Core spreads a source group
     * over 64 of the 1,024 new buckets (1/16 of the table), so a quarter means one source fed us
     * at least four times what its buckets could hold of a table filled evenly.
     */
    public static final int ADDRMAN_SOURCE_MAX_PERCENT = 25;
    /** Inbound connections from one network group that make a warning: as many as all our full-relay outbound peers. */
    public static final int INBOUND_GROUP_WARN = ConnectionManager.MAX_OUTBOUND_FULL_RELAY_CONNECTIONS;
    /** Peers past the handshake needed before their user agents are judged. */
    public static final int VERSION_MIN_PEERS = 10;
    /** More than this share of peers with one user agent, in percent, is a warning. */
    public static final int VERSION_MAX_PERCENT = 80;
    /** A message rate at this multiple of its baseline (or more) is a flood. */
    public static final int FLOOD_FACTOR = 10;
    /** The least baseline per peer and minute of a message type, so that a quiet start is not a flood at once. */
    static final double RATE_FLOOR_PER_MINUTE = 60;
    /** getdata's: a peer downloading blocks from us sends one per block or so. */
    static final double GETDATA_RATE_FLOOR_PER_MINUTE = 600;
    /** Weight of one minute in the moving baseline: an exponential average over about an hour. */
    static final double BASELINE_WEIGHT = 1.0 / 60;
    /**
     * net_processing.cpp TipMayBeStale: no new tip for 3 × nPowTargetSpacing, the 10 minutes every
     * chain here (main, test, signet, regtest) has.
     */
    public static final Duration STALE_TIP_AGE = Duration.ofMinutes(30);
    /** Outbound peers past the handshake that make a peer count healthy: half the full-relay slots. */
    public static final int STALE_TIP_MIN_OUTBOUND = ConnectionManager.MAX_OUTBOUND_FULL_RELAY_CONNECTIONS / 2;

    private static final MessageType[] TYPES = MessageType.values();

    private final ConnectionOptions options;
    private final InstantSource clock;
    private final AddrMan addrMan;
    private final Collection<Peer> peers;
    private final PeerLogic peerLogic;
    private final MessageBudget budget = new MessageBudget();
    private final TimeOffsets timeOffsets = new TimeOffsets();
    private final Instant started;
    private final double[] totalBaseline = new double[TYPES.length];
    private final double[] peerBaseline = new double[TYPES.length];
    private final Map<HealthCondition, Active> active = new EnumMap<>(HealthCondition.class);
    private Instant lastEvaluation;
    private Instant evaluated;
    private int lastTipHeight = -1;
    private Instant lastTipUpdate;
    private Figures figures = Figures.NONE;
    private Map<String, MessageRate> lastRates = Map.of();

    /** An active warning: its current text and when it was last logged. */
    private static final class Active {
        String text;
        Instant lastLogged;
    }

    /** The message rates of one window and, if one is a flood, the warning text. */
    private record Rates(Map<String, MessageRate> rates, Optional<String> flood) {}

    /**
     * @param peers     the peer table, read live at each evaluation
     * @param peerLogic what a flooding peer's violation goes through; its chain gives the tip
     */
    public NetworkHealth(ConnectionOptions options, InstantSource clock, AddrMan addrMan, Collection<Peer> peers,
            PeerLogic peerLogic) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.addrMan = Objects.requireNonNull(addrMan, "addrMan");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.peerLogic = Objects.requireNonNull(peerLogic, "peerLogic");
        this.started = clock.instant();
        this.lastEvaluation = started;
        this.evaluated = started;
        this.lastTipUpdate = started;
    }

    // ---------------------------------------------------------------- per message

    /**
     * Counts the message against the peer's budget: true to process it, false to drop it
     * (throttled). The message that takes a peer to {@link MessageBudget#FLOOD_DISCONNECT_DROPS}
     * drops within a window also reports it as {@link Violation#MESSAGE_FLOOD}.
     */
    public boolean admit(Peer peer, Message message) {
        if (!peer.state().isOpen()) {
            return true;                                 // node logic ignores it anyway
        }
        return switch (budget.admit(peer, message, clock.instant())) {
            case PROCESS -> true;
            case THROTTLE -> false;
            case FLOOD -> {
                MessageBudget.Limit limit = MessageBudget.limit(message.type());
                peerLogic.violation(peer, Violation.MESSAGE_FLOOD, String.format(Locale.ROOT,
                        "message flood: %d messages over budget dropped within a minute (%s: %d/s, burst %d)",
                        MessageBudget.FLOOD_DISCONNECT_DROPS, commandKey(message.type()),
                        (long) limit.messagesPerSecond(), limit.messageBurst()));
                if (!peer.state().isOpen()) {
                    budget.countFloodDisconnect();
                }
                yield false;
            }
        };
    }

    /** The peer left: its counts stay in the current minute, then it is forgotten. */
    public void peerDisconnected(PeerId id) {
        budget.peerDisconnected(id);
    }

    /**
     * An outbound peer's version arrived (Core: net_processing.cpp "version", for every
     * connection that is not inbound): its clock offset becomes a sample and the clock warning
     * is checked at once.
     */
    public void onOutboundVersion(Peer peer) {
        timeOffsets.add(peer.timeOffset());
        update(HealthCondition.CLOCK_OFFSET, timeOffsets.outOfSync() ? TimeOffsets.WARNING : null, clock.instant());
    }

    /**
     * Core's getnetworkinfo {@code timeoffset} since v28: the median offset of the last 50
     * outbound peers' clocks, 0 with fewer than five.
     */
    public Duration clockOffsetMedian() {
        return timeOffsets.median();
    }

    /** Whether the next outbound and feeler connections should prefer network groups we have no connection to. */
    public boolean preferUnconnectedGroups() {
        return active.containsKey(HealthCondition.OUTBOUND_DIVERSITY);
    }

    // ---------------------------------------------------------------- once a minute

    /** Measures, decides every condition, logs what changed; returns the new report. */
    public HealthReport evaluate() {
        Instant now = clock.instant();
        Duration elapsed = Duration.between(lastEvaluation, now);
        lastEvaluation = now;
        evaluated = now;
        Rates rates = rates(budget.closeWindow(), elapsed, peers.size());
        lastRates = rates.rates();
        noteTip(now);
        figures = measure(now, lastRates);
        for (HealthCondition c : HealthCondition.values()) {
            update(c, warningText(c, figures, now, rates.flood()), now);
        }
        return report();
    }

    /** The last evaluation's figures and the warnings active now. */
    public HealthReport report() {
        return new HealthReport(evaluated, figures, warnings());
    }

    /**
     * The figures measured now (the message rates of the last full minute) and the warnings
     * active now, for a metrics scrape; decides nothing and logs nothing.
     */
    public HealthReport current() {
        Instant now = clock.instant();
        noteTip(now);
        return new HealthReport(now, measure(now, lastRates), warnings());
    }

    private List<HealthWarning> warnings() {
        List<HealthWarning> warnings = new ArrayList<>(active.size());
        active.forEach((c, a) -> warnings.add(new HealthWarning(c, a.text)));
        return warnings;
    }

    /** Core's m_last_tip_update, as seen from here: the time the tip's height was first seen to change. */
    private void noteTip(Instant now) {
        int height = peerLogic.chain().activeHeight();
        if (height != lastTipHeight) {
            lastTipHeight = height;
            lastTipUpdate = now;
        }
    }

    /** The per-peer budgets (tests). */
    MessageBudget budget() {
        return budget;
    }

    /** Starts, repeats or clears one condition's warning; {@code text} null means it does not hold. */
    private void update(HealthCondition c, String text, Instant now) {
        Active a = active.get(c);
        if (text == null) {
            if (a != null) {
                active.remove(c);
                c.logger().info("cleared: {}", describe(c, figures));
            }
            return;
        }
        if (a == null) {
            a = new Active();
            active.put(c, a);
        } else if (now.isBefore(a.lastLogged.plus(WARNING_REPEAT_INTERVAL))) {
            a.text = text;
            return;
        }
        a.text = text;
        a.lastLogged = now;
        c.logger().warn("{}", c == HealthCondition.CLOCK_OFFSET ? text + " (" + describe(c, figures) + ")" : text);
    }

    /** The warning of a condition that holds, else null. */
    private String warningText(HealthCondition c, Figures f, Instant now, Optional<String> flood) {
        return switch (c) {
            case OUTBOUND_DIVERSITY -> lowOutboundDiversity(f, now) ? describe(c, f) + "; possible eclipse attack:"
                    + " new outbound and feeler connections prefer network groups we are not connected to" : null;
            case ADDRESS_SOURCES -> f.addrmanNew() >= ADDRMAN_SOURCE_MIN_NEW
                    && 100L * f.largestSourceGroup() > (long) ADDRMAN_SOURCE_MAX_PERCENT * f.addrmanNew()
                    ? describe(c, f) + "; possible sybil attack on the address book" : null;
            case INBOUND_CONCENTRATION -> f.largestInboundGroup() >= INBOUND_GROUP_WARN
                    ? describe(c, f) + "; possible sybil attack (eviction protects peers of other groups first)" : null;
            case VERSION_CONCENTRATION -> f.versionPeers() >= VERSION_MIN_PEERS
                    && 100L * f.largestUserAgentPeers() > (long) VERSION_MAX_PERCENT * f.versionPeers()
                    ? describe(c, f) + "; possibly many nodes of one operator" : null;
            case MESSAGE_FLOOD -> flood.orElse(null);
            case STALE_TIP -> f.sinceTipUpdate().compareTo(STALE_TIP_AGE) > 0
                    && f.tipOutboundPeers() >= STALE_TIP_MIN_OUTBOUND && !blocksInFlight()
                    ? describe(c, f) + "; possible eclipse attack or network partition" : null;
            case CLOCK_OFFSET -> timeOffsets.outOfSync() ? TimeOffsets.WARNING : null;
        };
    }

    /**
     * Fewer than half of the automatic outbound slots in distinct groups, or all of at least
     * four outbound peers learned from one source group; judged after the start-up grace, with
     * automatic outbound on and at least one outbound peer (none at all is not an eclipse).
     */
    private boolean lowOutboundDiversity(Figures f, Instant now) {
        if (f.outboundSlots() == 0 || f.outboundPeers() == 0 || now.isBefore(started.plus(OUTBOUND_GRACE))) {
            return false;
        }
        return f.outboundGroups() * 2 < f.outboundSlots()
                || (f.outboundPeers() >= OUTBOUND_SOURCE_MIN_PEERS && f.largestOutboundSource() == f.outboundPeers());
    }

    /** The figures of one condition, as its warning and its clearing line show them. */
    private String describe(HealthCondition c, Figures f) {
        return switch (c) {
            case OUTBOUND_DIVERSITY -> String.format(Locale.ROOT, "outbound diversity %d/%d network groups (%d"
                    + " automatic outbound peers, at most %d in one group, %d learned from one source group)",
                    f.outboundGroups(), f.outboundSlots(), f.outboundPeers(), f.largestOutboundGroup(),
                    f.largestOutboundSource());
            case ADDRESS_SOURCES -> String.format(Locale.ROOT, "address book sources: one network group told us %d"
                    + " of the %d new-table addresses (%d%%), the three largest %d%%", f.largestSourceGroup(),
                    f.addrmanNew(), percent(f.largestSourceShare()), percent(f.topSourcesShare()));
            case INBOUND_CONCENTRATION -> String.format(Locale.ROOT, "inbound concentration: %d of %d inbound"
                    + " connections from one network group", f.largestInboundGroup(), f.inboundPeers());
            case VERSION_CONCENTRATION -> String.format(Locale.ROOT, "version concentration: %d of %d peers (%d%%)"
                    + " announce the user agent \"%s\"", f.largestUserAgentPeers(), f.versionPeers(),
                    percent(f.largestUserAgentShare()), f.largestUserAgent());
            case MESSAGE_FLOOD -> "message rates within " + FLOOD_FACTOR + "x their baselines";
            case STALE_TIP -> String.format(Locale.ROOT, "stale tip: no new block for %d minutes (height %d) with %d"
                    + " outbound peers connected", f.sinceTipUpdate().toMinutes(), f.tipHeight(), f.tipOutboundPeers());
            case CLOCK_OFFSET -> String.format(Locale.ROOT, "median clock offset %+d s over the last %d outbound peers",
                    timeOffsets.median().toSeconds(), timeOffsets.size());
        };
    }

    private static int percent(double share) {
        return (int) Math.round(share * 100);
    }

    // ---------------------------------------------------------------- measuring

    private Figures measure(Instant now, Map<String, MessageRate> rates) {
        int slots = options.automaticOutbound()
                ? options.maxAutomaticOutbound() - ConnectionManager.MAX_FEELER_CONNECTIONS : 0;
        Map<Bytes, Integer> outboundGroups = new HashMap<>();
        Map<Bytes, Integer> outboundSources = new HashMap<>();
        Map<Bytes, Integer> inboundGroups = new HashMap<>();
        Map<String, Integer> agents = new HashMap<>();
        int outbound = 0;
        int inbound = 0;
        int ready = 0;
        int tipOutbound = 0;
        long minOffset = 0;
        long maxOffset = 0;
        long addrRateLimited = 0;
        for (Peer p : peers) {
            if (!p.state().isOpen()) {
                continue;
            }
            boolean isReady = p.state() == PeerState.READY;
            switch (p.connectionType()) {
                case OUTBOUND_FULL_RELAY, BLOCK_RELAY -> {
                    if (isReady) {
                        outbound++;
                        tipOutbound++;
                        outboundGroups.merge(NetGroup.group(p.address()), 1, Integer::sum);
                        addrMan.source(p.address(), p.remoteAddress().getPort()).map(NetGroup::group)
                                .filter(NetworkHealth::routableGroup)
                                .ifPresent(g -> outboundSources.merge(g, 1, Integer::sum));
                    }
                }
                case MANUAL -> tipOutbound += isReady ? 1 : 0;
                case INBOUND -> {
                    if (NetGroup.isRoutable(p.address())) {
                        inbound++;
                        inboundGroups.merge(NetGroup.group(p.address()), 1, Integer::sum);
                    }
                }
                case FEELER, ADDR_FETCH -> { }
            }
            addrRateLimited += p.addrRateLimited();
            if (isReady) {
                long offset = p.timeOffset().toSeconds();
                minOffset = ready == 0 ? offset : Math.min(minOffset, offset);
                maxOffset = ready == 0 ? offset : Math.max(maxOffset, offset);
                ready++;
                agents.merge(p.userAgent(), 1, Integer::sum);
            }
        }
        String topAgent = "";
        int topAgentPeers = 0;
        for (Map.Entry<String, Integer> e : agents.entrySet()) {
            if (e.getValue() > topAgentPeers) {
                topAgentPeers = e.getValue();
                topAgent = e.getKey();
            }
        }
        int[] top = topThreeRoutableSources();
        return new Figures(outbound, slots, outboundGroups.size(), max(outboundGroups), max(outboundSources),
                addrMan.newCount(), top[0], top[0] + top[1] + top[2], inbound, max(inboundGroups), ready,
                topAgentPeers, LogText.sanitize(topAgent), lastTipHeight, Duration.between(lastTipUpdate, now),
                tipOutbound, timeOffsets.size(), timeOffsets.median(), Duration.ofSeconds(minOffset),
                Duration.ofSeconds(maxOffset), rates, budget.throttledTotal(), budget.floodDisconnects(),
                addrRateLimited);
    }

    /** The new-table counts of the three largest routable source groups, largest first (one pass, no sort). */
    private int[] topThreeRoutableSources() {
        int[] top = new int[3];
        for (Map.Entry<Bytes, Integer> e : addrMan.newCountsBySourceGroup().entrySet()) {
            if (!routableGroup(e.getKey())) {
                continue;                                // seeds (Core's internal addresses) and local sources
            }
            int n = e.getValue();
            if (n > top[0]) {
                top[2] = top[1];
                top[1] = top[0];
                top[0] = n;
            } else if (n > top[1]) {
                top[2] = top[1];
                top[1] = n;
            } else if (n > top[2]) {
                top[2] = n;
            }
        }
        return top;
    }

    /** NetGroup writes the network class first; 0 is Core's NET_UNROUTABLE (local, private, internal). */
    private static boolean routableGroup(Bytes group) {
        return group.getUnsigned(0) != 0;
    }

    private static int max(Map<?, Integer> counts) {
        int m = 0;
        for (int n : counts.values()) {
            m = Math.max(m, n);
        }
        return m;
    }

    /** Whether any peer has blocks in flight (TipMayBeStale waits while blocks are on their way). */
    private boolean blocksInFlight() {
        for (Peer p : peers) {
            if (p.state().isOpen() && !peerLogic.chain().stats(p).inflight().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per-minute rates of the closed window against their baselines, then the baselines move: each
     * minute weighs {@link #BASELINE_WEIGHT}, capped at twice the reference, so that a flood is
     * absorbed only slowly. Answers to our own requests (block, headers, ...) are not watched.
     */
    private Rates rates(MessageBudget.Window window, Duration elapsed, int connected) {
        double minutes = Math.max(elapsed.toMillis(), 1_000) / 60_000.0;
        int peerCount = Math.max(1, connected);
        Map<String, MessageRate> rates = new HashMap<>();
        String flood = null;
        double worst = 0;
        for (int t = 0; t < TYPES.length; t++) {
            MessageType type = TYPES[t];
            if (!MessageBudget.limit(type).watched()) {
                continue;
            }
            double total = window.total()[t] / minutes;
            double largest = window.largestPeer()[t] / minutes;
            double floor = type == MessageType.GETDATA ? GETDATA_RATE_FLOOR_PER_MINUTE : RATE_FLOOR_PER_MINUTE;
            double totalReference = Math.max(totalBaseline[t], floor * peerCount);
            double peerReference = Math.max(peerBaseline[t], floor);
            double totalRatio = total / totalReference;
            double peerRatio = largest / peerReference;
            double ratio = Math.max(totalRatio, peerRatio);
            if (ratio >= FLOOD_FACTOR && ratio > worst) {
                worst = ratio;
                PeerId top = window.largestPeerId()[t];
                flood = peerRatio >= totalRatio
                        ? String.format(Locale.ROOT, "message flood: %s at %.0f/min from one peer, %.0fx the per-peer"
                                + " baseline of %.0f/min (%.0f/min from all peers), peer=%s", commandKey(type),
                                largest, peerRatio, peerReference, total, top)
                        : String.format(Locale.ROOT, "message flood: %s at %.0f/min from all peers, %.0fx the"
                                + " baseline of %.0f/min; the most from one peer %.0f/min, peer=%s", commandKey(type),
                                total, totalRatio, totalReference, largest, top);
            }
            if (total > 0 || totalBaseline[t] > 0) {
                rates.put(commandKey(type), new MessageRate(total, totalBaseline[t], largest));
            }
            totalBaseline[t] += BASELINE_WEIGHT * (Math.min(total, 2 * totalReference) - totalBaseline[t]);
            peerBaseline[t] += BASELINE_WEIGHT * (Math.min(total / peerCount, 2 * peerReference) - peerBaseline[t]);
        }
        return new Rates(rates, Optional.ofNullable(flood));
    }

    /** The key getpeerinfo's per-message maps use: the command, or {@code *other*} for unknown ones. */
    private static String commandKey(MessageType type) {
        return type == MessageType.UNKNOWN ? PeerStats.MESSAGE_TYPE_OTHER : type.command();
    }
}
