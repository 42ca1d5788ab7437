package org.btcnode.net.addrman;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.types.Bytes;

/**
 * An {@link AddressBookStore} in memory: for tests and for the daemon until the RocksDB store is
 * wired in. {@link #apply} builds new maps and swaps them in (copy-on-write), so a batch is seen
 * entirely or not at all and earlier snapshots never change. Node-logic thread only.
 */
public final class InMemoryAddressBookStore implements AddressBookStore {
    private Snapshot current;
    private int batches;

    /** An empty store: no key, no entries. */
    public InMemoryAddressBookStore() {
        this(Snapshot.empty());
    }

    /** A store holding {@code initial} (e.g. a fixed key for deterministic tests, or a crafted corrupt book). */
    public InMemoryAddressBookStore(Snapshot initial) {
        current = initial;
    }

    /** An empty store whose bucketing key is already {@code key} (Core's deterministic test key). */
    public static InMemoryAddressBookStore withKey(Bytes key) {
        return new InMemoryAddressBookStore(new Snapshot(Optional.of(key), Map.of(), Map.of()));
    }

    @Override
    public Snapshot load() {
        return current;
    }

    @Override
    public void apply(Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        Optional<Bytes> key = changes.key().isPresent() ? changes.key() : current.key();
        Map<Long, StoredAddress> entries = new LinkedHashMap<>(current.entries());
        changes.entries().forEach((id, entry) -> {
            if (entry.isPresent()) {
                entries.put(id, entry.get());
            } else {
                entries.remove(id);
            }
        });
        Map<Slot, Long> slots = new LinkedHashMap<>(current.slots());
        changes.slots().forEach((slot, id) -> {
            if (id.isPresent()) {
                slots.put(slot, id.get());
            } else {
                slots.remove(slot);
            }
        });
        current = new Snapshot(key, entries, slots);
        batches++;
    }

    /** How many non-empty batches were applied (tests check batching). */
    public int batchCount() {
        return batches;
    }
}
