package org.btcnode.store.rocksdb;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;

import org.btcnode.core.store.AddressBookStore.Changes;
import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.types.Bytes;

/**
 * The child JVM of {@link KillDuringWritesScenarioTest}: writes address-book batches into the
 * database of the chain directory given as its argument until it is killed, and prints
 * "committed N" after batch N returned. Batch N writes {@link #BATCH_ENTRIES} entries (ids
 * {@code N*BATCH_ENTRIES+i}, contents derived from the id), a slot for each, the key record set to
 * N, and deletes batch {@code N-LIVE_BATCHES} with its slots: a whole book always holds exactly the
 * last {@link #LIVE_BATCHES} batches up to the one the key names.
 */
public final class CrashWriterMain {
    static final int BATCH_ENTRIES = 200;
    static final int LIVE_BATCHES = 10;

    private CrashWriterMain() {
    }

    public static void main(String[] args) {
        NodeDatabase db = NodeDatabase.openChainDatabase(Path.of(args[0]));   // never closed: we get killed
        RocksAddressBookStore store = new RocksAddressBookStore(db);
        Snapshot book = store.load();
        long batch = book.key().map(CrashWriterMain::batchOf).orElse(-1L) + 1;
        for (; ; batch++) {
            store.apply(changes(batch));
            System.out.println("committed " + batch);
            System.out.flush();
        }
    }

    static Changes changes(long batch) {
        Changes changes = new Changes().setKey(keyOf(batch));
        for (int i = 0; i < BATCH_ENTRIES; i++) {
            long id = batch * BATCH_ENTRIES + i;
            changes.put(RocksAddressBookStoreTest.entry(id, new Random(id))).setSlot(slot(batch, i), id);
        }
        long old = batch - LIVE_BATCHES;
        if (old >= 0) {
            for (int i = 0; i < BATCH_ENTRIES; i++) {
                changes.delete(old * BATCH_ENTRIES + i).clearSlot(slot(old, i));
            }
        }
        return changes;
    }

    /** Batches 10 apart never share a slot: bucket = batch mod 64 in the new table. */
    static Slot slot(long batch, int i) {
        return new Slot(false, (int) (batch % 64), i);
    }

    static Bytes keyOf(long batch) {
        return Bytes.of(ByteBuffer.allocate(8).putLong(batch).array());
    }

    static long batchOf(Bytes key) {
        return ByteBuffer.wrap(key.toByteArray()).getLong();
    }
}
