package org.btcnode.net.discovery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.params.FixedSeeds;
import org.btcnode.core.params.NetworkParameters;
import org.slf4j.Logger;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks a chain's DNS seeds for peer addresses (the query part of Core's
 * {@code ThreadDNSAddressSeed}): A and AAAA records of {@code x9.<seed>} (the seeds' service-flag
 * subdomain for NODE_NETWORK | NODE_WITNESS), through dnsjava and a configurable resolver, each
 * query bounded by a timeout, at most {@link #MAX_IPS_PER_SEED} addresses per seed. DNS blocks, so
 * {@link #start} runs the queries on the seeder's own single daemon thread and hands each seed's
 * {@link SeedResult} to a callback (which the caller posts to the node loop); {@link #query} is
 * the blocking form. Never uses {@code InetAddress} name resolution. Thread-safe: the only state
 * is the worker thread.
 */
public final class DnsSeeder implements AutoCloseable {
    private static final Logger log = LogCategory.NET.logger();

    /**
     * net.cpp ThreadDNSAddressSeed: nMaxIPs, addresses kept from one seed, so that no one seed
     * dominates the address book (Core before v26 allowed 256).
     */
    public static final int MAX_IPS_PER_SEED = 32;
    /**
     * Timeout of one DNS query. Core has none of its own (getaddrinfo uses the system resolver's,
     * 5 s per try with glibc's defaults); we bound each query explicitly.
     */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(5);
    /** Bound of one {@link #start} run over all its seeds (btcnode's; Core's thread has none). */
    public static final Duration DEFAULT_RUN_TIMEOUT = Duration.ofSeconds(60);
    /** Port of a DNS server given without one. */
    public static final int DNS_PORT = 53;
    /** RFC 6761: the special-use domain whose names never resolve. */
    private static final Name INVALID = Name.fromConstantString("invalid.");
    /** net.cpp: a seed-learned address is given a random age of 3 to 7 days. */
    static final Duration MIN_AGE = Duration.ofDays(3);
    static final Duration AGE_SPREAD = Duration.ofDays(4);

    /**
     * How the seeder queries. Immutable.
     *
     * @param resolver     the DNS server ({@code -dnsseedresolver}); empty: the system resolvers
     *                     (/etc/resolv.conf), for production only
     * @param queryTimeout bound of each A or AAAA query
     * @param runTimeout   bound of a whole {@link #start} run: seeds not begun by then are skipped
     * @param maxIpsPerSeed addresses kept per seed
     */
    public record Options(Optional<InetSocketAddress> resolver, Duration queryTimeout, Duration runTimeout,
                          int maxIpsPerSeed) {
        public Options {
            Objects.requireNonNull(resolver, "resolver");
            Objects.requireNonNull(queryTimeout, "queryTimeout");
            Objects.requireNonNull(runTimeout, "runTimeout");
            if (queryTimeout.isNegative() || queryTimeout.isZero() || runTimeout.isNegative() || maxIpsPerSeed < 1) {
                throw new IllegalArgumentException("timeouts must be positive and maxIpsPerSeed at least 1");
            }
        }

        /** Core's behaviour with the given resolver (empty: the system's). */
        public static Options defaults(Optional<InetSocketAddress> resolver) {
            return new Options(resolver, DEFAULT_QUERY_TIMEOUT, DEFAULT_RUN_TIMEOUT, MAX_IPS_PER_SEED);
        }
    }

    /**
     * What one seed gave. Immutable.
     *
     * @param seed      the seed's name as in the chain parameters
     * @param host      the name asked ({@code x9.<seed>})
     * @param source    the pseudo-address to file the addresses under ({@link SeedSource#of(String)} of host)
     * @param addresses the addresses, for the address book
     * @param addrFetch when {@code host} gave nothing: addresses of the bare seed name; Core then
     *                  opens an ADDR_FETCH connection to the seed by name (one of these, at random)
     */
    public record SeedResult(String seed, String host, NetAddress source, List<Address> addresses,
                             List<Address> addrFetch) {
        public SeedResult {
            Objects.requireNonNull(seed, "seed");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(source, "source");
            addresses = List.copyOf(addresses);
            addrFetch = List.copyOf(addrFetch);
        }
    }

    private final NetworkParameters params;
    private final Options options;
    private final Resolver resolver;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final ExecutorService worker;

    public DnsSeeder(NetworkParameters params, Options options, InstantSource clock, RandomGenerator random) {
        this.params = Objects.requireNonNull(params, "params");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.resolver = resolver(options);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "btcnode-dnsseed");
            t.setDaemon(true);
            return t;
        });
    }

    private static Resolver resolver(Options options) {
        Resolver r;
        if (options.resolver().isPresent()) {
            r = new SimpleResolver(options.resolver().get());
        } else {
            r = new ExtendedResolver();   // ResolverConfig: /etc/resolv.conf; production only
        }
        r.setTimeout(options.queryTimeout());
        return r;
    }

    /**
     * The name asked for a seed: Core's {@code strprintf("x%x.%s", SeedsServiceFlags(), seed)}.
     * Core asks every seed this way; a seed without the subdomain answers nothing and is then
     * reached by an ADDR_FETCH connection instead (see {@link SeedResult#addrFetch()}).
     */
    public static String serviceFlagHost(String seed) {
        return "x" + Long.toHexString(FixedSeeds.SEEDS_SERVICE_FLAGS.bits()).toLowerCase(Locale.ROOT) + "." + seed;
    }

    /**
     * Queries {@code seeds} one after the other on the seeder's thread, passing each result to
     * {@code onResult} (on that thread: post it to the node loop), then calls {@code onDone}. Seeds
     * not begun within the run timeout are skipped with a log line.
     */
    public Future<?> start(List<String> seeds, Consumer<SeedResult> onResult, Runnable onDone) {
        List<String> copy = List.copyOf(seeds);
        return worker.submit(() -> {
            Instant deadline = clock.instant().plus(options.runTimeout());
            try {
                for (String seed : copy) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    if (clock.instant().isAfter(deadline)) {
                        log.info("DNS seeding ran out of time ({}s); skipping {}", options.runTimeout().toSeconds(), seed);
                        continue;
                    }
                    SeedResult result = query(seed);
                    try {
                        onResult.accept(result);
                    } catch (RuntimeException e) {
                        log.error("DNS seeding: handing on the result of {} failed", seed, e);   // our bug
                    }
                }
            } finally {
                onDone.run();
            }
        });
    }

    /**
     * Asks one seed, blocking up to two query timeouts (four when the subdomain gives nothing).
     * Failures (timeout, SERVFAIL, malformed reply) give no addresses and one log line; nothing
     * is thrown.
     */
    public SeedResult query(String seed) {
        String host = serviceFlagHost(seed);
        log.info("Loading addresses from DNS seed {}", seed);
        NetAddress source = SeedSource.of(host);
        List<NetAddress> ips = lookup(host);
        Instant now = clock.instant();
        List<Address> addresses = toAddresses(ips, now, true);
        List<Address> addrFetch = List.of();
        if (addresses.isEmpty()) {
            // net.cpp: a seed without our subdomain is asked by name over an ADDR_FETCH connection
            addrFetch = toAddresses(lookup(seed), now, false);
        }
        return new SeedResult(seed, host, source, addresses, addrFetch);
    }

    private List<Address> toAddresses(List<NetAddress> ips, Instant now, boolean aged) {
        List<Address> out = new ArrayList<>();
        for (NetAddress ip : ips) {
            // net.cpp: a random age between 3 and 7 days (ADDR_FETCH targets are not stored: now)
            long age = aged ? MIN_AGE.getSeconds() + random.nextLong(AGE_SPREAD.getSeconds()) : 0;
            Instant time = Instant.ofEpochSecond(Math.max(0, now.getEpochSecond() - age));
            out.add(new Address(time, FixedSeeds.SEEDS_SERVICE_FLAGS, ip, params.defaultPort()));
        }
        return out;
    }

    /** A and AAAA of {@code host}, interleaved, duplicates dropped, at most maxIpsPerSeed. */
    List<NetAddress> lookup(String host) {
        Name name;
        try {
            name = Name.fromString(host.endsWith(".") ? host : host + ".");
        } catch (TextParseException e) {
            log.info("DNS seed name {} is not a valid name: {}", host, e.getMessage());
            return List.of();
        }
        if (options.resolver().isEmpty() && name.subdomain(INVALID)) {
            // RFC 6761 6.4: resolvers answer "invalid." names negatively without asking anyone;
            // this keeps regtest's "dummySeed.invalid." off the system's DNS servers
            log.debug("DNS seed {} is under \"invalid.\": no query sent", host);
            return List.of();
        }
        List<NetAddress> v4 = ask(name, Type.A);
        List<NetAddress> v6 = ask(name, Type.AAAA);
        Set<NetAddress> out = new LinkedHashSet<>();
        for (int i = 0; i < Math.max(v4.size(), v6.size()) && out.size() < options.maxIpsPerSeed(); i++) {
            if (i < v4.size()) {
                out.add(v4.get(i));
            }
            if (i < v6.size() && out.size() < options.maxIpsPerSeed()) {
                out.add(v6.get(i));
            }
        }
        return List.copyOf(out);
    }

    private List<NetAddress> ask(Name name, int type) {
        Message response;
        try {
            response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        } catch (IOException | RuntimeException e) {
            // timeouts, unreachable servers and malformed replies (WireParseException) all end here
            log.info("DNS seed query {} {} failed: {}", name, Type.string(type), e.toString());
            return List.of();
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            log.debug("DNS seed query {} {}: {}", name, Type.string(type), Rcode.string(rcode));
            return List.of();
        }
        List<NetAddress> out = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof ARecord a) {
                out.add(NetAddress.of(NetworkId.IPV4, a.getAddress().getAddress()));
            } else if (r instanceof AAAARecord aaaa) {
                // IPv4-mapped gives IPv4 (the JDK already turns it into 4 bytes); an OnionCat one
                // means nothing (netaddress.cpp SetLegacyIPv6)
                byte[] b = aaaa.getAddress().getAddress();
                if (b.length == 4) {
                    out.add(NetAddress.of(NetworkId.IPV4, b));
                } else {
                    NetAddress.fromV1(b).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** Stops the seeder's thread; a query under way is interrupted. */
    @Override
    public void close() {
        worker.shutdownNow();
    }

}
