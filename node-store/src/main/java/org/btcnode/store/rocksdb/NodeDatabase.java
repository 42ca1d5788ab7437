package org.btcnode.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

import org.btcnode.core.log.LogCategory;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;

/**
 * The node's one RocksDB database, {@code <chaindir>/db} (Core keeps several LevelDB databases and
 * flat files; we keep one database with a column family per kind of data, DESIGN.md
 * "Persistence"). The {@code default} column family holds metadata, among it the schema version;
 * each {@link Family} is one more column family, created on first open. Opened once by node-daemon
 * after the datadir lock; the stores ({@link RocksBanStore}, {@link RocksAddressBookStore},
 * {@link RocksHeaderStore}, {@link RocksBlockStore}) write
 * through it. Thread-safe: RocksDB is, and {@link #close()} waits for calls in progress; a call
 * after close is our bug ({@link IllegalStateException}).
 *
 * <p>Durability: writes go through the write-ahead log without fsync ({@code sync=false}). A write
 * batch is atomic: after kill -9 the database opens with every batch either whole or absent. A
 * process crash loses nothing (the WAL is in the OS page cache); a power failure or kernel crash may
 * lose the last batches written since the OS last flushed the WAL to disk, never part of one.
 */
public final class NodeDatabase implements AutoCloseable {
    /** The schema this version writes and reads. */
    public static final int SCHEMA_VERSION = 1;
    /** The database directory under the chain datadir. */
    public static final String DIRECTORY = "db";
    /** Key of the schema version record in the {@code default} column family (uint32 LE value). */
    static final byte[] SCHEMA_VERSION_KEY = "schema_version".getBytes(StandardCharsets.US_ASCII);

    private static final long MAX_INFO_LOG_BYTES = 1L << 20;
    private static final Logger log = LogCategory.LEVELDB.logger();

    /**
     * The column families besides {@code default}, one per kind of data; a new constant (headers,
     * blocks) is created the next time an existing database is opened.
     */
    public enum Family {
        /** The address book: key, entries, bucket slots ({@link RocksAddressBookStore}). */
        ADDRMAN("addrman"),
        /** Manual bans by subnet ({@link RocksBanStore}). */
        BANS("bans"),
        /** The header index and the best header ({@link RocksHeaderStore}). */
        HEADERS("headers"),
        /** Serialized blocks by hash and their total size ({@link RocksBlockStore}). */
        BLOCKS("blocks");

        private final String columnFamilyName;

        Family(String columnFamilyName) {
            this.columnFamilyName = columnFamilyName;
        }

        /** The column family's name on disk. */
        public String columnFamilyName() {
            return columnFamilyName;
        }
    }

    private final Path path;
    private final DBOptions options;
    private final ColumnFamilyOptions familyOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> allHandles;
    private final ColumnFamilyHandle meta;
    private final Map<Family, ColumnFamilyHandle> handles;
    /** Reads and writes share it, {@link #close()} takes it alone: no native call on a closed database. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private NodeDatabase(Path path, DBOptions options, ColumnFamilyOptions familyOptions, RocksDB db,
            List<ColumnFamilyHandle> allHandles, ColumnFamilyHandle meta, Map<Family, ColumnFamilyHandle> handles) {
        this.path = path;
        this.options = options;
        this.familyOptions = familyOptions;
        this.writeOptions = new WriteOptions().setSync(false).setDisableWAL(false);
        this.db = db;
        this.allHandles = allHandles;
        this.meta = meta;
        this.handles = handles;
    }

    /** Opens (or creates) the database of a chain datadir: {@code <chainDataDir>/db}. */
    public static NodeDatabase openChainDatabase(Path chainDataDir) {
        return open(chainDataDir.resolve(DIRECTORY));
    }

