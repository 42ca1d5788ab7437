package org.btcnode.net.connman;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.BanStore;
import org.btcnode.core.store.Subnet;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * Manual bans and discouragement (Core's banman.cpp {@code BanMan}). Bans are kept in the
 * {@link BanStore} with their expiry and refuse a peer outright; discouragement is in memory only,
 * for peers that broke a protocol rule, and only lowers their chances (accepted while inbound
 * slots are free, first to be evicted, never dialled). Node-logic thread only.
 *
 * <p>Differs from Core: Core keeps discouraged addresses in a rolling bloom filter of 50,000
 * entries with a 1e-6 false-positive rate; here it is an exact set of the 50,000 most recently
 * discouraged addresses, oldest forgotten first (same bound, no false positives).
 */
public final class BanMan {
    /** banman.h: how many discouraged addresses are remembered. */
    static final int DISCOURAGED_CAPACITY = 50_000;
    /** banman.h: DEFAULT_MISBEHAVING_BANTIME, the -bantime default (24 hours). */
    public static final Duration DEFAULT_MISBEHAVING_BANTIME = Duration.ofHours(24);

    private static final Logger log = LogCategory.NET.logger();

    private final BanStore store;
    private final InstantSource clock;
    private final Duration defaultBanTime;
    private final LinkedHashSet<NetAddress> discouraged = new LinkedHashSet<>();

    public BanMan(BanStore store, InstantSource clock, Duration defaultBanTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultBanTime = Objects.requireNonNull(defaultBanTime, "defaultBanTime");
    }

    /** Whether an active ban covers the address (BanMan::IsBanned(CNetAddr)). */
    public boolean isBanned(NetAddress address) {
        Instant now = clock.instant();
        for (Map.Entry<Subnet, BanEntry> e : store.list().entrySet()) {
            if (e.getValue().isActive(now) && e.getKey().contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the address was discouraged recently (BanMan::IsDiscouraged). */
    public boolean isDiscouraged(NetAddress address) {
        return discouraged.contains(address);
    }

    /** Remembers the address as discouraged (BanMan::Discourage). */
    public void discourage(NetAddress address) {
        discouraged.remove(address);
        discouraged.add(address);
        if (discouraged.size() > DISCOURAGED_CAPACITY) {
            Iterator<NetAddress> oldest = discouraged.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets all discouragement (BanMan::ClearDiscouraged; Core's clearbanned RPC does both). */
    public void clearDiscouraged() {
        discouraged.clear();
    }

    /**
     * Bans the subnet for {@code duration} from now, or until {@code duration} after the epoch if
     * {@code sinceEpoch} (setban's absolute flag); a zero or negative duration means -bantime. An
     * existing longer ban is kept (BanMan::Ban). Returns whether the ban list changed.
     */
    public boolean ban(Subnet subnet, Duration duration, boolean sinceEpoch) {
        Instant now = clock.instant();
        Duration offset = duration.isZero() || duration.isNegative() ? defaultBanTime : duration;
        Instant until = (sinceEpoch ? Instant.EPOCH : now).plus(offset);
        BanEntry existing = store.list().get(subnet);
        if (existing != null && !existing.banUntil().isBefore(until)) {
            return false;
        }
        store.ban(subnet, new BanEntry(now, until));
        log.info("Banned {} until {}", subnet, until);
        return true;
    }

    /** Lifts the ban on exactly this subnet (BanMan::Unban); false if there was none. */
    public boolean unban(Subnet subnet) {
        boolean removed = store.remove(subnet);
        if (removed) {
            log.info("Unbanned {}", subnet);
        }
        return removed;
    }

    /** Removes every ban (BanMan::ClearBanned). */
    public void clearBanned() {
        store.clear();
    }

    /** The active bans, after removing expired ones from the store (BanMan::GetBanned → SweepBanned). */
    public Map<Subnet, BanEntry> banned() {
        Instant now = clock.instant();
        Map<Subnet, BanEntry> active = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Map.Entry<Subnet, BanEntry> e : store.list().entrySet()) {
            if (e.getValue().isActive(now)) {
                active.put(e.getKey(), e.getValue());
            } else {
                store.remove(e.getKey());
                log.debug("Removed banned node address/subnet: {}", e.getKey());
            }
        }
        return active;
    }
}
