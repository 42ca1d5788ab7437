package org.btcnode.core.message;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

import org.btcnode.core.types.Bytes;
import java.util.Optional;

/**
 * A network address without port (Core's {@code CNetAddr}) on one of the BIP 155 networks, with
 * exactly the length BIP 155 gives that network. An IPv6 value never carries an embedded IPv4 or
 * Tor v2 (OnionCat) address: Core turns the first into IPv4 and treats the second as invalid, so
 * neither can be an IPv6 address here. Immutable.
 */
public record NetAddress(NetworkId network, Bytes bytes) {
    /** netaddress.h: {@code ::ffff:0:0/96}, IPv4 inside the 16-byte legacy format. */
    static final byte[] IPV4_IN_IPV6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};
    /** netaddress.h: OnionCat {@code fd87:d87e:eb43::/48}, retired Tor v2 inside the legacy format. */
    static final byte[] TORV2_IN_IPV6_PREFIX = {(byte) 0xfd, (byte) 0x87, (byte) 0xd8, 0x7e, (byte) 0xeb, 0x43};
    /** Bytes of the legacy (addr v1, version) address field. */
    public static final int V1_LENGTH = 16;
    /** The IPv6 unspecified address {@code ::}, what Core sends where it has no v1 address. */
    public static final NetAddress IPV6_ANY = new NetAddress(NetworkId.IPV6, Bytes.of(new byte[16]));

    public NetAddress {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.size() != network.addressLength()) {
            throw new IllegalArgumentException("BIP155 " + network + " address with length " + bytes.size()
                    + " (should be " + network.addressLength() + ")");
        }
        if (network == NetworkId.IPV6 && (bytes.startsWith(IPV4_IN_IPV6_PREFIX)
                || bytes.startsWith(TORV2_IN_IPV6_PREFIX))) {
            throw new IllegalArgumentException("IPv4 and Tor v2 are not IPv6 addresses: " + bytes.toHex());
        }
    }

    public static NetAddress of(NetworkId network, byte[] bytes) {
        return new NetAddress(network, Bytes.of(bytes));
    }

    public static NetAddress ipv4(int a, int b, int c, int d) {
        return of(NetworkId.IPV4, new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }

    /**
     * The address in a legacy 16-byte field (addr v1, version), as Core's
     * {@code CNetAddr::SetLegacyIPv6}: IPv4-mapped becomes IPv4; an OnionCat (Tor v2) address has no
     * meaning any more and gives empty; anything else is IPv6.
     */
    public static Optional<NetAddress> fromV1(byte[] sixteen) {
        if (sixteen.length != V1_LENGTH) {
            throw new IllegalArgumentException("a v1 address has 16 bytes, not " + sixteen.length);
        }
        Bytes b = Bytes.of(sixteen);
        if (b.startsWith(IPV4_IN_IPV6_PREFIX)) {
            return Optional.of(new NetAddress(NetworkId.IPV4, Bytes.of(sixteen, 12, 4)));
        }
        if (b.startsWith(TORV2_IN_IPV6_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(new NetAddress(NetworkId.IPV6, b));
    }

    /** The legacy 16-byte form; only IPv4 and IPv6 have one (Core sends others as {@code ::}). */
    public byte[] toV1() {
        byte[] out = new byte[V1_LENGTH];
        switch (network) {
            case IPV4 -> {
                System.arraycopy(IPV4_IN_IPV6_PREFIX, 0, out, 0, IPV4_IN_IPV6_PREFIX.length);
                System.arraycopy(bytes.toByteArray(), 0, out, 12, 4);
            }
            case IPV6 -> System.arraycopy(bytes.toByteArray(), 0, out, 0, V1_LENGTH);
            case TORV3, I2P, CJDNS -> throw new IllegalStateException(network + " has no addr v1 form");
        }
        return out;
    }

    /** Core's {@code CNetAddr::ToStringAddr}: dotted IPv4, RFC 5952 IPv6/CJDNS, {@code .onion}, {@code .b32.i2p}. */
    @Override
    public String toString() {
        byte[] b = bytes.toByteArray();
        return switch (network) {
            case IPV4 -> (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
            case IPV6, CJDNS -> ipv6ToString(b);
            case TORV3 -> onionV3(b);
            case I2P -> base32(b) + ".b32.i2p";
        };
    }

    /** RFC 5952: lowercase hex groups, the longest run of two or more zero groups as {@code ::}. */
    private static String ipv6ToString(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    /** rend-spec-v3: base32(pubkey | SHA3-256(".onion checksum" | pubkey | 0x03)[0..2] | 0x03) + ".onion". */
    private static String onionV3(byte[] pubkey) {
        byte version = 3;
        MessageDigest sha3;
        try {
            sha3 = MessageDigest.getInstance("SHA3-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA3-256", e);
        }
        sha3.update(".onion checksum".getBytes(StandardCharsets.US_ASCII));
        sha3.update(pubkey);
        sha3.update(version);
        byte[] checksum = sha3.digest();
        byte[] all = new byte[35];
        System.arraycopy(pubkey, 0, all, 0, 32);
        all[32] = checksum[0];
        all[33] = checksum[1];
        all[34] = version;
        return base32(all) + ".onion";
    }

    /** RFC 4648 base32, lowercase, no padding (Core's {@code EncodeBase32(..., false)}). */
    private static String base32(byte[] data) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte value : data) {
            buffer = (buffer << 8) | (value & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }
}
