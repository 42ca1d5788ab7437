package org.btcnode.store.rocksdb;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.btcnode.core.store.HeaderStore.StoredHeader;

/**
 * The child JVM of {@link KillDuringHeaderWritesScenarioTest}: extends the header chain in the
 * database of the chain directory given as its argument by {@link #BATCH} headers per append,
 * tip included, until it is killed, printing "committed N" after the batch ending at height
 * N × {@link #BATCH} returned. Restarted, it continues from the stored tip.
 */
public final class CrashHeaderWriterMain {
    static final int BATCH = 500;

    private CrashHeaderWriterMain() {
    }

    public static void main(String[] args) {
        NodeDatabase db = NodeDatabase.openChainDatabase(Path.of(args[0]));   // never closed: we get killed
        RocksHeaderStore store = new RocksHeaderStore(db);
        StoredHeader tip = store.tip().flatMap(store::get).orElse(null);
        if (tip == null) {
            tip = TestHeaders.genesis();
            store.append(List.of(tip), tip.hash());
        }
        // The tip must be the highest header stored: no batch ever lands without its tip.
        StoredHeader highest = store.loadAll().stream().max(Comparator.comparingInt(StoredHeader::height)).orElseThrow();
        if (!highest.hash().equals(tip.hash())) {
            throw new IllegalStateException("stored tip " + tip + " is not the highest header " + highest);
        }
        for (; ; ) {
            List<StoredHeader> batch = TestHeaders.extend(tip, BATCH, 0);
            tip = batch.get(batch.size() - 1);
            store.append(batch, tip.hash());
            System.out.println("committed " + tip.height() / BATCH);
            System.out.flush();
        }
    }
}
