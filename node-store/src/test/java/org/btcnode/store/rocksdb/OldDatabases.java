package org.btcnode.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** Databases as an earlier btcnode left them: schema 1 with fewer column families. */
final class OldDatabases {
    private OldDatabases() {
    }

    /** Creates a schema-1 database in {@code path} with {@code default} and these column families. */
    static void create(Path path, String... families) throws Exception {
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY));
        for (String f : families) {
            descriptors.add(new ColumnFamilyDescriptor(f.getBytes(StandardCharsets.US_ASCII)));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        Files.createDirectories(path);
        try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             RocksDB raw = RocksDB.open(options, path.toString(), descriptors, handles)) {
            raw.put(handles.get(0), NodeDatabase.SCHEMA_VERSION_KEY, new byte[] {1, 0, 0, 0});
            handles.forEach(ColumnFamilyHandle::close);
        }
    }

    /** The column family names of the database in {@code path}. */
    static List<String> families(Path path) throws RocksDBException {
        try (Options o = new Options()) {
            return RocksDB.listColumnFamilies(o, path.toString()).stream()
                    .map(n -> new String(n, StandardCharsets.US_ASCII)).toList();
        }
    }
}
