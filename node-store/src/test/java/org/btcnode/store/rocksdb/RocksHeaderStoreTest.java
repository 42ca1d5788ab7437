package org.btcnode.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.chain.BlockStatus;
import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.store.HeaderStore.StoredHeader;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.types.Hash256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RocksHeaderStoreTest {
    @TempDir
    Path chainDir;

    @Test
    void headersAndTipSurviveAReopenAndRebuildTheTree() {
        List<StoredHeader> main = new ArrayList<>();
        main.add(TestHeaders.genesis());
        main.addAll(TestHeaders.extend(TestHeaders.genesis(), 300, 0));
        List<StoredHeader> fork = TestHeaders.extend(main.get(250), 20, 1);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            assertThat(store.tip()).isEmpty();
            assertThat(store.loadAll()).isEmpty();
            store.append(main.subList(0, 101), main.get(100).hash());
            store.append(main.subList(101, 301), main.get(300).hash());
            store.append(fork, main.get(300).hash());
        }
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            assertThat(store.tip()).contains(main.get(300).hash());
            assertThat(store.get(main.get(123).hash())).contains(main.get(123));
            assertThat(store.get(fork.get(19).hash())).contains(fork.get(19));
            assertThat(store.get(Hash256.fromHex("33".repeat(32)))).isEmpty();
            List<StoredHeader> all = store.loadAll();
            assertThat(all).hasSize(321).containsAll(main).containsAll(fork);
            HeaderTree tree = HeaderTree.restore(TestHeaders.GENESIS, all);
            assertThat(tree.bestHeader().hash()).isEqualTo(main.get(300).hash());
            assertThat(tree.get(fork.get(19).hash()).orElseThrow().height()).isEqualTo(270);
        }
    }

    @Test
    void aChangedStatusOverwritesTheRecord() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            List<StoredHeader> chain = TestHeaders.extend(TestHeaders.genesis(), 3, 0);
            store.append(chain, chain.get(2).hash());
            StoredHeader failed = new StoredHeader(chain.get(2).header(), 3, chain.get(2).chainWork(),
                    chain.get(2).status() | BlockStatus.BLOCK_FAILED_VALID);
            store.append(List.of(failed), chain.get(1).hash());
            assertThat(store.get(failed.hash()).orElseThrow().status()).isEqualTo(failed.status());
            assertThat(store.tip()).contains(chain.get(1).hash());
            assertThat(store.loadAll()).hasSize(3);
        }
    }

    /** A database written before the headers column family existed opens, gains it, keeps schema 1. */
    @Test
    void aSchemaOneDatabaseWithoutTheHeadersFamilyGainsIt() throws Exception {
        Path path = chainDir.resolve(NodeDatabase.DIRECTORY);
        OldDatabases.create(path, "addrman", "bans");
        assertThat(OldDatabases.families(path)).hasSize(3);
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            assertThat(store.loadAll()).isEmpty();
            store.append(List.of(TestHeaders.genesis()), TestHeaders.GENESIS.hash());
        }
        assertThat(OldDatabases.families(path)).contains("headers");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksHeaderStore(db).tip()).contains(TestHeaders.GENESIS.hash());
        }
    }

    @Test
    void anUndecodableRecordIsCorrupt() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksHeaderStore store = new RocksHeaderStore(db);
            StoredHeader h = TestHeaders.extend(TestHeaders.genesis(), 1, 0).get(0);
            byte[] value = RocksHeaderStore.encode(h);
            byte[] truncated = java.util.Arrays.copyOf(value, value.length - 1);
            ColumnFamilyHandle family = db.handle(NodeDatabase.Family.HEADERS);
            db.update(batch -> batch.put(family, h.hash().toByteArray(), truncated));
            assertThatThrownBy(store::loadAll).isInstanceOf(StoreException.class)
                    .satisfies(e -> assertThat(((StoreException) e).kind()).isEqualTo(StoreException.Kind.CORRUPT))
                    .hasMessageContaining("undecodable headers record: key " + h.hash().toInternalHex());
            // A record stored under another header's hash is corrupt too.
            StoredHeader other = TestHeaders.extend(h, 1, 0).get(0);
            db.update(batch -> batch.put(family, h.hash().toByteArray(), RocksHeaderStore.encode(other)));
            assertThatThrownBy(() -> store.get(h.hash())).isInstanceOf(StoreException.class)
                    .hasMessageContaining("hashes to " + other.hash());
        }
    }
}
