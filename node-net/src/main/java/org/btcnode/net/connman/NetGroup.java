package org.btcnode.net.connman;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.types.Bytes;
import org.btcnode.crypto.hash.SipHash;

/**
 * Network groups (Core's netgroup.cpp {@code NetGroupManager::GetGroup}, without asmap) and the
 * address classes they rest on (netaddress.cpp {@code IsLocal}, {@code IsRoutable},
 * {@code IsValid}, {@code HasLinkedIPv4}). Peers in one group are assumed to be under one
 * operator: outbound connections go to distinct groups, and eviction protects by keyed group.
 * The static functions are pure; an instance holds the secret key of {@link #keyed}. Immutable.
 */
public final class NetGroup {
    /** netaddress.h {@code Network} values as GetGroup writes them in its first byte. */
    static final int NET_UNROUTABLE = 0;
    static final int NET_IPV4 = 1;
    static final int NET_IPV6 = 2;
    static final int NET_ONION = 3;
    static final int NET_I2P = 4;
    static final int NET_CJDNS = 5;
    /** net.cpp: {@code RANDOMIZER_ID_NETGROUP}, the id hashed before the group bytes. */
    static final long RANDOMIZER_ID_NETGROUP = 0x6c0edd8036ef4036L;

    private final long k0;
    private final long k1;

    /** A keyed grouping with the secret {@code (k0, k1)} (Core: the node's {@code nSeed0}, {@code nSeed1}). */
    public NetGroup(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /**
     * The group hashed with our secret key, as eviction compares it (net.cpp {@code CalculateKeyedNetGroup}:
     * SipHash-2-4 over the randomizer id, little-endian, then the group bytes).
     */
    public long keyed(NetAddress address) {
        byte[] group = group(address).toByteArray();
        byte[] data = new byte[8 + group.length];
        for (int i = 0; i < 8; i++) {
            data[i] = (byte) (RANDOMIZER_ID_NETGROUP >>> (8 * i));
        }
        System.arraycopy(group, 0, data, 8, group.length);
        return SipHash.hash(k0, k1, data);
    }

    /**
     * Core's GetGroup: the network class byte, then for IPv4 (and IPv6 forms carrying IPv4) the
     * /16, for he.net IPv6 the /36, other IPv6 the /32, Tor and I2P the first 4 bits, CJDNS the 4
     * bits after its constant first byte; each partial byte padded with ones. All local addresses
     * share one group, as do all other unroutable ones.
     */
    public static Bytes group(NetAddress address) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(netClass(address));
        byte[] b = address.bytes().toByteArray();
        int bits;
        if (isLocal(address) || !isRoutable(address)) {
            bits = 0;
        } else {
            Optional<byte[]> ipv4 = linkedIpv4(address);
            if (ipv4.isPresent()) {
                out.write(ipv4.get()[0]);
                out.write(ipv4.get()[1]);
                return Bytes.of(out.toByteArray());
            }
            bits = switch (address.network()) {
                case TORV3, I2P -> 4;
                case CJDNS -> 12;
                case IPV6 -> isHeNet(b) ? 36 : 32;
                case IPV4 -> throw new IllegalStateException("IPv4 always has a linked IPv4");
            };
        }
        int whole = bits / 8;
        out.write(b, 0, whole);
        int rest = bits % 8;
        if (rest > 0) {
            out.write((b[whole] & 0xff) | ((1 << (8 - rest)) - 1));
        }
        return Bytes.of(out.toByteArray());
    }

    /** netaddress.cpp GetNetClass: unroutable, IPv4 for anything carrying IPv4, else the network. */
    static int netClass(NetAddress address) {
        if (!isRoutable(address)) {
            return NET_UNROUTABLE;
        }
        if (linkedIpv4(address).isPresent()) {
            return NET_IPV4;
        }
        return switch (address.network()) {
            case IPV4 -> NET_IPV4;
            case IPV6 -> NET_IPV6;
            case TORV3 -> NET_ONION;
            case I2P -> NET_I2P;
            case CJDNS -> NET_CJDNS;
        };
    }

    /** The eviction network of an address (netaddress.h {@code GetNetwork}). */
    public static Network network(NetAddress address) {
        return switch (address.network()) {
            case IPV4 -> Network.IPV4;
            case IPV6 -> Network.IPV6;
            case TORV3 -> Network.ONION;
            case I2P -> Network.I2P;
            case CJDNS -> Network.CJDNS;
        };
    }

