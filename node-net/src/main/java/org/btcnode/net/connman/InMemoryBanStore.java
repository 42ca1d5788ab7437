package org.btcnode.net.connman;

import java.util.HashMap;
import java.util.Map;

import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.BanStore;
import org.btcnode.core.store.Subnet;

/** A {@link BanStore} in a map: for tests and for running without a database. Node-logic thread only. */
public final class InMemoryBanStore implements BanStore {
    private final Map<Subnet, BanEntry> bans = new HashMap<>();

    @Override
    public void ban(Subnet subnet, BanEntry entry) {
        bans.put(subnet, entry);
    }

    @Override
    public boolean remove(Subnet subnet) {
        return bans.remove(subnet) != null;
    }

    @Override
    public Map<Subnet, BanEntry> list() {
        return Map.copyOf(bans);
    }

    @Override
    public void clear() {
        bans.clear();
    }
}
