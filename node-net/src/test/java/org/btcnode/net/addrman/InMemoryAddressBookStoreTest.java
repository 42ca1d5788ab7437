package org.btcnode.net.addrman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.btcnode.net.addrman.AddrManFixtures.NOW;
import static org.btcnode.net.addrman.AddrManFixtures.addr;
import static org.btcnode.net.addrman.AddrManFixtures.deterministicKey;
import static org.btcnode.net.addrman.AddrManFixtures.ip;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.btcnode.core.store.AddressBookStore.Changes;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.junit.jupiter.api.Test;

class InMemoryAddressBookStoreTest {
    private static StoredAddress entry(long id, String host) {
        return new StoredAddress(id, addr(host, 8333, NOW), ip("252.2.2.2"), Instant.EPOCH, Instant.EPOCH,
                Instant.EPOCH, 0, false);
    }

    @Test
    void appliesABatchAsAWholeAndLeavesEarlierSnapshotsUnchanged() {
        InMemoryAddressBookStore store = new InMemoryAddressBookStore();
        Snapshot before = store.load();
        Changes changes = new Changes().setKey(deterministicKey()).put(entry(1, "250.1.1.1")).put(entry(2, "250.1.1.2"))
                .setSlot(new Slot(false, 3, 4), 1).setSlot(new Slot(false, 5, 6), 2);
        store.apply(changes);
        assertThat(before).isEqualTo(Snapshot.empty());
        Snapshot after = store.load();
        assertThat(after.key()).contains(deterministicKey());
        assertThat(after.entries()).containsOnlyKeys(1L, 2L);
        assertThat(after.slots()).isEqualTo(Map.of(new Slot(false, 3, 4), 1L, new Slot(false, 5, 6), 2L));

        store.apply(new Changes().delete(2).clearSlot(new Slot(false, 5, 6)).put(entry(1, "250.1.1.1")));
        assertThat(store.load().entries()).containsOnlyKeys(1L);
        assertThat(store.load().slots()).containsOnlyKeys(new Slot(false, 3, 4));
        assertThat(store.load().key()).contains(deterministicKey());      // kept when a batch has none
        assertThat(after.entries()).containsOnlyKeys(1L, 2L);              // copy-on-write
        assertThat(store.batchCount()).isEqualTo(2);
    }

    @Test
    void anEmptyBatchWritesNothing() {
        InMemoryAddressBookStore store = InMemoryAddressBookStore.withKey(deterministicKey());
        store.apply(new Changes());
        assertThat(store.batchCount()).isZero();
        assertThat(store.load()).isEqualTo(new Snapshot(Optional.of(deterministicKey()), Map.of(), Map.of()));
    }
}
