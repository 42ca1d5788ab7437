package org.btcnode.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;
import org.btcnode.core.wire.WireWriter;
import org.btcnode.store.rocksdb.NodeDatabase;
import org.btcnode.store.rocksdb.RocksBlockStore;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * Block storage, scripted (one-shot runs are what matter here, not steady state): writes N
 * blocks of about S bytes, closes (flushing), reopens and reads all N back in a seeded random
 * order, for each way of storing them:
 * <ul>
 *   <li>{@code rocksdb}: RocksDB values, opened as {@link NodeDatabase} opens it (WAL, no fsync,
 *       default column family options), one put per block;
 *   <li>{@code rocksdb-blobs}: the same with BlobDB (values over 4 KiB in blob files, keys in the LSM);
 *   <li>{@code flatfiles}: the node's {@link RocksBlockStore}, Core's layout: blocks appended to
 *       128 MiB {@code blk?????.dat} files with the index, total and file cursor in the database,
 *       one batch per block after its bytes.
 * </ul>
 * Blocks are real serialisations (a BlockAssembler coinbase and one transaction padded with
 * incompressible bytes), each with its own header so every key is its block's hash; the bodies
 * are shared to keep generation out of the timings. Usage:
 * {@code java -cp bench/target/benchmarks.jar org.btcnode.bench.BlockStorageBenchmark DIR VARIANT BYTES COUNT}.
 */
public final class BlockStorageBenchmark {
    private static final long SEED = 413567;

    private BlockStorageBenchmark() {
    }

    /** One way of storing blocks; close flushes to disk. */
    interface Store extends AutoCloseable {
        void put(Hash256 hash, byte[] block);

        byte[] get(Hash256 hash);

        @Override
        void close();
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String variant = args[1];
        int bytes = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        deleteTree(dir);
        Files.createDirectories(dir);

        Block template = template(bytes);
        byte[] body = Arrays.copyOfRange(template.toByteArray(), BlockHeader.SIZE, template.size());
        List<BlockHeader> headers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            headers.add(template.header().withNonce(i));
        }

        long t0 = System.nanoTime();
        try (Store store = open(variant, dir)) {
            for (BlockHeader h : headers) {
                store.put(h.hash(), serialize(h, body));
            }
        }
        long writeNanos = System.nanoTime() - t0;

        int[] order = new SplittableRandom(SEED).ints(0, count).limit(count).toArray();
        long t1 = System.nanoTime();
        long read = 0;
        try (Store store = open(variant, dir)) {
            for (int i : order) {
                byte[] b = store.get(headers.get(i).hash());
                if (b.length != BlockHeader.SIZE + body.length) {
                    throw new IllegalStateException("block " + i + " has " + b.length + " bytes");
                }
                read += b.length;
            }
        }
        long readNanos = System.nanoTime() - t1;

        long total = (long) count * (BlockHeader.SIZE + body.length);
        System.out.printf(Locale.ROOT, "%s java=%s blocks=%d blockBytes=%d write=%.2fs (%.0f MB/s, %.2f ms/block) "
                        + "randomRead=%.2fs (%.0f MB/s, %.2f ms/block) onDisk=%.0f MB (%.2fx)%n",
                variant, Runtime.version().feature(), count, BlockHeader.SIZE + body.length, writeNanos / 1e9, total / 1e6 / (writeNanos / 1e9),
                writeNanos / 1e6 / count, readNanos / 1e9, read / 1e6 / (readNanos / 1e9), readNanos / 1e6 / count,
                du(dir) / 1e6, (double) du(dir) / total);
        deleteTree(dir);
    }

    private static byte[] serialize(BlockHeader h, byte[] body) {
        byte[] out = new byte[BlockHeader.SIZE + body.length];
        WireWriter w = new WireWriter(BlockHeader.SIZE);
        h.write(w);
        System.arraycopy(w.toByteArray(), 0, out, 0, BlockHeader.SIZE);
        System.arraycopy(body, 0, out, BlockHeader.SIZE, body.length);
        return out;
    }

    /** A regtest block on genesis of about {@code bytes} bytes: coinbase and one incompressible padding output. */
    static Block template(int bytes) {
        NetworkParameters regtest = NetworkParameters.REGTEST;
        byte[] pad = new byte[Math.max(0, bytes - 400)];
        new SplittableRandom(SEED).nextBytes(pad);
        Transaction tx = new Transaction(2, List.of(new TxIn(new OutPoint(Hash256.fromHex("11".repeat(32)), 0),
                Bytes.EMPTY, TxIn.SEQUENCE_FINAL)), List.of(new TxOut(Amount.ZERO, Bytes.of(pad))), 0);
        org.btcnode.core.chain.HeaderTree tree = new org.btcnode.core.chain.HeaderTree(regtest.genesisBlock().header());
        return BlockAssembler.createNewBlock(tree.genesis(), Bytes.of((byte) 0x51), List.of(tx),
                regtest.genesisBlock().header().time() + 600, regtest.consensus());
    }

    private static Store open(String variant, Path dir) throws RocksDBException, IOException {
        return switch (variant) {
            case "rocksdb" -> new RawRocks(dir.resolve("db"), false);
            case "rocksdb-blobs" -> new RawRocks(dir.resolve("db"), true);
            case "flatfiles" -> rocksBlockStore(dir);
            default -> throw new IllegalArgumentException("variant: rocksdb, rocksdb-blobs or flatfiles");
        };
    }

    private static Store rocksBlockStore(Path dir) {
        NodeDatabase db = NodeDatabase.openChainDatabase(dir);
        RocksBlockStore store = RocksBlockStore.openInChainDir(db, dir, NetworkParameters.REGTEST.magic());
        return new Store() {
            @Override
            public void put(Hash256 hash, byte[] block) {
                store.put(hash, Bytes.of(block));
            }

            @Override
            public byte[] get(Hash256 hash) {
                return store.get(hash).orElseThrow().toByteArray();
            }

            @Override
            public void close() {
                db.close();
            }
        };
    }

    /** RocksDB opened as NodeDatabase opens it (WAL, no fsync), one family, optionally with BlobDB. */
    static final class RawRocks implements Store {
        private final DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        private final ColumnFamilyOptions familyOptions;
        private final WriteOptions writeOptions = new WriteOptions().setSync(false);
        private final List<ColumnFamilyHandle> handles = new ArrayList<>();
        private final RocksDB db;

        RawRocks(Path path, boolean blobs) throws RocksDBException, IOException {
            Files.createDirectories(path);
            familyOptions = new ColumnFamilyOptions();
            if (blobs) {
                familyOptions.setEnableBlobFiles(true).setMinBlobSize(4096).setBlobFileSize(256L << 20);
            }
            db = RocksDB.open(options, path.toString(), List.of(
                    new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions),
                    new ColumnFamilyDescriptor("blocks".getBytes(StandardCharsets.US_ASCII), familyOptions)), handles);
        }

        @Override
        public void put(Hash256 hash, byte[] block) {
            try {
                db.put(handles.get(1), writeOptions, hash.toByteArray(), block);
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] get(Hash256 hash) {
            try {
                return db.get(handles.get(1), hash.toByteArray());
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush, handles);
                db.syncWal();
            } catch (RocksDBException e) {
                throw new IllegalStateException(e);
            }
            handles.forEach(ColumnFamilyHandle::close);
            db.close();
            options.close();
            familyOptions.close();
            writeOptions.close();
        }
    }

    private static long du(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Deletes a directory tree (a benchmark's scratch data); nothing if it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
