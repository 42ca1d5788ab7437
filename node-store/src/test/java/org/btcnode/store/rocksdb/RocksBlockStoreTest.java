package org.btcnode.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyHandle;

class RocksBlockStoreTest {
    private static final List<Block> BLOCKS = TestBlocks.chain(20, 3000);

    @TempDir
    Path chainDir;

    @Test
    void blocksAndTheirTotalSizeSurviveAReopen() {
        long total = 0;
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db);
            assertThat(store.sizeBytes()).isZero();
            for (Block b : BLOCKS) {
                store.put(b.hash(), Bytes.of(b.toByteArray()));
                total += b.size();
                assertThat(store.sizeBytes()).isEqualTo(total);
            }
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db);
            assertThat(store.sizeBytes()).isEqualTo(total);
            for (Block b : BLOCKS) {
                assertThat(store.contains(b.hash())).isTrue();
                Bytes stored = store.get(b.hash()).orElseThrow();
                assertThat(stored.toByteArray()).isEqualTo(b.toByteArray());
                assertThat(Block.CODEC.decodeExactly(stored.toByteArray())).isEqualTo(b);
            }
            Hash256 unknown = Hash256.fromHex("44".repeat(32));
            assertThat(store.contains(unknown)).isFalse();
            assertThat(store.get(unknown)).isEmpty();
        }
    }

    @Test
    void storingABlockTwiceCountsItOnce() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db);
            Block b = BLOCKS.get(0);
            store.put(b.hash(), Bytes.of(b.toByteArray()));
            store.put(b.hash(), Bytes.of(b.toByteArray()));
            assertThat(store.sizeBytes()).isEqualTo(b.size());
            assertThat(new RocksBlockStore(db).sizeBytes()).isEqualTo(b.size());
        }
    }

    @Test
    void aValueThatIsNotTheBlockOfItsKeyIsCorrupt() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db);
            Block a = BLOCKS.get(0);
            Block b = BLOCKS.get(1);
            ColumnFamilyHandle family = db.handle(NodeDatabase.Family.BLOCKS);
            db.update(batch -> batch.put(family, a.hash().toByteArray(), b.toByteArray()));
            assertThatThrownBy(() -> store.get(a.hash())).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining("undecodable blocks record: key " + a.hash().toInternalHex());
            db.update(batch -> batch.put(family, a.hash().toByteArray(), Arrays.copyOf(a.toByteArray(), 80)));
            assertThatThrownBy(() -> store.get(a.hash())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("truncated");
        }
    }

    @Test
    void blocksWithoutATotalOrABadTotalAreCorrupt() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            Block a = BLOCKS.get(0);
            ColumnFamilyHandle family = db.handle(NodeDatabase.Family.BLOCKS);
            db.update(batch -> batch.put(family, a.hash().toByteArray(), a.toByteArray()));
            assertThatThrownBy(() -> new RocksBlockStore(db)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("blocks stored without their total size");
            db.update(batch -> batch.put(family, RocksBlockStore.SIZE_KEY, new byte[] {1, 2, 3}));
            assertThatThrownBy(() -> new RocksBlockStore(db)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("undecodable blocks record: key " + Bytes.of(RocksBlockStore.SIZE_KEY).toHex());
        }
    }

    /** A database of the version before blocks (four column families) opens and gains "blocks". */
    @Test
    void aDatabaseWithoutTheBlocksFamilyGainsIt() throws Exception {
        OldDatabases.create(chainDir.resolve(NodeDatabase.DIRECTORY), "addrman", "bans", "headers");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db);
            assertThat(store.sizeBytes()).isZero();
            store.put(BLOCKS.get(0).hash(), Bytes.of(BLOCKS.get(0).toByteArray()));
        }
        assertThat(OldDatabases.families(chainDir.resolve(NodeDatabase.DIRECTORY))).contains("blocks");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksBlockStore(db).contains(BLOCKS.get(0).hash())).isTrue();
        }
    }
}
