package org.btcnode.core.store;

import java.util.Map;

/**
 * The list of manual bans (Core's {@code banlist.json} / {@code setban}), one entry per subnet. It
 * only stores: expiry, sweeping and matching are node-net's {@code BanMan}. Discouragement is not
 * stored here (Core keeps it in memory only). Blocking; called from the node-logic thread.
 */
public interface BanStore {
    /** Adds the ban, replacing any entry for the same subnet. */
    void ban(Subnet subnet, BanEntry entry);

    /** Removes the ban on exactly this subnet; false if there was none (Core's {@code Unban}). */
    boolean remove(Subnet subnet);

    /** Every stored entry, expired ones included, as an unmodifiable snapshot. */
    Map<Subnet, BanEntry> list();

    /** Removes every ban (Core's {@code ClearBanned}). */
    void clear();
}
