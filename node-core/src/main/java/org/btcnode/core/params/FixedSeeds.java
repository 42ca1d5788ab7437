package org.btcnode.core.params;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.Subnet;

/**
 * Core's fixed seed nodes per chain ({@code chainparamsseeds.h}, generated from
 * {@code contrib/seeds/nodes_*.txt}), kept as data in {@code fixed-seeds-<chain>.txt} resources
 * beside this class, one {@code host:port} per line in Core's text forms (IPv4, {@code [IPv6]},
 * {@code [fc..]} CJDNS, {@code .onion} v3, {@code .b32.i2p}). Reads only its own class-path
 * resources, never the network. Stateless.
 */
public final class FixedSeeds {
    /** One fixed seed: an address and its port (I2P seeds have port 0, Core's I2P_SAM31_PORT). Immutable. */
    public record Endpoint(NetAddress address, int port) {
        public Endpoint {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 0xffff) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** net.cpp ConvertSeeds: a fixed seed's "last seen" is a random time one to two weeks ago. */
    static final Duration ONE_WEEK = Duration.ofDays(7);
    /** protocol.h: SeedsServiceFlags(), what Core assumes a seed offers: NODE_NETWORK | NODE_WITNESS. */
    public static final ServiceFlags SEEDS_SERVICE_FLAGS = ServiceFlags.of(ServiceFlags.NODE_NETWORK,
            ServiceFlags.NODE_WITNESS);

    private FixedSeeds() {
    }

    /** The resource holding {@code chain}'s list (regtest has none, as in Core). */
    static String resourceName(Chain chain) {
        return "fixed-seeds-" + chain.id() + ".txt";
    }

    /** The chain's seed lines as written in the resource, comments and blank lines removed. */
    public static List<String> lines(Chain chain) {
        InputStream in = FixedSeeds.class.getResourceAsStream(resourceName(chain));
        if (in == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int hash = line.indexOf('#');
                String text = (hash < 0 ? line : line.substring(0, hash)).strip();
                if (!text.isEmpty()) {
                    out.add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixed seeds of " + chain.id(), e);
        }
        return List.copyOf(out);
    }

    /** The chain's fixed seeds, parsed; a line that does not parse is a packaging bug and throws. */
    public static List<Endpoint> endpoints(Chain chain) {
        List<Endpoint> out = new ArrayList<>();
        for (String line : lines(chain)) {
            out.add(parse(line).orElseThrow(() -> new IllegalStateException(
                    "fixed seed of " + chain.id() + " does not parse: " + line)));
        }
        return List.copyOf(out);
    }

    /**
     * The chain's fixed seeds as address-book entries, as Core's ConvertSeeds: services
     * {@link #SEEDS_SERVICE_FLAGS}, time a random instant between two weeks and one week before
     * {@code now}.
     */
    public static List<Address> forChain(Chain chain, Instant now, RandomGenerator random) {
        List<Address> out = new ArrayList<>();
        for (Endpoint e : endpoints(chain)) {
            long ageSeconds = ONE_WEEK.getSeconds() + random.nextLong(ONE_WEEK.getSeconds());
            Instant time = Instant.ofEpochSecond(Math.max(0, now.getEpochSecond() - ageSeconds));
            out.add(new Address(time, SEEDS_SERVICE_FLAGS, e.address(), e.port()));
        }
        return List.copyOf(out);
    }

    /**
     * Parses one {@code host:port} in the forms of Core's seed files ({@code generate-seeds.py}):
     * {@code a.b.c.d:port}, {@code [ipv6]:port} (fc00::/8 is CJDNS, as the script has it),
     * {@code <56 chars>.onion:port}, {@code <52 chars>.b32.i2p:port}. Never resolves a name.
     */
    public static Optional<Endpoint> parse(String text) {
        String host;
        String portText;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(1, close);
            portText = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || text.indexOf(':') != colon) {
                return Optional.empty();
            }
            host = text.substring(0, colon);
            portText = text.substring(colon + 1);
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int port = Integer.parseInt(portText);
        if (port > 0xffff) {
            return Optional.empty();
        }
        return host(host, text.startsWith("[")).map(a -> new Endpoint(a, port));
    }

    private static Optional<NetAddress> host(String host, boolean bracketed) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".onion")) {
            return onionV3(lower.substring(0, lower.length() - ".onion".length()));
        }
        if (lower.endsWith(".b32.i2p")) {
            return base32(lower.substring(0, lower.length() - ".b32.i2p".length()), 32)
                    .map(b -> NetAddress.of(NetworkId.I2P, b));
        }
        if (bracketed != host.contains(":")) {
            return Optional.empty();
        }
        Optional<NetAddress> ip = Subnet.parseLiteral(host);
        if (ip.isPresent() && ip.get().network() == NetworkId.IPV6
                && (ip.get().bytes().toByteArray()[0] & 0xff) == 0xfc) {
            return Optional.of(new NetAddress(NetworkId.CJDNS, ip.get().bytes()));   // generate-seeds.py
        }
        return ip;
    }

    /** A v3 onion name (56 base32 chars: pubkey, checksum, version 3), checked by re-encoding. */
    private static Optional<NetAddress> onionV3(String name) {
        Optional<byte[]> all = base32(name, 35);
        if (all.isEmpty() || all.get()[34] != 3) {
            return Optional.empty();
        }
        byte[] pubkey = java.util.Arrays.copyOf(all.get(), 32);
        NetAddress address = NetAddress.of(NetworkId.TORV3, pubkey);
        // toString computes the checksum: equal text means the checksum was right
        return address.toString().equals(name + ".onion") ? Optional.of(address) : Optional.empty();
    }

    /** RFC 4648 base32 without padding, lowercase, exactly {@code length} bytes with zero spare bits. */
    private static Optional<byte[]> base32(String text, int length) {
        if (text.length() != (length * 8 + 4) / 5) {
            return Optional.empty();
        }
        byte[] out = new byte[length];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = "abcdefghijklmnopqrstuvwxyz234567".indexOf(text.charAt(i));
            if (v < 0) {
                return Optional.empty();
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[index++] = (byte) (buffer >>> bits);
                buffer &= (1 << bits) - 1;
            }
        }
        return buffer == 0 ? Optional.of(out) : Optional.empty();
    }
}
