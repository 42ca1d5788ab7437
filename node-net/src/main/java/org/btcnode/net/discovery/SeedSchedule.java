package org.btcnode.net.discovery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetworkId;
import org.slf4j.Logger;

/**
 * When to ask the DNS seeds and when to fall back to the fixed seeds: Core's
 * {@code CConnman::ThreadDNSAddressSeed} as a state machine the node loop polls, plus the
 * fixed-seed rule of {@code ThreadOpenConnections}. It does no I/O and reads no clock: every call
 * gets {@code now} and the counts it needs (address-book size, full-relay outbound connections),
 * so a test drives it with a manual clock. One per node run, on the node-logic thread.
 *
 * <p>Use: {@link #pollDns} whenever {@link DnsStep#wakeAt()} has passed (a one-second timer does);
 * on {@link DnsStep.Kind#QUERY} hand the seeds to {@link DnsSeeder} and call {@link #dnsQueried}
 * when it has answered for them; {@link #pollFixedSeeds} from the outbound-connection loop.
 */
public final class SeedSchedule {
    private static final Logger log = LogCategory.NET.logger();

    /** net.cpp: DNSSEEDS_TO_QUERY_AT_ONCE, seeds asked per round when the book is not empty. */
    public static final int DNSSEEDS_TO_QUERY_AT_ONCE = 3;
    /** net.cpp: DNSSEEDS_DELAY_FEW_PEERS, wait before asking when the book has few addresses. */
    public static final Duration DNSSEEDS_DELAY_FEW_PEERS = Duration.ofSeconds(11);
    /** net.cpp: DNSSEEDS_DELAY_MANY_PEERS, wait before asking when the book has many addresses. */
    public static final Duration DNSSEEDS_DELAY_MANY_PEERS = Duration.ofMinutes(5);
    /** net.cpp: DNSSEEDS_DELAY_PEER_THRESHOLD, "many" vs "few" addresses. */
    public static final int DNSSEEDS_DELAY_PEER_THRESHOLD = 1000;
    /** net.h: SEED_OUTBOUND_CONNECTION_THRESHOLD, full-relay outbound peers that make seeding unnecessary. */
    public static final int SEED_OUTBOUND_CONNECTION_THRESHOLD = 2;
    /** net.cpp: SEEDNODE_TIMEOUT, how long -seednode gets before the DNS seeds are asked. */
    public static final Duration SEEDNODE_TIMEOUT = Duration.ofSeconds(30);
    /** net.cpp: how often ThreadDNSAddressSeed looks at the outbound count while -seednode works. */
    static final Duration SEEDNODE_POLL = Duration.ofMillis(500);
    /** net.cpp ThreadOpenConnections: other sources get one minute before the fixed seeds are added. */
    public static final Duration FIXED_SEEDS_DELAY = Duration.ofMinutes(1);

    /**
     * What the node starts with (node-daemon maps the options onto it). Immutable.
     *
     * @param dnsSeed        -dnsseed (false: no DNS queries at all)
     * @param forceDnsSeed   -forcednsseed: ask every seed at once whatever the book holds
     * @param fixedSeeds     -fixedseeds
     * @param haveSeedNodes  -seednode was given
     * @param haveAddedNodes -addnode was given (or the addnode RPC added one)
     */
    public record Config(boolean dnsSeed, boolean forceDnsSeed, boolean fixedSeeds, boolean haveSeedNodes,
                         boolean haveAddedNodes) {
    }

    /**
     * The schedule's answer to a poll. Immutable.
     *
     * @param kind   what to do
     * @param wakeAt when to poll again (for {@link Kind#WAIT}; the poll time otherwise)
     * @param seeds  for {@link Kind#QUERY}: the seed names to ask, in order
     */
    public record DnsStep(Kind kind, Instant wakeAt, List<String> seeds) {
        /** What the node loop does with a step. */
        public enum Kind {
            /** Nothing now; poll again at {@link #wakeAt()} (or sooner). */
            WAIT,
            /** Ask these seeds, then call {@link SeedSchedule#dnsQueried}. */
            QUERY,
            /** A query is under way: poll again after {@link SeedSchedule#dnsQueried}. */
            AWAIT_RESULTS,
            /** DNS seeding is over for this run; stop polling. */
            FINISHED
        }

        public DnsStep {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(wakeAt, "wakeAt");
            seeds = List.copyOf(seeds);
        }
    }

