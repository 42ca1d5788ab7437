package org.btcnode.store.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
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

    private RocksBlockStore open(NodeDatabase db) {
        return RocksBlockStore.openInChainDir(db, chainDir, TestBlocks.MAGIC);
    }

    private Path blockFile(int n) {
        return chainDir.resolve(RocksBlockStore.DIRECTORY).resolve(String.format("blk%05d.dat", n));
    }

    private static void putAll(RocksBlockStore store, List<Block> blocks) {
        for (Block b : blocks) {
            store.put(b.hash(), Bytes.of(b.toByteArray()));
        }
    }

    private static long totalSize(List<Block> blocks) {
        return blocks.stream().mapToLong(Block::size).sum();
    }

    @Test
    void blocksAndTheirTotalSizeSurviveAReopen() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            assertThat(store.sizeBytes()).isZero();
            long total = 0;
            for (Block b : BLOCKS) {
                store.put(b.hash(), Bytes.of(b.toByteArray()));
                total += b.size();
                assertThat(store.sizeBytes()).isEqualTo(total);
            }
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            assertThat(store.sizeBytes()).isEqualTo(totalSize(BLOCKS));
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
    void theBlockFileHasCoresLayout() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            putAll(open(db), BLOCKS.subList(0, 2));
        }
        // blockstorage.cpp: network magic (regtest fabfb5da), block size uint32 LE, the block; next one.
        byte[] file = Files.readAllBytes(blockFile(0));
        byte[] first = BLOCKS.get(0).toByteArray();
        byte[] second = BLOCKS.get(1).toByteArray();
        String size = HexFormat.of().formatHex(new byte[] {(byte) first.length, (byte) (first.length >> 8), 0, 0});
        assertThat(HexFormat.of().formatHex(file, 0, 8)).isEqualTo("fabfb5da" + size);
        assertThat(Arrays.copyOfRange(file, 8, 8 + first.length)).isEqualTo(first);
        assertThat(HexFormat.of().formatHex(file, 8 + first.length, 12 + first.length)).isEqualTo("fabfb5da");
        assertThat(file).hasSize(16 + first.length + second.length);
    }

    @Test
    void aFullFileContinuesInTheNext() {
        long limit = 3 * (BLOCKS.get(0).size() + 8L) + 100;      // three blocks a file
        Path dir = chainDir.resolve(RocksBlockStore.DIRECTORY);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            putAll(new RocksBlockStore(db, dir, TestBlocks.MAGIC, limit), BLOCKS.subList(0, 7));
        }
        assertThat(blockFile(0)).exists();
        assertThat(blockFile(1)).exists();
        assertThat(blockFile(2)).exists();
        assertThat(blockFile(3)).doesNotExist();
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = new RocksBlockStore(db, dir, TestBlocks.MAGIC, limit);
            putAll(store, BLOCKS.subList(7, 10));
            for (Block b : BLOCKS.subList(0, 10)) {
                assertThat(store.get(b.hash()).orElseThrow().toByteArray()).isEqualTo(b.toByteArray());
            }
            assertThat(store.sizeBytes()).isEqualTo(totalSize(BLOCKS.subList(0, 10)));
        }
        assertThat(blockFile(3)).exists();
    }

    @Test
    void bytesPastTheIndexedEndAreCutOffAtOpen() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            putAll(open(db), BLOCKS.subList(0, 3));
        }
        long indexed = Files.size(blockFile(0));
        // A write the kill cut short: half a block after the last indexed one.
        byte[] half = Arrays.copyOf(BLOCKS.get(3).toByteArray(), 1000);
        Files.write(blockFile(0), half, StandardOpenOption.APPEND);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            assertThat(Files.size(blockFile(0))).isEqualTo(indexed);
            putAll(store, BLOCKS.subList(3, 5));
            assertThat(store.get(BLOCKS.get(4).hash()).orElseThrow().toByteArray()).isEqualTo(BLOCKS.get(4).toByteArray());
        }
    }

    @Test
    void storingABlockTwiceCountsItOnce() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            Block b = BLOCKS.get(0);
            store.put(b.hash(), Bytes.of(b.toByteArray()));
            store.put(b.hash(), Bytes.of(b.toByteArray()));
            assertThat(store.sizeBytes()).isEqualTo(b.size());
            assertThat(open(db).sizeBytes()).isEqualTo(b.size());
            assertThat(Files.size(blockFile(0))).isEqualTo(8 + b.size());
        }
    }

    @Test
    void bytesThatAreNotTheBlockOfTheirKeyAreCorrupt() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            putAll(store, BLOCKS.subList(0, 2));
            Block a = BLOCKS.get(0);
            byte[] garbage = new byte[100];
            try (FileChannel ch = FileChannel.open(blockFile(0), StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(garbage), 8);      // overwrite the first block's header
            }
            assertThatThrownBy(() -> store.get(a.hash())).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining("undecodable blocks record: key " + a.hash().toInternalHex())
                    .hasMessageContaining("are not that block");
            ColumnFamilyHandle family = db.handle(NodeDatabase.Family.BLOCKS);
            db.update(batch -> batch.put(family, a.hash().toByteArray(),
                    RocksBlockStore.encodeLocation(new RocksBlockStore.Location(0, 8, 100_000))));
            assertThatThrownBy(() -> store.get(a.hash())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("ends before block");
            db.update(batch -> batch.put(family, a.hash().toByteArray(),
                    RocksBlockStore.encodeLocation(new RocksBlockStore.Location(7, 8, 100))));
            assertThatThrownBy(() -> store.get(a.hash())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("blk00007.dat of block " + a.hash() + " is missing");
        }
    }

    @Test
    void aBlockFileShorterThanItsIndexIsCorrupt() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            putAll(open(db), BLOCKS.subList(0, 2));
        }
        try (FileChannel ch = FileChannel.open(blockFile(0), StandardOpenOption.WRITE)) {
            ch.truncate(100);
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThatThrownBy(() -> open(db)).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining("has 100 bytes but the index");
        }
    }

    @Test
    void anIndexWithoutItsCursorOrTotalIsCorrupt() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            Block a = BLOCKS.get(0);
            ColumnFamilyHandle family = db.handle(NodeDatabase.Family.BLOCKS);
            db.update(batch -> batch.put(family, a.hash().toByteArray(),
                    RocksBlockStore.encodeLocation(new RocksBlockStore.Location(0, 8, a.size()))));
            assertThatThrownBy(() -> open(db)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("blocks indexed without their file cursor or total size");
            db.update(batch -> {
                batch.put(family, RocksBlockStore.SIZE_KEY, new byte[] {1, 2, 3});
                batch.put(family, RocksBlockStore.CURSOR_KEY, new byte[8]);
            });
            assertThatThrownBy(() -> open(db)).isInstanceOf(StoreException.class)
                    .hasMessageContaining("undecodable blocks record: key " + Bytes.of(RocksBlockStore.SIZE_KEY).toHex());
        }
    }

    /** A database of the version before blocks (four column families) opens and gains "blocks". */
    @Test
    void aDatabaseWithoutTheBlocksFamilyGainsIt() throws Exception {
        OldDatabases.create(chainDir.resolve(NodeDatabase.DIRECTORY), "addrman", "bans", "headers");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBlockStore store = open(db);
            assertThat(store.sizeBytes()).isZero();
            store.put(BLOCKS.get(0).hash(), Bytes.of(BLOCKS.get(0).toByteArray()));
        }
        assertThat(OldDatabases.families(chainDir.resolve(NodeDatabase.DIRECTORY))).contains("blocks");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(open(db).contains(BLOCKS.get(0).hash())).isTrue();
        }
    }
}
