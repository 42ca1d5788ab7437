package org.btcnode.net.peer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;

/**
 * One peer's address-relay state (net_processing.cpp {@code Peer}: {@code m_addr_relay_enabled},
 * {@code m_addr_known}, {@code m_addrs_to_send}, {@code m_next_addr_send},
 * {@code m_next_local_addr_send}, {@code m_getaddr_sent}, {@code m_getaddr_recvd},
 * {@code m_addr_token_bucket}, {@code m_addr_token_timestamp}, {@code m_addr_processed},
 * {@code m_addr_rate_limited}). Mutated by {@link AddrRelay}. Node-logic thread only.
 *
 * <p>Core's {@code m_addr_known} is a rolling bloom filter of 5,000 entries at 0.1 % false
 * positives; here it is an exact set of the last {@link #ADDR_KNOWN_SIZE} addresses in insertion
 * order (oldest forgotten first): no false positives, a bounded memory of about the same reach.
 */
final class AddrRelayState {
    /** net_processing.cpp: the size of m_addr_known's rolling filter. */
    static final int ADDR_KNOWN_SIZE = 5000;

    /** An address and port: what {@code CAddress::GetKey} identifies. */
    record Key(NetAddress address, int port) {
        static Key of(Address a) {
            return new Key(a.address(), a.port());
        }
    }

    boolean relayEnabled;
    private final Map<Key, Boolean> known = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
            return size() > ADDR_KNOWN_SIZE;
        }
    };
    final List<Address> toSend = new ArrayList<>();
    Instant nextAddrSend = Instant.EPOCH;
    Instant nextLocalAddrSend = Instant.EPOCH;
    boolean getAddrSent;
    boolean getAddrReceived;
    /** Core starts the bucket at one token. */
    double tokenBucket = 1.0;
    Instant tokenTimestamp;
    long processed;
    long rateLimited;

    AddrRelayState(Instant connected) {
        this.tokenTimestamp = connected;
    }

    boolean isKnown(Address a) {
        return known.containsKey(Key.of(a));
    }

    /** AddAddressKnown; a known address moves to the newest end. */
    void addKnown(Address a) {
        Key k = Key.of(a);
        known.remove(k);
        known.put(k, Boolean.TRUE);
    }

    /** {@code m_addr_known->reset()}. */
    void resetKnown() {
        known.clear();
    }

    int knownCount() {
        return known.size();
    }
}