    /** Where ThreadDNSAddressSeed is. */
    enum DnsState {
        /** -seednode given: waiting up to SEEDNODE_TIMEOUT for enough outbound peers. */
        SEEDNODE_WAIT,
        /** Deciding how many seeds to ask right away. */
        START,
        /** Taking the next seed, or starting the next round. */
        NEXT,
        /** Waiting out the delay before a round, checking the outbound count every 11 s. */
        ROUND_WAIT,
        /** Seeds handed to the seeder, not answered yet. */
        QUERYING,
        /** Done for this run. */
        FINISHED
    }

    private final Config config;
    private final List<String> seeds;
    private final Instant start;
    private DnsState state;
    private int next;
    private int seedsRightNow;
    private int outboundAfterSeedNodes;
    private Duration roundDelay = DNSSEEDS_DELAY_FEW_PEERS;
    private Duration leftToWait = Duration.ZERO;
    private Instant waitUntil;
    private int found;
    private boolean addFixedSeeds;

    /**
     * @param seeds the chain's DNS seeds, already shuffled by the caller (Core shuffles them with
     *              its fast random context)
     * @param start when the connection threads started
     */
    public SeedSchedule(Config config, List<String> seeds, Instant start) {
        this.config = Objects.requireNonNull(config, "config");
        this.seeds = List.copyOf(seeds);
        this.start = Objects.requireNonNull(start, "start");
        this.addFixedSeeds = config.fixedSeeds();
        this.waitUntil = start;
        if (!config.dnsSeed()) {
            log.info("DNS seeding disabled");
            state = DnsState.FINISHED;
        } else if (config.haveSeedNodes()) {
            log.info("-seednode enabled. Trying the provided seeds for {} seconds before defaulting to the dnsseeds.",
                    SEEDNODE_TIMEOUT.toSeconds());
            state = DnsState.SEEDNODE_WAIT;
        } else {
            state = DnsState.START;
        }
        if (!addFixedSeeds) {
            log.info("Fixed seeds are disabled");
        }
    }

    /**
     * The next DNS step at {@code now}, given the address book's size and the number of
     * full-relay outbound connections (Core's {@code GetFullOutboundConnCount}).
     */
    public DnsStep pollDns(Instant now, int addrmanSize, int fullOutbound) {
        while (true) {
            switch (state) {
                case SEEDNODE_WAIT -> {
                    if (fullOutbound >= SEED_OUTBOUND_CONNECTION_THRESHOLD) {
                        log.info("P2P peers available. Finished fetching data from seed nodes.");
                        outboundAfterSeedNodes = fullOutbound;
                        moveTo(DnsState.START);
                    } else if (now.isAfter(start.plus(SEEDNODE_TIMEOUT))) {
                        log.info("Couldn't connect to enough peers via seed nodes. Handing fetch logic to the DNS seeds.");
                        outboundAfterSeedNodes = fullOutbound;
                        moveTo(DnsState.START);
                    } else {
                        return wait(now.plus(SEEDNODE_POLL));
                    }
                }
                case START -> {
                    // net.cpp: -forcednsseed, or an empty book (first run, peers.dat deleted): ask all
                    seedsRightNow = config.forceDnsSeed() || addrmanSize == 0 ? seeds.size() : 0;
                    if (outboundAfterSeedNodes >= SEED_OUTBOUND_CONNECTION_THRESHOLD && seedsRightNow == 0) {
                        log.info("Skipping DNS seeds. Enough peers have been found");
                        moveTo(DnsState.FINISHED);
                    } else {
                        roundDelay = addrmanSize >= DNSSEEDS_DELAY_PEER_THRESHOLD
                                ? DNSSEEDS_DELAY_MANY_PEERS : DNSSEEDS_DELAY_FEW_PEERS;
                        moveTo(DnsState.NEXT);
                    }
                }
                case NEXT -> {
                    if (next >= seeds.size()) {
                        log.info("{} addresses found from DNS seeds", found);
                        moveTo(DnsState.FINISHED);
                    } else if (seedsRightNow == 0) {
                        seedsRightNow = DNSSEEDS_TO_QUERY_AT_ONCE;
                        if (addrmanSize > 0) {
                            log.info("Waiting {} seconds before querying DNS seeds.", roundDelay.toSeconds());
                            leftToWait = roundDelay;
                            startWaitChunk(now);
                            moveTo(DnsState.ROUND_WAIT);
                            return wait(waitUntil);
                        }
                    } else {
                        return query(now);
                    }
                }
                case ROUND_WAIT -> {
                    if (now.isBefore(waitUntil)) {
                        return wait(waitUntil);
                    }
                    // net.cpp: wake every DNSSEEDS_DELAY_FEW_PEERS to see whether seeding is still needed
                    leftToWait = leftToWait.minus(min(DNSSEEDS_DELAY_FEW_PEERS, leftToWait));
                    if (fullOutbound >= SEED_OUTBOUND_CONNECTION_THRESHOLD) {
                        if (found > 0) {
                            log.info("{} addresses found from DNS seeds", found);
                            log.info("P2P peers available. Finished DNS seeding.");
                        } else {
                            log.info("P2P peers available. Skipped DNS seeding.");
                        }
                        moveTo(DnsState.FINISHED);
                    } else if (leftToWait.isZero()) {
                        return query(now);
                    } else {
                        startWaitChunk(now);
                        return wait(waitUntil);
                    }
                }
                case QUERYING -> {
                    return new DnsStep(DnsStep.Kind.AWAIT_RESULTS, now, List.of());
                }
                case FINISHED -> {
                    return new DnsStep(DnsStep.Kind.FINISHED, now, List.of());
                }
            }
        }
    }

