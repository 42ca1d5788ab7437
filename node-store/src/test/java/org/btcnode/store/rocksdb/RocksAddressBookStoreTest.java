package org.btcnode.store.rocksdb;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore.Changes;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The address book on disk: key, entries and slots round-trip exactly, batches are atomic, undecodable
 * records are CORRUPT.
 */
class RocksAddressBookStoreTest {
    private static final Bytes KEY = Bytes.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    @TempDir
    Path chainDir;

    /** An entry with every field distinct from its neighbours', on a network chosen by the id. */
    static StoredAddress entry(long id, Random random) {
        NetworkId[] networks = NetworkId.values();
        NetworkId network = networks[(int) Math.floorMod(id, (long) networks.length)];
        byte[] bytes = new byte[network.addressLength()];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0x20;                  // never an embedded IPv4/Tor v2 prefix for IPv6
        Address address = new Address(Instant.ofEpochSecond(random.nextInt() & 0xffffffffL),
                new ServiceFlags(random.nextLong()), NetAddress.of(network, bytes), random.nextInt(0x10000));
        return new StoredAddress(id, address, NetAddress.ipv4(random.nextInt(256), 2, 3, 4),
                Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)),
                Instant.ofEpochSecond(random.nextInt(2_000_000_000)), Instant.ofEpochSecond(-random.nextInt(1000)),
                random.nextInt(Integer.MAX_VALUE), random.nextBoolean());
    }

    @Test
    void aNewDatabaseHasAnEmptyBook() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksAddressBookStore(db).load()).isEqualTo(Snapshot.empty());
        }
    }

    @Test
    void keyEntriesAndSlotsSurviveAReopenExactly() {
        Random random = new Random(5);
        Map<Long, StoredAddress> entries = new LinkedHashMap<>();
        Map<Slot, Long> slots = new LinkedHashMap<>();
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksAddressBookStore store = new RocksAddressBookStore(db);
            Changes changes = new Changes().setKey(KEY);
            for (long id = 0; id < 3000; id++) {
                StoredAddress e = entry(id, random);
                entries.put(id, e);
                changes.put(e);
                Slot slot = new Slot(e.inTried(), (int) (id % 1024), (int) (id / 1024));
                slots.put(slot, id);
                changes.setSlot(slot, id);
                if (changes.size() > 500) {
                    store.apply(changes);
                    changes.clear();
                }
            }
            store.apply(changes);
            assertThat(store.load()).isEqualTo(new Snapshot(Optional.of(KEY), entries, slots));
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            Snapshot loaded = new RocksAddressBookStore(db).load();
            assertThat(loaded.key()).contains(KEY);
            assertThat(loaded.entries()).isEqualTo(entries);
            assertThat(loaded.slots()).isEqualTo(slots);
            assertThat(new java.util.ArrayList<>(loaded.entries().keySet())).isSorted();   // ids iterate in order
        }
    }

    @Test
    void deletesClearedSlotsAndReplacedValuesAreApplied() {
        Random random = new Random(7);
        StoredAddress a = entry(1, random);
        StoredAddress b = entry(2, random);
        StoredAddress a2 = entry(1, random);
        Slot newSlot = new Slot(false, 1023, 63);
        Slot triedSlot = new Slot(true, 255, 0);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksAddressBookStore store = new RocksAddressBookStore(db);
            store.apply(new Changes().setKey(KEY).put(a).put(b).setSlot(newSlot, 1).setSlot(triedSlot, 2));
            store.apply(new Changes().delete(2).clearSlot(triedSlot).put(a2).setSlot(newSlot, 1)
                    .setKey(Bytes.fromHex("01")));
            store.apply(new Changes());                                    // empty: a no-op
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksAddressBookStore(db).load()).isEqualTo(
                    new Snapshot(Optional.of(Bytes.fromHex("01")), Map.of(1L, a2), Map.of(newSlot, 1L)));
        }
    }

    @Test
    void aBatchThatFailsWhileBeingBuiltWritesNothing() {
        Random random = new Random(9);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksAddressBookStore store = new RocksAddressBookStore(db);
            store.apply(new Changes().setKey(KEY).put(entry(1, random)));
            Snapshot before = store.load();
            Changes changes = new Changes().setKey(Bytes.fromHex("02")).delete(1);
            for (long id = 10; id < 100; id++) {
                changes.put(entry(id, random)).setSlot(new Slot(false, (int) id, 0), id);
            }
            changes.setSlot(new Slot(false, 70_000, 0), 10);               // no room for it in a slot key
            assertThatThrownBy(() -> store.apply(changes)).isInstanceOf(IllegalArgumentException.class);
            assertThat(store.load()).isEqualTo(before);
        }
    }

    @Test
    void recordsHaveTheDocumentedLayout() {
        assertThat(HexFormat.of().formatHex(RocksAddressBookStore.entryKey(0x0102030405060708L)))
                .isEqualTo("65" + "0102030405060708");
        assertThat(HexFormat.of().formatHex(RocksAddressBookStore.slotKey(new Slot(true, 0x0102, 0x0304))))
                .isEqualTo("73" + "01" + "0102" + "0304");
        StoredAddress e = new StoredAddress(9, new Address(Instant.ofEpochSecond(0x01020304L),
                new ServiceFlags(0x409), NetAddress.ipv4(1, 2, 3, 4), 8333), NetAddress.ipv4(5, 6, 7, 8),
                Instant.ofEpochSecond(1, 2), Instant.EPOCH, Instant.ofEpochSecond(3), 4, true);
        assertThat(HexFormat.of().formatHex(RocksAddressBookStore.encodeEntry(e))).isEqualTo("01"
                + "04030201" + "0904000000000000" + "01" + "01020304" + "208d"         // time, services, addr, port
                + "01" + "05060708"                                                   // source
                + "0100000000000000" + "02000000" + "0000000000000000" + "00000000"  // last try, last counted
                + "0300000000000000" + "00000000"                                     // last success
                + "04000000" + "01");                                                 // attempts, in tried
    }

    @Test
    void anUndecodableRecordIsCorruptionNamingThePathAndTheKeyAndIsKept() {
        Path path = chainDir.resolve("db");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            new RocksAddressBookStore(db).apply(new Changes().setKey(KEY).put(entry(1, new Random(1))));
            db.update(batch -> batch.put(db.handle(NodeDatabase.Family.ADDRMAN),
                    RocksAddressBookStore.entryKey(2), new byte[] {1, 2, 3}));
        }
        for (int attempt = 0; attempt < 2; attempt++) {                    // the second: nothing was deleted
            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                assertThatThrownBy(() -> new RocksAddressBookStore(db).load())
                        .isInstanceOfSatisfying(StoreException.class,
                                e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                        .hasMessage("the database in " + path + " is corrupt (undecodable addrman record: key"
                                + " 650000000000000002, int32: need 4 bytes, 2 left); move " + path + " aside to"
                                + " start with an empty one (the address book is rebuilt from the network, bans are"
                                + " lost) or restore a backup");
            }
        }
    }

    @Test
    void aRecordOfAFutureFormatOrUnknownTypeIsCorruption() {
        byte[] entry = RocksAddressBookStore.encodeEntry(entry(3, new Random(3)));
        entry[0] = 2;
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksAddressBookStore store = new RocksAddressBookStore(db);
            db.update(batch -> batch.put(db.handle(NodeDatabase.Family.ADDRMAN), RocksAddressBookStore.entryKey(3),
                    entry));
            assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                    .hasMessageContaining(
                            "(undecodable addrman record: key 650000000000000003, unknown record format 2)");
            db.update(batch -> batch.delete(db.handle(NodeDatabase.Family.ADDRMAN), RocksAddressBookStore.entryKey(3)));
            db.update(batch -> batch.put(db.handle(NodeDatabase.Family.ADDRMAN), new byte[] {'x', 1}, new byte[] {1}));
            assertThatThrownBy(store::load).isInstanceOf(StoreException.class)
                    .hasMessageContaining("(undecodable addrman record: key 7801, unknown record type)");
        }
    }
}