    /**
     * Opens the database in {@code path}, creating it (schema {@value #SCHEMA_VERSION}) when there is
     * none. Never deletes or rewrites what it finds: a newer schema, a corrupt database or an I/O
     * failure is a {@link StoreException} whose message names the path and what to do.
     */
    public static NodeDatabase open(Path path) {
        Objects.requireNonNull(path, "path");
        loadNativeLibrary();
        boolean existed = Files.exists(path.resolve("CURRENT"));
        DBOptions options = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setMaxLogFileSize(MAX_INFO_LOG_BYTES)           // RocksDB's own LOG: at most 5 files of 1 MiB
                .setKeepLogFileNum(5);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
        List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        RocksDB db = null;
        try {
            Files.createDirectories(path);
            List<byte[]> names = new ArrayList<>();
            names.add(RocksDB.DEFAULT_COLUMN_FAMILY);
            if (existed) {
                try (Options listOptions = new Options()) {
                    // a newer version may have added families we do not know: RocksDB wants them all opened
                    for (byte[] name : RocksDB.listColumnFamilies(listOptions, path.toString())) {
                        if (!contains(names, name)) {
                            names.add(name);
                        }
                    }
                }
                checkSchemaReadOnly(path, names);
            }
            for (Family f : Family.values()) {
                byte[] name = f.columnFamilyName().getBytes(StandardCharsets.US_ASCII);
                if (!contains(names, name)) {
                    names.add(name);
                }
            }
            List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
            names.forEach(n -> descriptors.add(new ColumnFamilyDescriptor(n, familyOptions)));
            db = RocksDB.open(options, path.toString(), descriptors, allHandles);
            Map<Family, ColumnFamilyHandle> handles = new EnumMap<>(Family.class);
            for (Family f : Family.values()) {
                byte[] name = f.columnFamilyName().getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < names.size(); i++) {
                    if (Arrays.equals(names.get(i), name)) {
                        handles.put(f, allHandles.get(i));
                    }
                }
            }
            NodeDatabase database = new NodeDatabase(path, options, familyOptions, db, List.copyOf(allHandles),
                    allHandles.get(0), handles);
            try {
                int schema = database.checkSchema();
                log.info("Opened database {} (schema {}{})", path, schema, existed ? "" : ", new");
            } catch (RuntimeException e) {
                database.closeQuietly();
                throw e;
            }
            return database;
        } catch (RocksDBException e) {
            closeAll(db, allHandles, options, familyOptions);
            throw translate(path, "opening", e);
        } catch (java.io.IOException | SecurityException e) {
            closeAll(db, allHandles, options, familyOptions);
            throw new StoreException(StoreException.Kind.IO, "cannot create the database directory " + path + " ("
                    + e.getMessage() + "); check the permissions and free space of " + path.getParent(), e);
        }
    }

    /**
     * Reads the schema version of an existing database without writing anything (no log replay
     * into new files, no new column families), so that a newer or corrupt database is refused as
     * it was found.
     */
    private static void checkSchemaReadOnly(Path path, List<byte[]> names) throws RocksDBException {
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (ColumnFamilyOptions familyOptions = new ColumnFamilyOptions();
             DBOptions options = new DBOptions().setParanoidChecks(true)) {
            names.forEach(n -> descriptors.add(new ColumnFamilyDescriptor(n, familyOptions)));
            try (RocksDB db = RocksDB.openReadOnly(options, path.toString(), descriptors, handles)) {
                byte[] stored = db.get(handles.get(0), SCHEMA_VERSION_KEY);
                if (stored != null) {
                    schemaOf(path, stored);
                }
            } finally {
                handles.forEach(ColumnFamilyHandle::close);
            }
        }
    }

    /** Decodes the schema version record; anything but this version is an error. */
    private static int schemaOf(Path path, byte[] stored) {
        long schema;
        try {
            WireReader in = new WireReader(stored);
            schema = in.readUint32();
            if (in.hasMore()) {
                throw corrupt(path, "the schema version record has " + stored.length + " bytes");
            }
        } catch (WireFormatException e) {
            throw corrupt(path, "the schema version record has " + stored.length + " bytes");
        }
        if (schema != SCHEMA_VERSION) {
            String written = schema > SCHEMA_VERSION ? "was written by a newer btcnode" : "has an unknown schema";
            throw new StoreException(StoreException.Kind.UNKNOWN_SCHEMA, "the database in " + path + " " + written
                    + " (schema " + schema + ", this version reads " + SCHEMA_VERSION + "); upgrade btcnode or move "
                    + path + " aside to start with an empty database");
        }
        return (int) schema;
    }

    /**
     * RocksDB's JNI library, which rocksdbjni unpacks into {@code java.io.tmpdir}: a failure (a
     * read-only or {@code noexec} temporary directory, an unsupported platform) is an IO error
     * saying so, not a stack trace.
     */
    private static void loadNativeLibrary() {
        try {
            RocksDB.loadLibrary();
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError | RuntimeException e) {
            throw new StoreException(StoreException.Kind.IO, "cannot load RocksDB's native library (" + e
                    + "); check that the temporary directory " + System.getProperty("java.io.tmpdir")
                    + " is writable and not mounted noexec, or choose another with -Djava.io.tmpdir", e);
        }
    }

    /** The database directory. */
    public Path path() {
        return path;
    }

    /**
     * Reads the schema version; writes {@value #SCHEMA_VERSION} into a database that has no data yet
     * (a new one, or one whose creation a crash cut short).
     */
    private int checkSchema() {
        Optional<byte[]> stored = get(meta, SCHEMA_VERSION_KEY);
        if (stored.isEmpty()) {
            if (!isEmpty()) {
                throw corrupt(path, "it holds data but no schema version");
            }
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(meta, SCHEMA_VERSION_KEY, new WireWriter(4).writeUint32(SCHEMA_VERSION).toByteArray());
                write(batch);
            } catch (RocksDBException e) {
                throw translate(path, "writing to", e);
            }
            return SCHEMA_VERSION;
        }
        return schemaOf(path, stored.get());
    }

    private boolean isEmpty() {
        for (ColumnFamilyHandle h : allHandles) {
            try (RocksIterator it = db.newIterator(h)) {
                it.seekToFirst();
                boolean any = it.isValid();
                it.status();
                if (any) {
                    return false;
                }
            } catch (RocksDBException e) {
                throw translate(path, "reading", e);
            }
        }
        return true;
    }

    /** The handle of a column family (for the stores in this package); used only while open. */
    ColumnFamilyHandle handle(Family family) {
        checkOpen();
        return handles.get(family);
    }

    /** One value, or empty. */
    Optional<byte[]> get(ColumnFamilyHandle family, byte[] key) {
        lock.readLock().lock();
        try {
            checkOpen();
            return Optional.ofNullable(db.get(family, key));
        } catch (RocksDBException e) {
            throw translate(path, "reading", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether the key is stored, without copying its value into Java (RocksDB's KeyExists). */
    boolean contains(ColumnFamilyHandle family, byte[] key) {
        lock.readLock().lock();
        try {
            checkOpen();
            return db.keyExists(family, key);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code body} over an iterator of the column family, positioned nowhere, and closes it;
     * an error the iteration stopped on (RocksDB ends iteration silently on corruption) is thrown.
     */
    <T> T scan(Family family, Function<RocksIterator, T> body) {
        lock.readLock().lock();
        try {
            checkOpen();
            try (RocksIterator it = db.newIterator(handles.get(family))) {
                T result = body.apply(it);
                it.status();
                return result;
            }
        } catch (RocksDBException e) {
            throw translate(path, "reading", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Writes the batch atomically: after a crash it is there entirely or not at all. */
    private void write(WriteBatch batch) throws RocksDBException {
        lock.readLock().lock();
        try {
            checkOpen();
            db.write(writeOptions, batch);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Fills one write batch and writes it atomically, errors translated. */
    void update(BatchFiller filler) {
        lock.readLock().lock();                 // the batch refers to column family handles: keep them open
        try (WriteBatch batch = new WriteBatch()) {
            checkOpen();
            filler.fill(batch);
            write(batch);
        } catch (RocksDBException e) {
            throw translate(path, "writing to", e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Puts and deletes into one batch. */
    @FunctionalInterface
    interface BatchFiller {
        void fill(WriteBatch batch) throws RocksDBException;
    }

    /** A CORRUPT error for a record this version cannot decode. */
    StoreException corruptRecord(Family family, String what) {
        return corrupt(path, "undecodable " + family.columnFamilyName() + " record: " + what);
    }

    /** Flushes the memtables and the WAL to disk, then closes; safe to call more than once. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            closeAfterFlush();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void closeAfterFlush() {
        if (closed) {
            return;
        }
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, allHandles);
            db.syncWal();
        } catch (RocksDBException e) {
            log.error("Flushing database {} on close failed: {}", path, e.getMessage());
        }
        closeQuietly();
        log.info("Closed database {}", path);
    }

    private void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.closeE();
        } catch (RocksDBException e) {
            log.error("Closing database {} failed: {}", path, e.getMessage());
        }
        closeAll(null, allHandles, options, familyOptions);
        writeOptions.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("database " + path + " is closed");
        }
    }

    private static void closeAll(RocksDB db, List<ColumnFamilyHandle> handles, DBOptions options,
            ColumnFamilyOptions familyOptions) {
        handles.forEach(ColumnFamilyHandle::close);
        if (db != null) {
            db.close();
        }
        options.close();
        familyOptions.close();
    }

    private static boolean contains(List<byte[]> names, byte[] name) {
        return names.stream().anyMatch(n -> Arrays.equals(n, name));
    }

    /** RocksDB's error as ours: Corruption → CORRUPT, anything else (I/O, locks, space) → IO. */
    static StoreException translate(Path path, String doing, RocksDBException e) {
        Status status = e.getStatus();
        String reason = reason(e);
        if (status != null && status.getCode() == Status.Code.Corruption) {
            return corrupt(path, reason, e);
        }
        return new StoreException(StoreException.Kind.IO, doing + " the database in " + path + " failed (" + reason
                + "); check the free space and permissions of " + path, e);
    }

    private static String reason(RocksDBException e) {
        Status status = e.getStatus();
        String text = status != null && status.getState() != null && !status.getState().isEmpty()
                ? status.getState() : e.getMessage();
        return text == null ? "unknown error" : text.strip();
    }

    static StoreException corrupt(Path path, String reason) {
        return corrupt(path, reason, null);
    }

    private static StoreException corrupt(Path path, String reason, Throwable cause) {
        return new StoreException(StoreException.Kind.CORRUPT, "the database in " + path + " is corrupt (" + reason
                + "); move " + path + " aside to start with an empty one (the address book is rebuilt from the"
                + " network, bans are lost) or restore a backup", cause);
    }
}
