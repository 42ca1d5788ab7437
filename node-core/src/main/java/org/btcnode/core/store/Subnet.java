package org.btcnode.core.store;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.types.Bytes;

/**
 * A set of addresses sharing a prefix (Core's netaddress.h {@code CSubNet}): IPv4 or IPv6 with a
 * prefix length, or a single address on any network (Core allows masks only on IPv4/IPv6). The
 * bits after the prefix are always zero, so equal subnets are equal records. Immutable.
 *
 * <p>Differs from Core: a netmask that is not a contiguous prefix (Core accepts e.g.
 * {@code /255.0.255.0} and prints it as such) is refused; no one uses them for bans or whitelists.
 */
public record Subnet(NetAddress network, int prefixBits) {

    public Subnet {
        Objects.requireNonNull(network, "network");
        int maxBits = network.network().addressLength() * 8;
        boolean ip = network.network() == NetworkId.IPV4 || network.network() == NetworkId.IPV6;
        if (prefixBits < 0 || prefixBits > maxBits || (!ip && prefixBits != maxBits)) {
            throw new IllegalArgumentException("invalid prefix /" + prefixBits + " for " + network.network());
        }
        network = mask(network, prefixBits);
    }

    /** The subnet holding exactly {@code address}. */
    public static Subnet single(NetAddress address) {
        return new Subnet(address, address.network().addressLength() * 8);
    }

    /** Whether {@code address} is in this subnet (CSubNet::Match: same network, same prefix bits). */
    public boolean contains(NetAddress address) {
        return address.network() == network.network() && mask(address, prefixBits).equals(network);
    }

    /**
     * Parses {@code addr}, {@code addr/bits} or (IPv4 and IPv6) {@code addr/netmask} with a numeric
     * IPv4 or IPv6 literal; never resolves names. Empty when it is not one of those
     * (Core's LookupSubNet without DNS).
     */
    public static Optional<Subnet> parse(String text) {
        int slash = text.indexOf('/');
        String host = slash < 0 ? text : text.substring(0, slash);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Optional<NetAddress> address = parseLiteral(host);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int maxBits = address.get().network().addressLength() * 8;
        if (slash < 0) {
            return Optional.of(new Subnet(address.get(), maxBits));
        }
        String suffix = text.substring(slash + 1);
        int bits;
        if (!suffix.isEmpty() && suffix.chars().allMatch(c -> c >= '0' && c <= '9') && suffix.length() <= 3) {
            bits = Integer.parseInt(suffix);
        } else {
            Optional<NetAddress> mask = parseLiteral(suffix);
            if (mask.isEmpty() || mask.get().network() != address.get().network()) {
                return Optional.empty();
            }
            bits = prefixOf(mask.get().bytes().toByteArray());
        }
        if (bits < 0 || bits > maxBits) {
            return Optional.empty();
        }
        return Optional.of(new Subnet(address.get(), bits));
    }

    /**
     * A numeric IPv4 (dotted quad) or IPv6 literal as a {@link NetAddress}; an IPv4-mapped IPv6
     * literal gives IPv4. Never touches DNS: anything else is empty.
     */
    public static Optional<NetAddress> parseLiteral(String host) {
        if (host.isEmpty()) {
            return Optional.empty();
        }
        if (host.indexOf(':') < 0) {
            String[] parts = host.split("\\.", -1);
            if (parts.length != 4) {
                return Optional.empty();
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                String p = parts[i];
                if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    return Optional.empty();
                }
                int v = Integer.parseInt(p);
                if (v > 255) {
                    return Optional.empty();
                }
                b[i] = (byte) v;
            }
            return Optional.of(NetAddress.of(NetworkId.IPV4, b));
        }
        if (!host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return Optional.empty();      // only hex digits, colons and dots: InetAddress will not resolve it
        }
        try {
            return fromInetAddress(InetAddress.getByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An IPv4 or IPv6 {@link InetAddress} as a {@link NetAddress} (empty for an embedded Tor v2 one). */
    public static Optional<NetAddress> fromInetAddress(InetAddress address) {
        if (address instanceof Inet4Address) {
            return Optional.of(NetAddress.of(NetworkId.IPV4, address.getAddress()));
        }
        if (address instanceof Inet6Address) {
            return NetAddress.fromV1(address.getAddress());
        }
        return Optional.empty();
    }

    private static int prefixOf(byte[] mask) {
        int bits = 0;
        boolean ended = false;
        for (byte value : mask) {
            for (int i = 7; i >= 0; i--) {
                boolean set = (value >> i & 1) != 0;
                if (set && ended) {
                    return -1;          // not contiguous
                }
                if (set) {
                    bits++;
                } else {
                    ended = true;
                }
            }
        }
        return bits;
    }

    private static NetAddress mask(NetAddress address, int prefixBits) {
        byte[] b = address.bytes().toByteArray();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixBits - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        return new NetAddress(address.network(), Bytes.of(b));
    }

    /** Core's CSubNet::ToString: {@code 1.2.3.0/24}, {@code 2001:db8::/32}; a single address keeps the full prefix. */
    @Override
    public String toString() {
        return network + "/" + prefixBits;
    }
}
