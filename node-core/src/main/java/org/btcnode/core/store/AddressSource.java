package org.btcnode.core.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;

/**
 * Where the connection manager gets addresses for automatic outbound connections, and what it
 * tells back (the part of Core's {@code AddrMan} that {@code CConnman::ThreadOpenConnections}
 * uses). The address book implements it; until then a fixed list does. Called from the
 * node-logic thread only.
 */
public interface AddressSource {
    /**
     * An address to try, chosen at random (AddrMan::Select); {@code newOnly} asks for one never
     * connected successfully, as feelers do. Empty when there is none.
     */
    Optional<Candidate> select(boolean newOnly);

    /**
     * We are about to dial this address (AddrMan::Attempt). {@code countFailure} is false while we
     * have fewer than two outbound peers, so that losing our own connectivity does not mark good
     * addresses as failing.
     */
    void attempt(NetAddress address, int port, boolean countFailure, Instant now);

    /** An outbound connection to it completed the version handshake (AddrMan::Good). */
    void good(NetAddress address, int port, Instant now);

    /** An outbound connection to it that had completed the handshake has ended (AddrMan::Connected). */
    void connected(NetAddress address, int port, Instant now);

    /**
     * One selected address and when we last tried it ({@link Instant#EPOCH} if never), as the
     * pair Core's Select returns. Immutable.
     */
    record Candidate(Address address, Instant lastTry) {
        public Candidate {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(lastTry, "lastTry");
        }
    }
}
