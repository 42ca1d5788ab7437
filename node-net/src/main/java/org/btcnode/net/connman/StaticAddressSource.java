package org.btcnode.net.connman;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressSource;
import org.btcnode.core.store.Subnet;

/**
 * An {@link AddressSource} over a fixed list until the address book exists (e.g. fixed seeds, or
 * the -seednode addresses resolved by the daemon; -addnode and -connect peers themselves are
 * manual connections that ConnectionManager keeps open on its own, as Core does): {@code select}
 * picks uniformly at random with the injected generator; an address becomes "tried" once
 * {@link #good} is called. Node-logic thread only.
 */
public final class StaticAddressSource implements AddressSource {
    private final List<Address> addresses;
    private final RandomGenerator random;
    private final Map<Key, Instant> lastTry = new HashMap<>();
    private final Set<Key> tried = new HashSet<>();

    public StaticAddressSource(List<Address> addresses, RandomGenerator random) {
        this.addresses = List.copyOf(addresses);
        this.random = random;
    }

    /**
     * A source over socket addresses given by the operator (IPv4/IPv6 literals, already
     * resolved), all advertised with {@code services} and seen at {@code now}.
     */
    public static StaticAddressSource of(List<InetSocketAddress> sockets, ServiceFlags services, Instant now,
            RandomGenerator random) {
        List<Address> list = new ArrayList<>();
        Instant time = Instant.ofEpochSecond(now.getEpochSecond());
        for (InetSocketAddress s : sockets) {
            if (!s.isUnresolved()) {
                Subnet.fromInetAddress(s.getAddress())
                        .ifPresent(a -> list.add(new Address(time, services, a, s.getPort())));
            }
        }
        return new StaticAddressSource(list, random);
    }

    @Override
    public Optional<Candidate> select(boolean newOnly) {
        List<Address> pool = new ArrayList<>();
        for (Address a : addresses) {
            if (!newOnly || !tried.contains(new Key(a.address(), a.port()))) {
                pool.add(a);
            }
        }
        if (pool.isEmpty()) {
            return Optional.empty();
        }
        Address a = pool.get(random.nextInt(pool.size()));
        return Optional.of(new Candidate(a, lastTry.getOrDefault(new Key(a.address(), a.port()), Instant.EPOCH)));
    }

    @Override
    public void attempt(NetAddress address, int port, boolean countFailure, Instant now) {
        lastTry.put(new Key(address, port), now);
    }

    @Override
    public void good(NetAddress address, int port, Instant now) {
        tried.add(new Key(address, port));
    }

    @Override
    public void connected(NetAddress address, int port, Instant now) {
        // a fixed list keeps no "last seen" time
    }

    private record Key(NetAddress address, int port) {}
}
