package org.btcnode.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.StoreException;
import org.btcnode.core.store.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database itself: where it lives, its schema version, and the one-sentence errors for newer,
 * corrupt and unopenable databases, with nothing deleted.
 */
class NodeDatabaseTest {
    @TempDir
    Path chainDir;

    private Path dbPath() {
        return chainDir.resolve("db");
    }

    /** Writes the raw schema version record with RocksDB directly, as another btcnode version would. */
    private void writeSchemaVersion(byte[] value) throws Exception {
        NodeDatabase.openChainDatabase(chainDir).close();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (NodeDatabase.Family f : NodeDatabase.Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.columnFamilyName().getBytes(StandardCharsets.US_ASCII)));
        }
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dbPath().toString(), descriptors, handles)) {
            db.put(handles.get(0), NodeDatabase.SCHEMA_VERSION_KEY, value);
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    /**
     * Every file in the database directory with a digest of its bytes, to prove nothing was deleted
     * or rewritten; {@code tablesOnly} keeps the table files (*.sst), the data itself: a database
     * that opens replays its log into new files and drops the old log, RocksDB's own housekeeping.
     */
    private Map<String, String> files(boolean tablesOnly) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dbPath())) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("LOG") && (!tablesOnly || name.endsWith(".sst"))) {   // LOG: RocksDB's info log
                    out.put(name, HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return out;
    }

    private Map<String, String> files() throws Exception {
        return files(false);
    }

    @Test
    void aNewDatabaseLivesInDbUnderTheChainDirWithSchemaOneAndEveryColumnFamily() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(db.path()).isEqualTo(chainDir.resolve("db"));
        }
        assertThat(dbPath().resolve("CURRENT")).exists();
        List<byte[]> families;
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            families = RocksDB.listColumnFamilies(options, dbPath().toString());
        }
        assertThat(families).extracting(b -> new String(b, StandardCharsets.US_ASCII))
                .containsExactlyInAnyOrder("default", "addrman", "bans", "headers", "blocks");
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            // uint32 little-endian 1
            assertThat(db.get(db.handle(NodeDatabase.Family.BANS), new byte[] {1})).isEmpty();
        }
        writeSchemaVersion(new byte[] {1, 0, 0, 0});       // the exact bytes schema 1 is stored as
        NodeDatabase.openChainDatabase(chainDir).close();
    }

    @Test
    void aDatabaseFromANewerSchemaStopsWithOneSentenceAndIsLeftAlone() throws Exception {
        writeSchemaVersion(new byte[] {2, 0, 0, 0});
        Map<String, String> before = files();
        for (int attempt = 0; attempt < 2; attempt++) {     // the second attempt proves the record was not rewritten
            assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.UNKNOWN_SCHEMA))
                    .hasMessage("the database in " + dbPath() + " was written by a newer btcnode (schema 2, this"
                            + " version reads 1); upgrade btcnode or move " + dbPath() + " aside to start with an"
                            + " empty database");
        }
        assertThat(files()).isEqualTo(before);             // checked read-only: not one file written
    }

    @Test
    void aSchemaVersionRecordOfTheWrongSizeIsCorruption() throws Exception {
        writeSchemaVersion(new byte[] {1, 0});
        assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessage("the database in " + dbPath() + " is corrupt (the schema version record has 2 bytes);"
                        + " move " + dbPath() + " aside to start with an empty one (the address book is rebuilt"
                        + " from the network, bans are lost) or restore a backup");
    }

    @Test
    void aGarbageCurrentFileIsCorruptionNamingThePathAndNothingIsDeleted() throws Exception {
        NodeDatabase.openChainDatabase(chainDir).close();
        Files.writeString(dbPath().resolve("CURRENT"), "garbage");
        Map<String, String> before = files();
        assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessageStartingWith("the database in " + dbPath() + " is corrupt (")
                .hasMessageEndingWith("); move " + dbPath() + " aside to start with an empty one (the address book"
                        + " is rebuilt from the network, bans are lost) or restore a backup");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aGarbageManifestIsCorruption() throws Exception {
        NodeDatabase.openChainDatabase(chainDir).close();
        String manifest = Files.readString(dbPath().resolve("CURRENT")).strip();
        Path file = dbPath().resolve(manifest);
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ~bytes[i];
        }
        Files.write(file, bytes);
        Map<String, String> before = files();
        assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessageStartingWith("the database in " + dbPath() + " is corrupt (");
        assertThat(files()).isEqualTo(before);
    }

    @Test
    void aDamagedTableFileIsCorruptionWhenItIsRead() throws Exception {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            RocksBanStore bans = new RocksBanStore(db);
            for (int i = 0; i < 100; i++) {
                bans.ban(Subnet.parse("10.0." + i + ".0/24").orElseThrow(),
                        new BanEntry(java.time.Instant.ofEpochSecond(1_700_000_000L + i),
                                java.time.Instant.ofEpochSecond(1_800_000_000L + i)));
            }
        }                                                   // close() flushes the bans into a table file
        Path sst;
        try (Stream<Path> s = Files.list(dbPath())) {
            sst = s.filter(p -> p.toString().endsWith(".sst")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(sst);
        bytes[10] ^= 0x55;                                  // inside the first data block
        Files.write(sst, bytes);
        Map<String, String> before = files(true);
        assertThatThrownBy(() -> {
            try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
                new RocksBanStore(db);
            }
        }).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.CORRUPT))
                .hasMessageStartingWith("the database in " + dbPath() + " is corrupt (")
                .hasMessageContaining("checksum mismatch");
        assertThat(files(true)).containsAllEntriesOf(before);
    }

    @Test
    void aDatabaseAlreadyOpenIsAnIoErrorNamingThePath() {
        try (NodeDatabase db = NodeDatabase.openChainDatabase(chainDir)) {
            assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                    .isInstanceOfSatisfying(StoreException.class,
                            e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.IO))
                    .hasMessageStartingWith("opening the database in " + dbPath() + " failed (")
                    .hasMessageContaining("LOCK")
                    .hasMessageEndingWith("); check the free space and permissions of " + dbPath());
        }
    }

    @Test
    void aFileWhereTheDirectoryShouldBeIsAnIoError() throws Exception {
        Files.writeString(dbPath(), "not a directory");
        assertThatThrownBy(() -> NodeDatabase.openChainDatabase(chainDir))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.kind()).isEqualTo(StoreException.Kind.IO))
                .hasMessageStartingWith("cannot create the database directory " + dbPath() + " (");
        assertThat(Files.readString(dbPath())).isEqualTo("not a directory");
    }

    @Test
    void columnFamiliesOfANewerVersionAreOpenedAndKept() throws Exception {
        NodeDatabase.openChainDatabase(chainDir).close();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (NodeDatabase.Family f : NodeDatabase.Family.values()) {
            descriptors.add(new ColumnFamilyDescriptor(f.columnFamilyName().getBytes(StandardCharsets.US_ASCII)));
        }
        try (DBOptions options = new DBOptions();
             RocksDB db = RocksDB.open(options, dbPath().toString(), descriptors, handles)) {
            ColumnFamilyHandle later = db.createColumnFamily(new ColumnFamilyDescriptor("future".getBytes()));
            db.put(later, new byte[] {1}, new byte[] {2});
            later.close();
            handles.forEach(ColumnFamilyHandle::close);
        }
        NodeDatabase.openChainDatabase(chainDir).close();
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            assertThat(RocksDB.listColumnFamilies(options, dbPath().toString()))
                    .extracting(b -> new String(b, StandardCharsets.US_ASCII)).contains("future");
        }
    }

    @Test
    void closeIsIdempotentAndUseAfterCloseIsOurBug() {
        NodeDatabase db = NodeDatabase.openChainDatabase(chainDir);
        db.close();
        db.close();
        assertThatThrownBy(() -> new RocksBanStore(db)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database " + dbPath() + " is closed");
    }

    @Test
    void closeWaitsForWritesInProgressAndLaterWritesFailAsOurBug() throws Exception {
        NodeDatabase db = NodeDatabase.openChainDatabase(chainDir);
        RocksBanStore bans = new RocksBanStore(db);
        CountDownLatch writing = new CountDownLatch(100);
        CompletableFuture<Throwable> failure = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; ; i++) {
                    String ip = "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
                    bans.ban(Subnet.parse(ip).orElseThrow(),
                            new BanEntry(java.time.Instant.EPOCH, java.time.Instant.ofEpochSecond(i)));
                    writing.countDown();
                }
            } catch (RuntimeException e) {
                return e;
            }
        });
        writing.await();
        db.close();                                         // while the other thread keeps writing
        assertThat(failure.get(60, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database " + dbPath() + " is closed");
        try (NodeDatabase reopened = NodeDatabase.openChainDatabase(chainDir)) {
            assertThat(new RocksBanStore(reopened).list()).hasSizeGreaterThanOrEqualTo(100);
        }
    }
}
