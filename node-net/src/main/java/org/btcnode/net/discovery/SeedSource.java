package org.btcnode.net.discovery;

import java.nio.charset.StandardCharsets;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.crypto.hash.Sha256;

/**
 * The made-up address Core files DNS-seed and fixed-seed results under as their "source"
 * (netaddress.cpp {@code CNetAddr::SetInternal}): the 6-byte prefix {@code fd6b:88c0:8724}
 * followed by the first 10 bytes of SHA-256 of a name ({@code x9.seed.bitcoin.sipa.be.}, or
 * {@code fixedseeds}). Core keeps it as NET_INTERNAL and groups each such address on its own; we
 * carry it in its legacy 16-byte IPv6 form, which is how Core serialises it too. The address
 * manager must treat {@link #isInternal(NetAddress)} addresses as Core's NET_INTERNAL (one group
 * per address) and never dial them. Stateless.
 */
public final class SeedSource {
    /** netaddress.h: INTERNAL_IN_IPV6_PREFIX. */
    static final byte[] INTERNAL_IN_IPV6_PREFIX = {(byte) 0xfd, 0x6b, (byte) 0x88, (byte) 0xc0, (byte) 0x87, 0x24};
    /** netaddress.h: ADDR_INTERNAL_SIZE, bytes of the name's hash kept. */
    static final int ADDR_INTERNAL_SIZE = 10;
    /** net.cpp: the name the fixed seeds are filed under. */
    public static final String FIXED_SEEDS_NAME = "fixedseeds";

    private SeedSource() {
    }

    /** Core's {@code SetInternal(name)}. */
    public static NetAddress of(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an internal address needs a name");   // SetInternal refuses ""
        }
        byte[] hash = Sha256.hash(name.getBytes(StandardCharsets.UTF_8));
        byte[] b = new byte[16];
        System.arraycopy(INTERNAL_IN_IPV6_PREFIX, 0, b, 0, INTERNAL_IN_IPV6_PREFIX.length);
        System.arraycopy(hash, 0, b, INTERNAL_IN_IPV6_PREFIX.length, ADDR_INTERNAL_SIZE);
        return NetAddress.of(NetworkId.IPV6, b);
    }

    /** Whether {@code address} is one of these pseudo-addresses (Core's {@code IsInternal}). */
    public static boolean isInternal(NetAddress address) {
        return address.network() == NetworkId.IPV6 && address.bytes().startsWith(INTERNAL_IN_IPV6_PREFIX);
    }
}
