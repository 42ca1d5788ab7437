package org.btcnode.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.btcnode.core.types.Block;
import org.junit.jupiter.api.Test;

/**
 * kill -9 while blocks are stored, three times (the sibling of {@link KillDuringWritesScenarioTest}
 * for the blocks column family): after each kill the database opens, every block the child
 * reported is there byte for byte, the stored blocks are a prefix of the child's chain (a put is
 * whole or absent; bytes a kill left past the indexed end of the last file are cut off), and the stored total size is exactly the sum of the stored blocks. Waiting
 * reads the child's output; the deadline only stops a hung child.
 */
class KillDuringBlockWritesScenarioTest extends KillScenario {
    private static final int ROUNDS = 3;

    @Test
    void aBlockStoreKilledMidWriteOpensWithEveryReportedBlockIntact() throws Exception {
        long lastReported = -1;
        for (int round = 0; round < ROUNDS; round++) {
            long reported = runAndKill(CrashBlockWriterMain.class, 10 + 9 * round);   // blocks
            assertThat(reported).isGreaterThan(lastReported);

            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                RocksBlockStore store = RocksBlockStore.openInChainDir(db, chainDir, TestBlocks.MAGIC);
                TestBlocks.Miner miner = new TestBlocks.Miner(CrashBlockWriterMain.PAD_BYTES);
                long stored = 0;
                long size = 0;
                Block b = miner.next();
                while (store.contains(b.hash())) {
                    assertThat(store.get(b.hash()).orElseThrow().toByteArray()).isEqualTo(b.toByteArray());
                    size += b.size();
                    stored++;
                    b = miner.next();
                }
                for (int gap = 0; gap < 20; gap++, b = miner.next()) {
                    assertThat(store.contains(b.hash())).as("round %d: no block after a missing one", round).isFalse();
                }
                assertThat(stored - 1).as("round %d: every reported block survived", round)
                        .isGreaterThanOrEqualTo(reported);
                assertThat(store.sizeBytes()).as("round %d: the total counts the stored blocks", round).isEqualTo(size);
            }
            lastReported = reported;
        }
    }
}
