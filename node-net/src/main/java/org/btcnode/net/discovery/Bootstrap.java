package org.btcnode.net.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.params.FixedSeeds;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.logic.NodeLoop;
import org.slf4j.Logger;

/**
 * Finding the first peers, driven by the node loop: Core's {@code ThreadDNSAddressSeed} (through
 * {@link SeedSchedule} and {@link DnsSeeder}) and the bootstrap parts of
 * {@code ThreadOpenConnections} ({@code -seednode} ADDR_FETCH connections through
 * {@link AddrFetchSchedule}, {@code ProcessAddrFetch}, the fixed-seed fallback). A timer polls
 * the schedules every {@link #POLL_INTERVAL}; DNS answers come back from the seeder's thread as
 * tasks posted to the loop. Node-logic thread only.
 *
 * <p>Deliberate differences from Core: the fixed seeds and ADDR_FETCH connections are polled
 * every 500 ms, as Core's loop does, but from a timer rather than a thread; a DNS seed without
 * the service-flag subdomain is reached by an ADDR_FETCH connection to one address of its bare
 * name resolved through the same resolver (Core connects by name through the system resolver).
 */
public final class Bootstrap {
    private static final Logger log = LogCategory.NET.logger();

    /** net.cpp ThreadOpenConnections: its loop, and with it ProcessAddrFetch, wakes every 500 ms. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    /** What bootstrap needs from the connection manager. Node-logic thread. */
    public interface Host {
        /** Addresses in the address book (Core's {@code addrman.Size()}). */
        int addressBookSize();

        /** Full-relay outbound peers with a completed handshake (Core's {@code GetFullOutboundConnCount}). */
        int fullOutboundConnections();

        /** Reachable networks with no address in the book (Core's {@code GetReachableEmptyNetworks}). */
        Set<NetworkId> emptyReachableNetworks();

        /** Files seed addresses under {@code source} (Core's {@code addrman.Add(addrs, source)}). */
        void addSeedAddresses(List<Address> addresses, NetAddress source);

        /**
         * Opens an ADDR_FETCH connection if an automatic outbound slot is free and we are not
         * already connected there (Core's {@code ProcessAddrFetch}); returns whether it dialled.
         */
        boolean openAddrFetch(InetSocketAddress target);
    }

    /**
     * The bootstrap options (node-daemon maps {@code -dnsseed}, {@code -forcednsseed},
     * {@code -fixedseeds} and {@code -dnsseedresolver} onto it). Immutable.
     *
     * @param dnsSeed      ask the chain's DNS seeds
     * @param forceDnsSeed ask every seed at once whatever the address book holds
     * @param fixedSeeds   fall back to the chain's fixed seeds
     * @param seeder       the DNS seeder's options (resolver, timeouts)
     */
    public record Options(boolean dnsSeed, boolean forceDnsSeed, boolean fixedSeeds, DnsSeeder.Options seeder) {
        public Options {
            Objects.requireNonNull(seeder, "seeder");
        }

        /** No DNS, no fixed seeds: only -seednode, -connect, -addnode and gossip bring peers. */
        public static Options disabled() {
            return new Options(false, false, false, DnsSeeder.Options.defaults(Optional.empty()));
        }
    }

    private final NetworkParameters params;
    private final Options options;
    private final List<InetSocketAddress> seedNodes;
    private final boolean haveAddedNodes;
    private final boolean automaticOutbound;
    private final NodeLoop loop;
    private final Host host;
    private final RandomGenerator random;
    private final Deque<InetSocketAddress> addrFetches = new ArrayDeque<>();

    private DnsSeeder seeder;
    private SeedSchedule seedSchedule;
    private AddrFetchSchedule addrFetchSchedule;
    private NodeLoop.Timer timer = () -> { };
    private Instant dnsWakeAt = Instant.MIN;
    private int foundThisRound;
    private boolean running;

