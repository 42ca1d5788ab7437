package org.btcnode.daemon;

import java.nio.file.Path;
import java.util.Objects;

import org.btcnode.core.params.Magic;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.store.BanStore;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.StoreException;
import org.btcnode.daemon.config.ConfigException;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksAddressBookStore;
import org.btcnode.store.rocksdb.RocksBanStore;
import org.btcnode.store.rocksdb.RocksBlockStore;
import org.btcnode.store.rocksdb.RocksHeaderStore;

/**
 * The node's database as a {@link NodeService}: started first (after the datadir lock, before the
 * network) and stopped last, so that nothing writes to a closed database. Opens
 * {@code <chaindir>/db}, reads the ban list, and hands the stores to the other services. A newer,
 * corrupt or unreadable database stops start-up with a {@link ConfigException.Kind#DATABASE} whose
 * message is the store's one sentence (path and way out). Start on the main thread, stop on the
 * shutdown thread; the stores themselves are used from the node-logic thread.
 */
final class DatabaseService implements NodeService {
    private final Path chainDataDir;
    private NodeDatabase database;
    private RocksBanStore banStore;
    private RocksAddressBookStore addressBookStore;
    private final Magic magic;
    private RocksHeaderStore headerStore;
    private RocksBlockStore blockStore;

    /** @param magic the chain's network magic, which prefixes every block in the block files */
    DatabaseService(Path chainDataDir, Magic magic) {
        this.chainDataDir = Objects.requireNonNull(chainDataDir, "chainDataDir");
        this.magic = Objects.requireNonNull(magic, "magic");
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public void start() throws ConfigException {
        try {
            database = NodeDatabase.openChainDatabase(chainDataDir);
            banStore = new RocksBanStore(database);              // reads every ban: corruption shows now
            addressBookStore = new RocksAddressBookStore(database);
            headerStore = new RocksHeaderStore(database);
            blockStore = RocksBlockStore.openInChainDir(database, chainDataDir, magic);
        } catch (StoreException e) {
            stop();
            throw new ConfigException(ConfigException.Kind.DATABASE, e.getMessage());
        }
    }

    /** The ban list on disk; only after {@link #start()}. */
    BanStore banStore() {
        return Objects.requireNonNull(banStore, "the database service has not started");
    }

    /** The address book on disk; only after {@link #start()}. */
    AddressBookStore addressBookStore() {
        return Objects.requireNonNull(addressBookStore, "the database service has not started");
    }

    /** The header index on disk; only after {@link #start()}. */
    HeaderStore headerStore() {
        return Objects.requireNonNull(headerStore, "the database service has not started");
    }

    /** The block files and their index; only after {@link #start()}. */
    BlockStore blockStore() {
        return Objects.requireNonNull(blockStore, "the database service has not started");
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
            banStore = null;
            addressBookStore = null;
            headerStore = null;
            blockStore = null;
        }
    }
}