    /** netaddress.cpp IsLocal: IPv4 0.0.0.0/8 and 127.0.0.0/8, IPv6 ::1. */
    public static boolean isLocal(NetAddress address) {
        byte[] b = address.bytes().toByteArray();
        if (address.network() == NetworkId.IPV4) {
            return b[0] == 127 || b[0] == 0;
        }
        if (address.network() == NetworkId.IPV6) {
            for (int i = 0; i < 15; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[15] == 1;
        }
        return false;
    }

    /** netaddress.cpp IsValid: not unspecified, not the IPv4 broadcast, not RFC 3849 documentation IPv6. */
    public static boolean isValid(NetAddress address) {
        byte[] b = address.bytes().toByteArray();
        return switch (address.network()) {
            case IPV4 -> !allEqual(b, 0) && !allEqual(b, 0xff);
            case IPV6 -> !allEqual(b, 0) && !prefix(b, 0x20, 0x01, 0x0d, 0xb8);
            case TORV3, I2P, CJDNS -> true;
        };
    }

    /**
     * netaddress.cpp IsRoutable: valid, and none of the private, link-local, shared, documentation,
     * ORCHID or local ranges (RFC 1918, 2544, 3927, 4862, 6598, 5737, 4193, 4843, 7343).
     */
    public static boolean isRoutable(NetAddress address) {
        if (!isValid(address) || isLocal(address)) {
            return false;
        }
        byte[] b = address.bytes().toByteArray();
        int b0 = b[0] & 0xff;
        int b1 = address.bytes().size() > 1 ? b[1] & 0xff : 0;
        return switch (address.network()) {
            case IPV4 -> !(b0 == 10 || (b0 == 192 && b1 == 168) || (b0 == 172 && b1 >= 16 && b1 <= 31) // RFC1918
                    || (b0 == 198 && (b1 == 18 || b1 == 19))                                         // RFC2544
                    || (b0 == 169 && b1 == 254)                                                       // RFC3927
                    || (b0 == 100 && b1 >= 64 && b1 <= 127)                                           // RFC6598
                    || (b0 == 192 && b1 == 0 && (b[2] & 0xff) == 2)                                  // RFC5737
                    || (b0 == 198 && b1 == 51 && (b[2] & 0xff) == 100)
                    || (b0 == 203 && b1 == 0 && (b[2] & 0xff) == 113));
            case IPV6 -> !((b0 & 0xfe) == 0xfc                                                       // RFC4193
                    || prefix(b, 0xfe, 0x80, 0, 0, 0, 0, 0, 0)                                        // RFC4862
                    || (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x00 && (b[3] & 0xf0) == 0x10)  // RFC4843
                    || (b0 == 0x20 && b1 == 0x01 && (b[2] & 0xff) == 0x00 && (b[3] & 0xf0) == 0x20)); // RFC7343
            case TORV3, I2P, CJDNS -> true;
        };
    }

    /**
     * netaddress.cpp HasLinkedIPv4/GetLinkedIPv4: IPv4 itself, or IPv6 that embeds one (RFC 6052
     * NAT64, RFC 6145 translated, RFC 3964 6to4, RFC 4380 Teredo with its bits inverted).
     */
    static Optional<byte[]> linkedIpv4(NetAddress address) {
        byte[] b = address.bytes().toByteArray();
        if (address.network() == NetworkId.IPV4) {
            return Optional.of(b);
        }
        if (address.network() != NetworkId.IPV6) {
            return Optional.empty();
        }
        if (prefix(b, 0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0)                       // RFC6052
                || prefix(b, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0)) {                  // RFC6145
            return Optional.of(new byte[] {b[12], b[13], b[14], b[15]});
        }
        if (prefix(b, 0x20, 0x02)) {                                                      // RFC3964
            return Optional.of(new byte[] {b[2], b[3], b[4], b[5]});
        }
        if (prefix(b, 0x20, 0x01, 0, 0)) {                                                // RFC4380
            return Optional.of(new byte[] {(byte) ~b[12], (byte) ~b[13], (byte) ~b[14], (byte) ~b[15]});
        }
        return Optional.empty();
    }

    /** netaddress.cpp IsHeNet: 2001:470::/32, whose users get /36 groups. */
    private static boolean isHeNet(byte[] b) {
        return prefix(b, 0x20, 0x01, 0x04, 0x70);
    }

    private static boolean prefix(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean allEqual(byte[] b, int value) {
        for (byte x : b) {
            if ((x & 0xff) != value) {
                return false;
            }
        }
        return true;
    }
}
