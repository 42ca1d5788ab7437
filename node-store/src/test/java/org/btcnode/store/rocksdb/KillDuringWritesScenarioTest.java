package org.btcnode.store.rocksdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.btcnode.core.store.AddressBookStore.Slot;
import org.btcnode.core.store.AddressBookStore.Snapshot;
import org.btcnode.core.store.AddressBookStore.StoredAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
class KillDuringWritesScenarioTest {
    private static final long DEADLINE_SECONDS = 120;
    private static final int ROUNDS = 5;

    @TempDir
    Path chainDir;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void aDatabaseKilledMidWriteOpensConsistentWithEveryReportedBatch() throws Exception {
        long lastReported = -1;
        for (int round = 0; round < ROUNDS; round++) {
            int reports = 20 + 17 * round;                   // a different point in each round
            long reported = runAndKill(CrashWriterMain.class, chainDir, children, reports);
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

    /**
     * Starts {@code main} as a child JVM writing into {@code chainDir}, waits for {@code reports}
     * "committed N" lines, kills it with SIGKILL while it keeps writing and checks that it died of
     * it; returns the last N it reported.
     */
    static long runAndKill(Class<?> main, Path chainDir, List<Process> children, int reports) throws Exception {
        Process child = startWriter(main, chainDir, children);
        long reported = readReports(child, reports);
        child.destroyForcibly();
        assertThat(child.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);        // 128 + SIGKILL: it did not exit on its own
        return reported;
    }

    /** Starts {@code main} in a child JVM on the test class path with the chain directory as its argument. */
    static Process startWriter(Class<?> main, Path chainDir, List<Process> children) throws IOException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), chainDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        children.add(child);
        return child;
    }

    /** Reads "committed N" lines, N counting up by one, until {@code count} arrived; returns the last N. */
    static long readReports(Process child, int count) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            long last = -1;
            try {
                for (int i = 0; i < count; i++) {
                    String line = out.readLine();
                    if (line == null) {
                        throw new IllegalStateException("the writer ended after " + i + " reports");
                    }
                    long batch = Long.parseLong(line.substring("committed ".length()));
                    if (last >= 0 && batch != last + 1) {
                        throw new IllegalStateException("batch " + batch + " after " + last);
                    }
                    last = batch;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return last;
        }).get(DEADLINE_SECONDS, TimeUnit.SECONDS);
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