    /**
     * @param seedNodes         -seednode destinations
     * @param haveAddedNodes    -addnode was given (the fixed seeds then wait their minute)
     * @param automaticOutbound automatic outbound connections are made (no -connect): fixed seeds
     *                          and ADDR_FETCH connections only then, as in Core
     */
    public Bootstrap(NetworkParameters params, Options options, List<InetSocketAddress> seedNodes,
            boolean haveAddedNodes, boolean automaticOutbound, NodeLoop loop, Host host, RandomGenerator random) {
        this.params = Objects.requireNonNull(params, "params");
        this.options = Objects.requireNonNull(options, "options");
        this.seedNodes = List.copyOf(seedNodes);
        this.haveAddedNodes = haveAddedNodes;
        this.automaticOutbound = automaticOutbound;
        this.loop = Objects.requireNonNull(loop, "loop");
        this.host = Objects.requireNonNull(host, "host");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts the schedules and the DNS seeder (CConnman::Start). */
    public void start() {
        if (running) {
            throw new IllegalStateException("already started");
        }
        running = true;
        Instant now = loop.clock().instant();
        List<String> seeds = new ArrayList<>(params.dnsSeeds());
        Collections.shuffle(seeds, new Random(random.nextLong()));      // net.cpp: Shuffle(seeds)
        boolean haveSeedNodes = automaticOutbound && !seedNodes.isEmpty();
        seedSchedule = new SeedSchedule(new SeedSchedule.Config(options.dnsSeed(), options.forceDnsSeed(),
                automaticOutbound && options.fixedSeeds(), haveSeedNodes, haveAddedNodes), seeds, now);
        if (options.dnsSeed() && !seeds.isEmpty()) {
            seeder = new DnsSeeder(params, options.seeder(), loop.clock(), random);
        }
        addrFetchSchedule = new AddrFetchSchedule(automaticOutbound ? seedNodes : List.of(), now,
                host.addressBookSize());
        timer = loop.scheduleAtFixedRate(POLL_INTERVAL, this::poll);
        poll();
    }

    /** Stops polling and the DNS seeder's thread (a query under way is abandoned). */
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        timer.cancel();
        if (seeder != null) {
            seeder.close();
            seeder = null;
        }
    }

    /** One pass: DNS seeding, -seednode ADDR_FETCH, fixed seeds. */
    void poll() {
        if (!running) {
            return;
        }
        Instant now = loop.clock().instant();
        pollDns(now);
        if (!automaticOutbound) {
            return;
        }
        addrFetchSchedule.poll(now, host.addressBookSize(), host.fullOutboundConnections())
                .ifPresent(addrFetches::addLast);
        processAddrFetch();
        Set<NetworkId> empty = host.emptyReachableNetworks();
        if (!empty.isEmpty()) {
            Optional<List<Address>> fixed = seedSchedule.pollFixedSeeds(now, empty,
                    FixedSeeds.forChain(params.chain(), now, random));
            fixed.ifPresent(list -> host.addSeedAddresses(list, SeedSource.of(SeedSource.FIXED_SEEDS_NAME)));
        }
    }

    /** Whether DNS seeding is over for this run. */
    public boolean dnsFinished() {
        return seedSchedule != null && seedSchedule.dnsFinished();
    }

    /** Destinations queued for an ADDR_FETCH connection, first to be dialled first. */
    public List<InetSocketAddress> pendingAddrFetches() {
        return List.copyOf(addrFetches);
    }

    private void pollDns(Instant now) {
        if (seedSchedule.dnsFinished() || now.isBefore(dnsWakeAt)) {
            return;
        }
        SeedSchedule.DnsStep step = seedSchedule.pollDns(now, host.addressBookSize(), host.fullOutboundConnections());
        switch (step.kind()) {
            case WAIT -> dnsWakeAt = step.wakeAt();
            case QUERY -> {
                foundThisRound = 0;
                dnsWakeAt = Instant.MIN;
                if (seeder == null) {
                    seedSchedule.dnsQueried(0);                  // no seeds for this chain
                    return;
                }
                seeder.start(step.seeds(), result -> loop.execute(() -> onSeedResult(result)),
                        () -> loop.execute(this::onSeedsAnswered));
            }
            case AWAIT_RESULTS, FINISHED -> dnsWakeAt = Instant.MIN;
        }
    }

    /** One seed's answer, on the node-logic thread. */
    private void onSeedResult(DnsSeeder.SeedResult result) {
        if (!running) {
            return;
        }
        if (!result.addresses().isEmpty()) {
            host.addSeedAddresses(result.addresses(), result.source());
            foundThisRound += result.addresses().size();
            log.debug("{} addresses from DNS seed {}", result.addresses().size(), result.seed());
        } else if (automaticOutbound && !result.addrFetch().isEmpty()) {
            // net.cpp: a seed without the service-flag subdomain is asked over an ADDR_FETCH connection
            Address a = result.addrFetch().get(random.nextInt(result.addrFetch().size()));
            addrFetches.addLast(new InetSocketAddress(toInetAddress(a.address()), a.port()));
        }
    }

    private void onSeedsAnswered() {
        if (!running) {
            return;
        }
        seedSchedule.dnsQueried(foundThisRound);
        poll();
    }

    /** net.cpp ProcessAddrFetch: at most one ADDR_FETCH connection per pass, if a slot is free. */
    private void processAddrFetch() {
        InetSocketAddress next = addrFetches.pollFirst();
        if (next != null) {
            host.openAddrFetch(next);      // Core drops it when no slot is free, as here
        }
    }

    private static InetAddress toInetAddress(NetAddress address) {
        try {
            return InetAddress.getByAddress(address.bytes().toByteArray());   // bytes, no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}
