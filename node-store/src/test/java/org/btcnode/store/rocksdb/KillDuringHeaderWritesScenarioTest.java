package org.btcnode.store.rocksdb;

import java.util.List;

import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 while the header index grows, three times (the sibling of
 * {@link KillDuringWritesScenarioTest} for the headers column family): after each kill the
 * database opens, every stored header's parent is stored (the tree rebuilds), the stored tip is
 * the highest header and no header of a half-written batch is there, and every batch the child
 * reported survived. Waiting reads the child's output; the deadline only stops a hung child.
 */
class KillDuringHeaderWritesScenarioTest extends KillScenario {
    private static final int ROUNDS = 3;

    @Test
    void aHeaderIndexKilledMidWriteOpensConsistentWithEveryReportedBatch() throws Exception {
        long lastReported = -1;
        for (int round = 0; round < ROUNDS; round++) {
            long reported = runAndKill(CrashHeaderWriterMain.class, 5 + 7 * round);   // batches
            assertThat(reported).isGreaterThan(lastReported);

            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                RocksHeaderStore store = new RocksHeaderStore(db);
                List<StoredHeader> all = store.loadAll();
                HeaderTree tree = HeaderTree.restore(TestHeaders.GENESIS, all);   // every parent is there
                StoredHeader tip = store.get(store.tip().orElseThrow()).orElseThrow();
                assertThat(tree.bestHeader().hash()).isEqualTo(tip.hash());
                assertThat(tip.height() % CrashHeaderWriterMain.BATCH).as("whole batches only").isZero();
                assertThat(all).hasSize(tip.height() + 1);
                assertThat((long) tip.height() / CrashHeaderWriterMain.BATCH)
                        .as("round %d: every reported batch survived", round).isGreaterThanOrEqualTo(reported);
            }
            lastReported = reported;
        }
    }
}