    /** The seeder has answered for the seeds of the last {@link DnsStep.Kind#QUERY}; {@code addresses} in all. */
    public void dnsQueried(int addresses) {
        if (state != DnsState.QUERYING) {
            throw new IllegalStateException("no DNS query under way (state " + state + ")");
        }
        found += addresses;
        moveTo(DnsState.NEXT);
    }

    /** Addresses the DNS seeds gave so far. */
    public int found() {
        return found;
    }

    /** Whether DNS seeding is over for this run (disabled, skipped, or every seed asked). */
    public boolean dnsFinished() {
        return state == DnsState.FINISHED;
    }

    DnsState dnsState() {
        return state;
    }

    /**
     * The fixed-seed rule of Core's {@code ThreadOpenConnections}, polled on each pass of the
     * outbound loop: when -fixedseeds is on and some reachable network has no address in the book,
     * add the fixed seeds once the first minute is over, or at once when nothing else can bring
     * addresses (-dnsseed=0, no -seednode, no -addnode). Returns the seeds of those empty networks
     * to add (filed under {@code SeedSource.of("fixedseeds")}), once per run; empty otherwise.
     *
     * @param emptyReachableNetworks reachable networks with no address in the book (Core's
     *                               {@code GetReachableEmptyNetworks})
     * @param fixedSeeds             the chain's fixed seeds ({@code FixedSeeds.forChain})
     */
    public Optional<List<Address>> pollFixedSeeds(Instant now, Set<NetworkId> emptyReachableNetworks,
                                                  List<Address> fixedSeeds) {
        if (!addFixedSeeds || emptyReachableNetworks.isEmpty()) {
            return Optional.empty();
        }
        if (now.isAfter(start.plus(FIXED_SEEDS_DELAY))) {
            log.info("Adding fixed seeds as 60 seconds have passed and addrman is empty for at least one reachable network");
        } else if (!config.dnsSeed() && !config.haveSeedNodes() && !config.haveAddedNodes()) {
            log.info("Adding fixed seeds as -dnsseed=0 (or IPv4/IPv6 connections are disabled via -onlynet) and neither -addnode nor -seednode are provided");
        } else {
            return Optional.empty();
        }
        // net.cpp: only for networks we can reach and know nothing about; others would never be dialled
        List<Address> chosen = new ArrayList<>();
        for (Address a : fixedSeeds) {
            if (emptyReachableNetworks.contains(a.address().network())) {
                chosen.add(a);
            }
        }
        addFixedSeeds = false;
        log.info("Added {} fixed seeds from reachable networks.", chosen.size());
        return Optional.of(List.copyOf(chosen));
    }

    private DnsStep query(Instant now) {
        int n = Math.min(seedsRightNow, seeds.size() - next);
        List<String> batch = seeds.subList(next, next + n);
        next += n;
        seedsRightNow -= n;
        moveTo(DnsState.QUERYING);
        return new DnsStep(DnsStep.Kind.QUERY, now, batch);
    }

    private void startWaitChunk(Instant now) {
        waitUntil = now.plus(min(DNSSEEDS_DELAY_FEW_PEERS, leftToWait));
    }

    private static DnsStep wait(Instant until) {
        return new DnsStep(DnsStep.Kind.WAIT, until, List.of());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void moveTo(DnsState next) {
        log.debug("DNS seeding: {} -> {}", state, next);
        state = next;
    }
}
