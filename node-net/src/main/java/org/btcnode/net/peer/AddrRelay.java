package org.btcnode.net.peer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.message.Addr;
import org.btcnode.core.message.AddrV2;
import org.btcnode.core.message.Address;
import org.btcnode.core.message.GetAddr;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.Subnet;
import org.btcnode.crypto.hash.SipHasher;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.connman.NetGroup;
import org.btcnode.net.connman.NetPermissionFlag;
import org.btcnode.net.connman.Network;
import org.btcnode.net.transport.Violation;
import org.slf4j.Logger;

/**
 * Address gossip (net_processing.cpp "addr", "addrv2", "getaddr", {@code SetupAddressRelay},
 * {@code RelayAddress}, {@code PushAddress}, {@code MaybeSendAddr}; net.cpp's per-network
 * {@code GetAddresses} response cache): learns addresses into the {@link AddrMan} under Core's
 * token bucket, relays fresh ones to one or two peers chosen by a keyed hash that changes once a
 * day, trickles queued addresses out at exponentially distributed intervals, answers one
 * getaddr per inbound connection from a cache renewed about daily, and advertises our own
 * address. Node-logic thread only.
 *
 * <p>Choices: only IPv4 and IPv6 are reachable (no proxy yet); an unroutable or local address
 * is relayed to nobody and refused by AddrMan's Add, as in Core. Our own address is advertised
 * whenever we listen, as Core does outside initial block download (no chain yet). The getaddr
 * cache is keyed by the network the peer came through and the local address it reached (Core's
 * {@code cache_id} without the hash). The known-address filter is an exact bounded set
 * ({@link AddrRelayState}).
 */
public final class AddrRelay {
    /** net_processing.cpp: MAX_ADDR_RATE_PER_SECOND, tokens gained per second. */
    public static final double MAX_ADDR_RATE_PER_SECOND = 0.1;
    /** net_processing.cpp: MAX_ADDR_PROCESSING_TOKEN_BUCKET, the most tokens the bucket refills to. */
    public static final int MAX_ADDR_PROCESSING_TOKEN_BUCKET = 1000;
    /** net_processing.cpp: AVG_ADDRESS_BROADCAST_INTERVAL, the mean time between addr messages to one peer. */
    public static final Duration AVG_ADDRESS_BROADCAST_INTERVAL = Duration.ofSeconds(30);
    /** net_processing.cpp: AVG_LOCAL_ADDRESS_BROADCAST_INTERVAL, the mean time between self-advertisements. */
    public static final Duration AVG_LOCAL_ADDRESS_BROADCAST_INTERVAL = Duration.ofHours(24);
    /** net_processing.cpp: ROTATE_ADDR_RELAY_DEST_INTERVAL, how long relay destinations stay the same. */
    public static final Duration ROTATE_ADDR_RELAY_DEST_INTERVAL = Duration.ofHours(24);
    /** net.cpp GetAddresses: a getaddr response cache lives 21 h ... */
    static final Duration ADDR_CACHE_LIFETIME = Duration.ofHours(21);
    /** ... plus a random part of up to 6 h. */
    static final Duration ADDR_CACHE_JITTER = Duration.ofHours(6);
    /** net_processing.cpp: addresses received lose 2 h in AddrMan's timestamps (Add's time penalty). */
    static final Duration ADDR_TIME_PENALTY = Duration.ofHours(2);
    /** net_processing.cpp: RANDOMIZER_ID_ADDRESS_RELAY. */
    static final long RANDOMIZER_ID_ADDRESS_RELAY = 0x3cac0035b5866b90L;
    /** net_processing.cpp: only an addr message of at most this many entries is relayed. */
    static final int MAX_RELAY_BATCH = 10;
    /** net_processing.cpp: an address is fresh (relayed) if seen within this, and may be at most this far ahead. */
    static final Duration FRESH = Duration.ofMinutes(10);
    /** net_processing.cpp: a timestamp too far ahead (or before 100000000) becomes now minus this. */
    static final Duration PENALISED_AGE = Duration.ofDays(5);

    private static final Logger log = LogCategory.NET.logger();

    /** What address relay needs from the connection manager. */
    public interface Host {
        /** Every peer in the table (relay destinations). */
        Collection<Peer> peers();

        /** BanMan: banned or discouraged (such addresses are remembered as known, not stored or sent). */
        boolean isBannedOrDiscouraged(NetAddress address);
    }

    private record CacheKey(Network network, Optional<InetSocketAddress> local) {}

    private record CachedResponse(List<Address> addresses, Instant expires) {}

