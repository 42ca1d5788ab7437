package org.btcnode.net.addrman;

import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.types.Bytes;

/** Shared helpers for the address book tests: Core's deterministic key, addresses, a fixed time. */
final class AddrManFixtures {
    /** Core's {@code CAddress} default time ({@code TIME_INIT}, protocol.h): 100000000 s, long ago. */
    static final Instant TIME_INIT = Instant.ofEpochSecond(100_000_000L);
    /** "Now" for the tests: 2023-11-14. */
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private AddrManFixtures() {}

    /** Core's deterministic addrman key {@code uint256{1}}: first byte 1, the rest 0. */
    static Bytes deterministicKey() {
        byte[] key = new byte[32];
        key[0] = 1;
        return Bytes.of(key);
    }

    /** An AddrMan with Core's deterministic key, a seeded generator and a clock fixed at {@link #NOW}. */
    static AddrMan deterministic() {
        return deterministic(InMemoryAddressBookStore.withKey(deterministicKey()));
    }

    static AddrMan deterministic(InMemoryAddressBookStore store) {
        return AddrMan.load(store, new SplittableRandom(42), InstantSource.fixed(NOW));
    }

    static NetAddress ip(String literal) {
        return Subnet.parseLiteral(literal).orElseThrow(() -> new IllegalArgumentException(literal));
    }

    /** A CAddress as Core's tests make it: NODE_NONE and TIME_INIT. */
    static Address addr(String literal, int port) {
        return new Address(TIME_INIT, ServiceFlags.NODE_NONE, ip(literal), port);
    }

    static Address addr(String literal, int port, Instant time) {
        return new Address(time, ServiceFlags.NODE_NONE, ip(literal), port);
    }

    static String hostPort(Address a) {
        return a.address() + ":" + a.port();
    }
}
