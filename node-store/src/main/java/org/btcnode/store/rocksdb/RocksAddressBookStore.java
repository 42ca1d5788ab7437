package org.btcnode.store.rocksdb;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.core.store.AddressBookStore;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.rocksdb.ColumnFamilyHandle;

/**
 * The address book in the {@code addrman} column family of the {@link NodeDatabase} (Core's
 * {@code peers.dat}, written incrementally instead of whole): one record for the bucketing key, one
 * per entry, one per occupied bucket slot. {@link #apply} writes one RocksDB write batch, so after a
 * crash a batch is there entirely or not at all. Called from the node-logic thread only.
 *
 * <p>Keys: {@code 'k'} the key record; {@code 'e'} + id (int64 big-endian, so entries iterate in id
 * order) an entry; {@code 's'} + table (uint8, 1 = tried) + bucket (uint16 BE) + position (uint16
 * BE) a slot. Every value starts with a format byte ({@value #FORMAT}), so a later layout is
 * detected rather than misread; the fields follow little-endian, as on the wire:
 * <ul>
 * <li>key: format | CompactSize length | key bytes</li>
 * <li>entry: format | time (uint32) | services (int64) | network id (uint8) | address | port
 * (uint16 BE) | source network id | source address | last try, last counted attempt, last success
 * (int64 seconds + uint32 nanos each) | attempts (int32) | in tried (bool)</li>
 * <li>slot: format | entry id (int64)</li>
 * </ul>
 */
public final class RocksAddressBookStore implements AddressBookStore {
    /** The value format this version writes. */
    static final int FORMAT = 1;
    static final byte KEY_RECORD = 'k';
    static final byte ENTRY_PREFIX = 'e';
    static final byte SLOT_PREFIX = 's';
    /** Core's nKey is a uint256; we accept any length up to this. */
    private static final int MAX_KEY_BYTES = 1024;

    private final NodeDatabase db;
    private final ColumnFamilyHandle family;

    public RocksAddressBookStore(NodeDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
        this.family = db.handle(NodeDatabase.Family.ADDRMAN);
    }

    @Override
    public Snapshot load() {
        Map<Long, StoredAddress> entries = new LinkedHashMap<>();
        Map<Slot, Long> slots = new LinkedHashMap<>();
        return db.scan(NodeDatabase.Family.ADDRMAN, it -> {
            Optional<Bytes> key = Optional.empty();
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] k = it.key();
                byte[] v = it.value();
                byte prefix = k.length == 0 ? 0 : k[0];
                switch (prefix) {
                    case KEY_RECORD -> key = Optional.of(decode(k, v, in -> {
                        requireKeyLength(k, 1);
                        Records.requireFormat(in, FORMAT);
                        return Bytes.of(in.readVarBytes(MAX_KEY_BYTES));
                    }));
                    case ENTRY_PREFIX -> {
                        StoredAddress entry = decode(k, v, in -> {
                            requireKeyLength(k, 9);
                            return readEntry(ByteBuffer.wrap(k, 1, 8).getLong(), in);
                        });
                        entries.put(entry.id(), entry);
                    }
                    case SLOT_PREFIX -> {
                        Slot slot = decode(k, k, in -> {
                            requireKeyLength(k, 6);
                            in.skip(1);
                            int table = in.readUint8();
                            if (table > 1) {
                                throw new IllegalArgumentException("table " + table);
                            }
                            return new Slot(table == 1, in.readUint16BigEndian(), in.readUint16BigEndian());
                        });
                        long id = decode(k, v, in -> {
                            Records.requireFormat(in, FORMAT);
                            long value = in.readInt64();
                            Records.requireEnd(in);
                            return value;
                        });
                        slots.put(slot, id);
                    }
                    default -> throw db.corruptRecord(NodeDatabase.Family.ADDRMAN,
                            "key " + Bytes.of(k).toHex() + ", unknown record type");
                }
            }
            return new Snapshot(key, entries, slots);
        });
    }

    @Override
    public void apply(Changes changes) {
        if (changes.isEmpty()) {
            return;
        }
        db.update(batch -> {
            if (changes.key().isPresent()) {
                byte[] key = changes.key().get().toByteArray();
                batch.put(family, new byte[] {KEY_RECORD},
                        new WireWriter().writeUint8(FORMAT).writeVarBytes(key).toByteArray());
            }
            for (Map.Entry<Long, Optional<StoredAddress>> e : changes.entries().entrySet()) {
                byte[] k = entryKey(e.getKey());
                if (e.getValue().isPresent()) {
                    batch.put(family, k, encodeEntry(e.getValue().get()));
                } else {
                    batch.delete(family, k);
                }
            }
            for (Map.Entry<Slot, Optional<Long>> e : changes.slots().entrySet()) {
                byte[] k = slotKey(e.getKey());
                if (e.getValue().isPresent()) {
                    byte[] id = new WireWriter(9).writeUint8(FORMAT).writeInt64(e.getValue().get()).toByteArray();
                    batch.put(family, k, id);
                } else {
                    batch.delete(family, k);
                }
            }
        });
    }

    static byte[] entryKey(long id) {
        return ByteBuffer.allocate(9).put(ENTRY_PREFIX).putLong(id).array();
    }

    static byte[] slotKey(Slot slot) {
        if (slot.bucket() > 0xffff || slot.position() > 0xffff) {
            throw new IllegalArgumentException("bucket or position over 65535: " + slot);
        }
        return ByteBuffer.allocate(6).put(SLOT_PREFIX).put((byte) (slot.tried() ? 1 : 0))
                .putShort((short) slot.bucket()).putShort((short) slot.position()).array();
    }

    static byte[] encodeEntry(StoredAddress entry) {
        Address a = entry.address();
        WireWriter out = new WireWriter(96);
        out.writeUint8(FORMAT);
        out.writeUint32(a.time().getEpochSecond());
        out.writeInt64(a.services().bits());
        Records.writeNetAddress(out, a.address());
        out.writeUint16BigEndian(a.port());
        Records.writeNetAddress(out, entry.source());
        Records.writeInstant(out, entry.lastTry());
        Records.writeInstant(out, entry.lastCountAttempt());
        Records.writeInstant(out, entry.lastSuccess());
        out.writeInt32(entry.attempts());
        out.writeBool(entry.inTried());
        return out.toByteArray();
    }

    private static StoredAddress readEntry(long id, WireReader in) {
        Records.requireFormat(in, FORMAT);
        Instant time = Instant.ofEpochSecond(in.readUint32());
        ServiceFlags services = new ServiceFlags(in.readInt64());
        NetAddress address = Records.readNetAddress(in);
        int port = in.readUint16BigEndian();
        NetAddress source = Records.readNetAddress(in);
        Instant lastTry = Records.readInstant(in);
        Instant lastCountAttempt = Records.readInstant(in);
        Instant lastSuccess = Records.readInstant(in);
        int attempts = in.readInt32();
        boolean inTried = in.readBool();
        Records.requireEnd(in);
        return new StoredAddress(id, new Address(time, services, address, port), source, lastTry, lastCountAttempt,
                lastSuccess, attempts, inTried);
    }

    private static void requireKeyLength(byte[] key, int length) {
        if (key.length != length) {
            throw new IllegalArgumentException("key of " + key.length + " bytes");
        }
    }

    private <T> T decode(byte[] key, byte[] bytes, Records.Decoder<T> decoder) {
        return Records.decode(db, NodeDatabase.Family.ADDRMAN, key, bytes, decoder);
    }
}