    private final AddrMan addrMan;
    private final ConnectionOptions options;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Host host;
    private final Duration broadcastInterval;
    private final long seed0;
    private final long seed1;
    private final Map<CacheKey, CachedResponse> responseCaches = new HashMap<>();

    /**
     * @param broadcastInterval mean of the trickle interval ({@link #AVG_ADDRESS_BROADCAST_INTERVAL}; tests shorten it)
     * @param random            the per-node secret of the relay hash, the trickle and the shuffles
     */
    public AddrRelay(AddrMan addrMan, ConnectionOptions options, InstantSource clock, RandomGenerator random,
            Host host, Duration broadcastInterval) {
        this.addrMan = Objects.requireNonNull(addrMan, "addrMan");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.host = Objects.requireNonNull(host, "host");
        this.broadcastInterval = Objects.requireNonNull(broadcastInterval, "broadcastInterval");
        this.seed0 = random.nextLong();
        this.seed1 = random.nextLong();
    }

    public AddrMan addrMan() {
        return addrMan;
    }

    /**
     * SetupAddressRelay: never with block-relay-only peers (it would tell an observer the link
     * exists); otherwise on from now. Returns whether the peer takes part in address relay.
     */
    boolean setupAddressRelay(Peer peer) {
        if (peer.connectionType() == ConnectionType.BLOCK_RELAY) {
            return false;
        }
        peer.addrRelay().relayEnabled = true;
        return true;
    }

    /**
     * "version" from an outbound peer: set up relay, advertise ourselves when listening and ask
     * for addresses with {@code getaddr}, accepting up to 1,000 extra addresses in the answer.
     */
    void onOutboundVersion(Peer peer) {
        if (peer.connectionType() == ConnectionType.FEELER || !setupAddressRelay(peer)) {
            return;                                          // feelers leave at once
        }
        AddrRelayState s = peer.addrRelay();
        localAddress().ifPresent(local -> pushAddress(peer, local));
        peer.send(new GetAddr());
        s.getAddrSent = true;
        s.tokenBucket += Addr.MAX_ADDR_TO_SEND;
    }

    /** "addr" and "addrv2" (the codec already dropped addrv2 entries of unknown networks). */
    void onAddr(Peer peer, String command, List<Address> received, PeerLogic logic) {
        if (!setupAddressRelay(peer)) {
            log.debug("ignoring {} message from {} peer={}", command, PeerLogic.typeName(peer.connectionType()),
                    peer.id());
            return;
        }
        if (received.size() > Addr.MAX_ADDR_TO_SEND) {        // the codec refuses these already
            logic.violation(peer, Violation.OVERSIZED_COUNT, command + " message size = " + received.size());
            return;
        }
        AddrRelayState s = peer.addrRelay();
        Instant now = clock.instant();
        Instant nowSeconds = Instant.ofEpochSecond(now.getEpochSecond());
        if (s.tokenBucket < MAX_ADDR_PROCESSING_TOKEN_BUCKET) {
            Duration elapsed = Duration.between(s.tokenTimestamp, now);
            double seconds = elapsed.isNegative() ? 0 : elapsed.toNanos() / 1e9;
            s.tokenBucket = Math.min(s.tokenBucket + seconds * MAX_ADDR_RATE_PER_SECOND,
                    MAX_ADDR_PROCESSING_TOKEN_BUCKET);
        }
        s.tokenTimestamp = now;
        boolean rateLimited = !peer.hasPermission(NetPermissionFlag.ADDR);
        List<Address> shuffled = new ArrayList<>(received);
        Collections.shuffle(shuffled, new Random(random.nextLong()));
        long processed = 0;
        long limited = 0;
        List<Address> ok = new ArrayList<>();
        for (Address original : shuffled) {
            Address a = original;
            if (s.tokenBucket < 1.0) {
                if (rateLimited) {
                    limited++;
                    continue;
                }
            } else {
                s.tokenBucket -= 1.0;
            }
            // we only store full nodes (or ones that may serve recent blocks), as Core
            if (!a.services().has(ServiceFlags.of(ServiceFlags.NODE_NETWORK))
                    && !a.services().has(ServiceFlags.of(ServiceFlags.NODE_NETWORK_LIMITED))
                    && !a.services().has(PeerLogic.DESIRABLE_SERVICES)) {
                continue;
            }
            if (a.time().getEpochSecond() <= 100_000_000L || a.time().isAfter(nowSeconds.plus(FRESH))) {
                a = new Address(nowSeconds.minus(PENALISED_AGE), a.services(), a.address(), a.port());
            }
            s.addKnown(a);
            if (host.isBannedOrDiscouraged(a.address())) {
                continue;                                    // remembered as known, nothing more
            }
            processed++;
            boolean reachable = isReachable(a.address());
            if (!s.getAddrSent && a.time().isAfter(nowSeconds.minus(FRESH)) && received.size() <= MAX_RELAY_BATCH
                    && NetGroup.isRoutable(a.address())) {
                relayAddress(peer.id(), a, reachable, now);
            }
            if (reachable) {
                ok.add(a);                                   // we store only what we could reach
            }
        }
        s.processed += processed;
        s.rateLimited += limited;
        log.debug("Received addr: {} addresses ({} processed, {} rate-limited) from peer={}", received.size(),
                processed, limited, peer.id());
        addrMan.add(ok, peer.address(), ADDR_TIME_PENALTY, now);
        if (received.size() < Addr.MAX_ADDR_TO_SEND) {
            s.getAddrSent = false;
        }
        // net_processing.cpp: an addr-fetch connection has done its job once a real answer came
        if (peer.connectionType() == ConnectionType.ADDR_FETCH && received.size() > 1) {
            log.debug("addrfetch connection completed, peer={}", peer.id());
            logic.disconnect(peer, "addrfetch connection completed");
        }
    }

