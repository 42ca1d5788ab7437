package org.btcnode.store.rocksdb;

import java.nio.file.Path;

import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;

/**
 * The child JVM of {@link KillDuringBlockWritesScenarioTest}: stores the blocks of
 * {@link TestBlocks.Miner} ({@link #PAD_BYTES} of padding each) in the chain directory given as
 * its argument (block files and database index), one put per block, until it is killed, printing "committed N"
 * after block N (counted from 0) was stored. Restarted, it skips the blocks already stored.
 */
public final class CrashBlockWriterMain {
    static final int PAD_BYTES = 100_000;

    private CrashBlockWriterMain() {
    }

    public static void main(String[] args) {
        NodeDatabase db = NodeDatabase.openChainDatabase(Path.of(args[0]));   // never closed: we get killed
        RocksBlockStore store = RocksBlockStore.openInChainDir(db, Path.of(args[0]), TestBlocks.MAGIC);
        TestBlocks.Miner miner = new TestBlocks.Miner(PAD_BYTES);
        for (long n = 0; ; n++) {
            Block b = miner.next();
            if (!store.contains(b.hash())) {
                store.put(b.hash(), Bytes.of(b.toByteArray()));
                System.out.println("committed " + n);
                System.out.flush();
            }
        }
    }
}
