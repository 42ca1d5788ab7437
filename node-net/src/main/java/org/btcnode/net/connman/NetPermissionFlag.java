package org.btcnode.net.connman;

/**
 * One permission a whitelisted peer can get (Core's net_permissions.h {@code NetPermissionFlags}),
 * by the name {@code -whitelist}/{@code -whitebind} and getpeerinfo use. Core's composite flags
 * ({@code forcerelay} implies {@code relay}, {@code noban} implies {@code download}, {@code all})
 * are expanded by {@link NetPermissions}. Immutable.
 */
public enum NetPermissionFlag {
    /** Can query bloom filters even with -peerbloomfilters=0. */
    BLOOMFILTER("bloomfilter"),
    /** Always relay transactions from this peer, even if already in the mempool; implies relay. */
    FORCERELAY("forcerelay"),
    /** Relay and accept transactions from this peer, even with -blocksonly. */
    RELAY("relay"),
    /** Never banned, discouraged, disconnected for misbehaviour or evicted; implies download. */
    NOBAN("noban"),
    /** Can ask for our mempool. */
    MEMPOOL("mempool"),
    /** Can download blocks during IBD and past -maxuploadtarget. */
    DOWNLOAD("download"),
    /** Gets addr answers without the privacy cache and may send unlimited addrs. */
    ADDR("addr");

    private final String configName;

    NetPermissionFlag(String configName) {
        this.configName = configName;
    }

    /** The name in {@code -whitelist=name@...} and in getpeerinfo's {@code permissions}. */
    public String configName() {
        return configName;
    }
}
