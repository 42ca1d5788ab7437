package org.btcnode.store.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.chain.ChainWork;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireWriter;
import org.rocksdb.ColumnFamilyHandle;

/**
 * The header index in the {@code headers} column family of the {@link NodeDatabase} (Core's
 * {@code blocks/index} LevelDB, header part): one record per header and one for the best header,
 * both written in the same batch, so after kill -9 the tip is always a stored header and every
 * stored header's ancestors are stored (callers append parents before or with children). Reads go
 * to RocksDB; {@link #loadAll()} scans the family once at start-up. Called from node logic only.
 *
 * <p>Record layout, little-endian as on the wire: key = block hash (32 bytes, internal order);
 * value = format (uint8, {@value #FORMAT}) | header (80 bytes) | height (uint32) | status (uint32)
 * | chain work (32 bytes, big-endian). The best header: key {@code "best_header"} (11 bytes, no
 * hash has that length), value = its hash (32 bytes). An existing database without the column
 * family gains it when opened ({@link NodeDatabase}), so the schema version stays 1.
 */
public final class RocksHeaderStore implements HeaderStore {
    /** The value format this version writes. */
    static final int FORMAT = 1;
    static final byte[] BEST_HEADER_KEY = "best_header".getBytes(StandardCharsets.US_ASCII);
    private static final int VALUE_SIZE = 1 + BlockHeader.SIZE + 4 + 4 + ChainWork.SIZE;

    private final NodeDatabase db;
    private final ColumnFamilyHandle family;

    public RocksHeaderStore(NodeDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
        this.family = db.handle(NodeDatabase.Family.HEADERS);
    }

    @Override
    public Optional<StoredHeader> get(Hash256 hash) {
        byte[] key = hash.toByteArray();
        return db.get(family, key).map(v -> decode(key, v));
    }

    @Override
    public Optional<Hash256> tip() {
        return db.get(family, BEST_HEADER_KEY).map(v -> Records.decode(db, NodeDatabase.Family.HEADERS,
                BEST_HEADER_KEY, v, in -> {
                    Hash256 h = Hash256.read(in);
                    Records.requireEnd(in);
                    return h;
                }));
    }

    @Override
    public void append(List<StoredHeader> headers, Hash256 newTip) {
        Objects.requireNonNull(newTip, "newTip");
        db.update(batch -> {
            for (StoredHeader h : headers) {
                batch.put(family, h.hash().toByteArray(), encode(h));
            }
            batch.put(family, BEST_HEADER_KEY, newTip.toByteArray());
        });
    }

    @Override
    public List<StoredHeader> loadAll() {
        return db.scan(NodeDatabase.Family.HEADERS, it -> {
            List<StoredHeader> out = new ArrayList<>();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length == Hash256.LENGTH) {
                    out.add(decode(key, it.value()));
                } else if (!Arrays.equals(key, BEST_HEADER_KEY)) {
                    throw db.corruptRecord(NodeDatabase.Family.HEADERS, "unknown key of " + key.length + " bytes");
                }
            }
            return out;
        });
    }

    static byte[] encode(StoredHeader h) {
        WireWriter out = new WireWriter(VALUE_SIZE);
        out.writeUint8(FORMAT);
        h.header().write(out);
        out.writeUint32(h.height());
        out.writeUint32(Integer.toUnsignedLong(h.status()));
        out.writeBytes(h.chainWork().toBytes());
        return out.toByteArray();
    }

    private StoredHeader decode(byte[] key, byte[] value) {
        return Records.decode(db, NodeDatabase.Family.HEADERS, key, value, in -> {
            Records.requireFormat(in, FORMAT);
            BlockHeader header = BlockHeader.read(in);
            long height = in.readUint32();
            int status = (int) in.readUint32();
            ChainWork work = ChainWork.fromBytes(in.readBytes(ChainWork.SIZE), 0);
            Records.requireEnd(in);
            if (!header.hash().equals(Hash256.wrap(key))) {
                throw new IllegalArgumentException("the header hashes to " + header.hash());
            }
            if (height > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("height " + height);
            }
            return new StoredHeader(header, (int) height, work, status);
        });
    }
}
