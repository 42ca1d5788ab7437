package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;

/**
 * The 64 service bits a node advertises (Core's {@code ServiceFlags}, protocol.h). Unknown bits are
 * kept: peers may set bits we do not know, and addr relay passes them on. Immutable.
 */
public record ServiceFlags(long bits) {
    public static final ServiceFlags NODE_NONE = new ServiceFlags(0);
    /** Serves the full block chain. */
    public static final ServiceFlags NODE_NETWORK = new ServiceFlags(1L);
    /** Serves BIP 37 bloom-filtered connections. */
    public static final ServiceFlags NODE_BLOOM = new ServiceFlags(1L << 2);
    /** Serves blocks and transactions with witness data (BIP 144). */
    public static final ServiceFlags NODE_WITNESS = new ServiceFlags(1L << 3);
    /** Serves BIP 157 compact block filters. */
    public static final ServiceFlags NODE_COMPACT_FILTERS = new ServiceFlags(1L << 6);
    /** Serves the last 288 blocks (BIP 159). */
    public static final ServiceFlags NODE_NETWORK_LIMITED = new ServiceFlags(1L << 10);
    /** Speaks the BIP 324 v2 transport. */
    public static final ServiceFlags NODE_P2P_V2 = new ServiceFlags(1L << 11);

    /** Bit names as Core's {@code serviceFlagToStr} prints them. */
    private static final String[] NAMES = new String[64];

    static {
        NAMES[0] = "NETWORK";
        NAMES[2] = "BLOOM";
        NAMES[3] = "WITNESS";
        NAMES[6] = "COMPACT_FILTERS";
        NAMES[10] = "NETWORK_LIMITED";
        NAMES[11] = "P2P_V2";
    }

    public static ServiceFlags of(ServiceFlags... flags) {
        long bits = 0;
        for (ServiceFlags f : flags) {
            bits |= f.bits;
        }
        return new ServiceFlags(bits);
    }

    /** Whether every bit of {@code flags} is set here. */
    public boolean has(ServiceFlags flags) {
        return (bits & flags.bits) == flags.bits;
    }

    public ServiceFlags with(ServiceFlags flags) {
        return new ServiceFlags(bits | flags.bits);
    }

    public ServiceFlags without(ServiceFlags flags) {
        return new ServiceFlags(bits & ~flags.bits);
    }

    /** Names of the set bits, as Core's {@code GetServicesNames}: unknown bits as {@code UNKNOWN[2^n]}. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((bits & (1L << bit)) != 0) {
                names.add(NAMES[bit] != null ? NAMES[bit] : "UNKNOWN[2^" + bit + "]");
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return bits == 0 ? "NONE" : String.join(" & ", names());
    }
}
