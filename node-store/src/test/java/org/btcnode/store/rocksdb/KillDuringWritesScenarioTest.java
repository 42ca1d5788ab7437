package org.btcnode.store.rocksdb;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 in the middle of heavy writes, five times: a child JVM ({@link CrashWriterMain}) writes
 * address-book batches as fast as it can and is killed with SIGKILL after it reported a different
 * number of batches each round. After each kill the database opens and holds a whole book: exactly
 * the last {@link CrashWriterMain#LIVE_BATCHES} batches up to the one its key names, every entry as
 * written, every slot pointing at its entry, nothing of a half-written batch. Every batch the child
 * reported is there: a write returns once the batch is in the write-ahead log in the OS, which a
 * killed process cannot lose (a power failure could: sync=false, see {@link NodeDatabase}).
 * Waiting reads the child's output, never sleeps; the deadline only stops a hung child.
 */
class KillDuringWritesScenarioTest extends KillScenario {
    private static final int ROUNDS = 5;

    @Test
    void aDatabaseKilledMidWriteOpensConsistentWithEveryReportedBatch() throws Exception {
        long lastReported = -1;
        for (int round = 0; round < ROUNDS; round++) {
            int reports = 20 + 17 * round;                   // a different point in each round
            long reported = runAndKill(CrashWriterMain.class, reports);
            assertThat(reported).as("round %d continues after the last batch", round).isGreaterThan(lastReported);

            long stored;
            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                Snapshot book = new RocksAddressBookStore(db).load();
                stored = assertWholeBook(book);
            }
            assertThat(stored).as("round %d: every reported batch survived", round).isGreaterThanOrEqualTo(reported);
            lastReported = reported;
        }
    }

    /** The book holds exactly batches N-9..N as written (N from the key); returns N. */
    private static long assertWholeBook(Snapshot book) {
        assertThat(book.key()).isPresent();
        long last = CrashWriterMain.batchOf(book.key().get());
        Map<Long, StoredAddress> entries = new HashMap<>();
        Map<Slot, Long> slots = new HashMap<>();
        for (long batch = Math.max(0, last - CrashWriterMain.LIVE_BATCHES + 1); batch <= last; batch++) {
            for (int i = 0; i < CrashWriterMain.BATCH_ENTRIES; i++) {
                long id = batch * CrashWriterMain.BATCH_ENTRIES + i;
                entries.put(id, RocksAddressBookStoreTest.entry(id, new Random(id)));
                slots.put(CrashWriterMain.slot(batch, i), id);
            }
        }
        assertThat(book.entries()).as("entries after batch %d", last).isEqualTo(entries);
        assertThat(book.slots()).as("slots after batch %d", last).isEqualTo(slots);
        assertThat(book.entries().keySet()).containsAll(book.slots().values());
        return last;
    }
}