    /** "getaddr": inbound peers only, once per connection, from the response cache. */
    void onGetAddr(Peer peer) {
        if (!peer.inbound()) {
            log.debug("Ignoring \"getaddr\" from {} connection. peer={}", PeerLogic.typeName(peer.connectionType()),
                    peer.id());
            return;
        }
        setupAddressRelay(peer);
        AddrRelayState s = peer.addrRelay();
        if (s.getAddrReceived) {
            log.debug("Ignoring repeated \"getaddr\". peer={}", peer.id());
            return;
        }
        s.getAddrReceived = true;
        s.toSend.clear();
        Instant now = clock.instant();
        List<Address> response;
        if (peer.hasPermission(NetPermissionFlag.ADDR)) {
            response = getAddresses(AddrMan.MAX_ADDR_TO_SEND, AddrMan.MAX_PCT_ADDR_TO_SEND, now);
        } else {
            CacheKey key = new CacheKey(NetGroup.network(peer.address()),
                    Optional.ofNullable(peer.connection().localAddress()));
            CachedResponse cached = responseCaches.get(key);
            if (cached == null || cached.expires().isBefore(now)) {
                Duration jitter = Duration.ofNanos((long) (random.nextDouble() * ADDR_CACHE_JITTER.toNanos()));
                cached = new CachedResponse(getAddresses(AddrMan.MAX_ADDR_TO_SEND, AddrMan.MAX_PCT_ADDR_TO_SEND, now),
                        now.plus(ADDR_CACHE_LIFETIME).plus(jitter));
                responseCaches.put(key, cached);
            }
            response = cached.addresses();
        }
        for (Address a : response) {
            pushAddress(peer, a);
        }
    }

    /** net.cpp GetAddresses: AddrMan's GetAddr, without banned or discouraged addresses. */
    private List<Address> getAddresses(int max, int pct, Instant now) {
        List<Address> all = new ArrayList<>(addrMan.getAddr(max, pct, Optional.empty(), true, now));
        all.removeIf(a -> host.isBannedOrDiscouraged(a.address()));
        return all;
    }

    /**
     * RelayAddress: to the two peers (one for an unreachable address, at random) whose keyed hash
     * of (address, day bucket, peer id) is highest, never back to {@code originator}, only to
     * peers in address relay that can carry it.
     */
    void relayAddress(PeerId originator, Address a, boolean reachable, Instant now) {
        if (!reachable && !isRelayable(a.address())) {
            return;
        }
        long hashAddr = serviceHash(a);
        long bucket = Long.divideUnsigned(now.getEpochSecond() + hashAddr, ROTATE_ADDR_RELAY_DEST_INTERVAL.toSeconds());
        long parity = new SipHasher(seed0, seed1).write(RANDOMIZER_ID_ADDRESS_RELAY).write(hashAddr).write(bucket)
                .finalizeHash();
        int relayNodes = (reachable || (parity & 1) != 0) ? 2 : 1;
        long[] bestKey = new long[2];
        Peer[] best = new Peer[2];
        for (Peer p : host.peers()) {
            if (!p.addrRelay().relayEnabled || p.id().equals(originator) || !isAddrCompatible(p, a)
                    || !p.state().isOpen()) {
                continue;
            }
            long key = new SipHasher(seed0, seed1).write(RANDOMIZER_ID_ADDRESS_RELAY).write(hashAddr).write(bucket)
                    .write(p.id().value()).finalizeHash();
            for (int i = 0; i < relayNodes; i++) {
                if (best[i] == null || Long.compareUnsigned(key, bestKey[i]) > 0) {
                    if (i + 1 < relayNodes) {
                        best[i + 1] = best[i];
                        bestKey[i + 1] = bestKey[i];
                    }
                    best[i] = p;
                    bestKey[i] = key;
                    break;
                }
            }
        }
        for (int i = 0; i < relayNodes && best[i] != null; i++) {
            pushAddress(best[i], a);
        }
    }

