package org.btcnode.core.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.types.Bytes;

/**
 * The address book on disk (Core's {@code peers.dat}, kept incrementally): the secret bucketing
 * key, every address with its statistics, and which new/tried bucket slot holds which entry, so
 * that a restart rebuilds exactly the same tables. The address manager (node-net) owns the logic
 * and sends its changes as {@link Changes}, one write batch each: after a crash, a batch is there
 * entirely or not at all. Blocking; called from the node-logic thread only. Throws
 * {@link StoreException}.
 */
public interface AddressBookStore {
    /** Everything stored; an empty book for a new database. */
    Snapshot load();

    /** Applies the changes atomically (one write batch); a no-op for empty changes. */
    void apply(Changes changes);

    /**
     * One address with Core's {@code AddrInfo} statistics. Immutable.
     *
     * @param id               the address manager's entry id ({@code nId}), stable across restarts
     * @param address          the address, its port, services and last-seen time ({@code nTime})
     * @param source           who told us about it ({@code source}), its group picks new buckets
     * @param lastTry          last connection attempt ({@code m_last_try}), EPOCH if never
     * @param lastCountAttempt last attempt that counted as a failure ({@code m_last_count_attempt})
     * @param lastSuccess      last successful connection ({@code m_last_success}), EPOCH if never
     * @param attempts         failed attempts since the last success ({@code nAttempts})
     * @param inTried          whether it sits in the tried table ({@code fInTried})
     */
    record StoredAddress(long id, Address address, NetAddress source, Instant lastTry, Instant lastCountAttempt,
            Instant lastSuccess, int attempts, boolean inTried) {
        public StoredAddress {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(lastTry, "lastTry");
            Objects.requireNonNull(lastCountAttempt, "lastCountAttempt");
            Objects.requireNonNull(lastSuccess, "lastSuccess");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts must not be negative: " + attempts);
            }
        }
    }

    /**
     * A bucket slot: table, bucket and position ({@code vvNew[bucket][pos]} / {@code vvTried}).
     * Immutable.
     */
    record Slot(boolean tried, int bucket, int position) {
        public Slot {
            if (bucket < 0 || position < 0) {
                throw new IllegalArgumentException("negative bucket or position: " + bucket + "/" + position);
            }
        }
    }

    /**
     * The whole stored book. Immutable.
     *
     * @param key     the secret bucketing key ({@code nKey}), empty for a new database
     * @param entries every address by id
     * @param slots   which entry id each occupied bucket slot holds
     */
    record Snapshot(Optional<Bytes> key, Map<Long, StoredAddress> entries, Map<Slot, Long> slots) {
        public Snapshot {
            Objects.requireNonNull(key, "key");
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
        }

        public static Snapshot empty() {
            return new Snapshot(Optional.empty(), Map.of(), Map.of());
        }
    }

    /**
     * Changes collected during one node-logic task, applied as one batch. Later changes to the
     * same entry or slot replace earlier ones. Not thread-safe.
     */
    final class Changes {
        private Bytes key;
        private final Map<Long, Optional<StoredAddress>> entries = new LinkedHashMap<>();
        private final Map<Slot, Optional<Long>> slots = new LinkedHashMap<>();

        public Changes setKey(Bytes value) {
            key = Objects.requireNonNull(value, "key");
            return this;
        }

        public Changes put(StoredAddress entry) {
            entries.put(entry.id(), Optional.of(entry));
            return this;
        }

        public Changes delete(long id) {
            entries.put(id, Optional.empty());
            return this;
        }

        public Changes setSlot(Slot slot, long id) {
            slots.put(slot, Optional.of(id));
            return this;
        }

        public Changes clearSlot(Slot slot) {
            slots.put(slot, Optional.empty());
            return this;
        }

        public Optional<Bytes> key() {
            return Optional.ofNullable(key);
        }

        /** Entries to write (present) or delete (empty), by id. */
        public Map<Long, Optional<StoredAddress>> entries() {
            return Collections.unmodifiableMap(entries);
        }

        /** Slots to set (present) or clear (empty). */
        public Map<Slot, Optional<Long>> slots() {
            return Collections.unmodifiableMap(slots);
        }

        public boolean isEmpty() {
            return key == null && entries.isEmpty() && slots.isEmpty();
        }

        /** Number of records this batch touches, for log lines and batching decisions. */
        public int size() {
            return (key == null ? 0 : 1) + entries.size() + slots.size();
        }

        /** Empties the batch after it was applied. */
        public void clear() {
            key = null;
            entries.clear();
            slots.clear();
        }

        /** The entries to write, in insertion order (tests, in-memory stores). */
        public List<StoredAddress> written() {
            List<StoredAddress> out = new ArrayList<>();
            entries.values().forEach(e -> e.ifPresent(out::add));
            return out;
        }
    }
}
