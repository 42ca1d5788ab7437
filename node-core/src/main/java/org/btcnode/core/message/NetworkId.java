package org.btcnode.core.message;

import java.util.Optional;

/**
 * The BIP 155 network ids this node understands, with their fixed address lengths (Core's
 * {@code BIP155Network}, netaddress.h). TORV2 (3, retired) and ids unknown to Core (YGGDRASIL 7
 * included) are deliberately absent: an addrv2 entry with such an id is skipped, as Core does.
 */
public enum NetworkId {
    /** IPv4, 4 bytes. */
    IPV4(1, 4),
    /** IPv6, 16 bytes. */
    IPV6(2, 16),
    /** Tor v3 onion service: the 32-byte ed25519 public key. */
    TORV3(4, 32),
    /** I2P: the 32-byte SHA-256 of the destination. */
    I2P(5, 32),
    /** CJDNS: an IPv6 address in fc00::/8, 16 bytes. */
    CJDNS(6, 16);

    private final int id;
    private final int addressLength;

    NetworkId(int id, int addressLength) {
        this.id = id;
        this.addressLength = addressLength;
    }

    /** The byte on the wire. */
    public int id() {
        return id;
    }

    /** The one address length BIP 155 allows for this network. */
    public int addressLength() {
        return addressLength;
    }

    /** Whether the legacy 16-byte addr format can carry it (Core's {@code IsAddrV1Compatible}). */
    public boolean isAddrV1Compatible() {
        return this == IPV4 || this == IPV6;
    }

    public static Optional<NetworkId> fromId(int id) {
        for (NetworkId n : values()) {
            if (n.id == id) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }
}