    /** PushAddress: queue for the next trickle unless the peer knows it or cannot carry it. */
    void pushAddress(Peer peer, Address a) {
        AddrRelayState s = peer.addrRelay();
        if (!NetGroup.isValid(a.address()) || s.isKnown(a) || !isAddrCompatible(peer, a)) {
            return;
        }
        if (s.toSend.size() >= AddrMan.MAX_ADDR_TO_SEND) {
            s.toSend.set(random.nextInt(s.toSend.size()), a);
        } else {
            s.toSend.add(a);
        }
    }

    /**
     * MaybeSendAddr, from SendMessages: self-advertisement about daily when listening, then the
     * queued addresses not already known to the peer in one addr or addrv2, at most every
     * exponentially distributed interval.
     */
    void maybeSendAddr(Peer peer) {
        AddrRelayState s = peer.addrRelay();
        if (!s.relayEnabled) {
            return;
        }
        Instant now = clock.instant();
        if (options.listen() && s.nextLocalAddrSend.isBefore(now)) {
            if (!s.nextLocalAddrSend.equals(Instant.EPOCH)) {
                s.resetKnown();                              // so that our self-announcement goes out
            }
            localAddress().ifPresent(local -> pushAddress(peer, local));
            s.nextLocalAddrSend = now.plus(exponential(AVG_LOCAL_ADDRESS_BROADCAST_INTERVAL));
        }
        if (!now.isAfter(s.nextAddrSend)) {
            return;
        }
        s.nextAddrSend = now.plus(exponential(broadcastInterval));
        List<Address> out = new ArrayList<>();
        for (Address a : s.toSend) {
            if (!s.isKnown(a)) {
                s.addKnown(a);
                out.add(a);
            }
        }
        s.toSend.clear();
        if (out.isEmpty()) {
            return;
        }
        if (peer.wantsAddrV2()) {
            peer.send(new AddrV2(out));
        } else {
            peer.send(new Addr(out));
        }
    }

    /**
     * Our address for others to connect to (Core's GetLocalAddrForPeer, simplified): the first of
     * {@code localAddresses} that is routable and reachable, with our services and the current time;
     * empty when not listening or when we only have local addresses (loopback: nothing to advertise).
     */
    Optional<Address> localAddress() {
        if (!options.listen()) {
            return Optional.empty();
        }
        Instant time = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        for (InetSocketAddress local : options.localAddresses()) {
            if (local.isUnresolved()) {
                continue;
            }
            Optional<NetAddress> a = Subnet.fromInetAddress(local.getAddress());
            if (a.isPresent() && NetGroup.isRoutable(a.get()) && isReachable(a.get())) {
                return Optional.of(new Address(time, options.localServices(), a.get(), local.getPort()));
            }
        }
        return Optional.empty();
    }

    /** IsAddrCompatible: addrv2 peers take any network, addr peers only IPv4 and IPv6 (and OnionCat). */
    static boolean isAddrCompatible(Peer peer, Address a) {
        return peer.wantsAddrV2() || a.address().network().isAddrV1Compatible();
    }

    /** Only IPv4 and IPv6 are reachable until proxies exist (Core's g_reachable_nets). */
    public static boolean isReachable(NetAddress address) {
        return address.network() == NetworkId.IPV4 || address.network() == NetworkId.IPV6;
    }

    /** CNetAddr::IsRelayable: routable, or Tor/I2P/CJDNS. */
    private static boolean isRelayable(NetAddress address) {
        return NetGroup.isRoutable(address) || address.network() == NetworkId.TORV3
                || address.network() == NetworkId.I2P || address.network() == NetworkId.CJDNS;
    }

    /**
     * CServiceHash(0, 0): SipHash-2-4 with a zero key over Core's network number (as a 64-bit
     * little-endian word), the port (likewise) and the address bytes.
     */
    static long serviceHash(Address a) {
        long net = switch (a.address().network()) {
            case IPV4 -> 1;
            case IPV6 -> 2;
            case TORV3 -> 3;
            case I2P -> 4;
            case CJDNS -> 5;
        };
        return new SipHasher(0, 0).write(net).write(a.port()).write(a.address().bytes().toByteArray())
                .finalizeHash();
    }

    private Duration exponential(Duration mean) {
        return Duration.ofNanos((long) (mean.toNanos() * random.nextExponential()));
    }
}
