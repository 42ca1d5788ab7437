package org.btcnode.store.rocksdb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.btcnode.core.store.BanEntry;
import org.btcnode.core.store.BanStore;
import org.btcnode.core.store.Subnet;
import org.btcnode.core.wire.WireWriter;
import org.rocksdb.ColumnFamilyHandle;

/**
 * The ban list in the {@code bans} column family of the {@link NodeDatabase} (Core's
 * {@code banlist.json}): one record per subnet. node-net's BanMan asks for the whole list on every
 * inbound connection, so the list is read once at construction and kept in memory; every change is
 * written through before the call returns. Called from the node-logic thread only.
 *
 * <p>Record layout: key = network id (uint8) | address bytes | prefix length (uint16, since a
 * 32-byte Tor or I2P address has a 256-bit prefix); value =
 * format (uint8, {@value #FORMAT}) | created seconds (int64) | created nanos (uint32) | ban-until
 * seconds (int64) | ban-until nanos (uint32), little-endian as on the wire.
 */
public final class RocksBanStore implements BanStore {
    /** The value format this version writes. */
    static final int FORMAT = 1;

    private final NodeDatabase db;
    private final ColumnFamilyHandle family;
    private final Map<Subnet, BanEntry> bans = new HashMap<>();

    /** Reads every stored ban; a record it cannot decode is a CORRUPT {@link StoreException}. */
    public RocksBanStore(NodeDatabase db) {
        this.db = Objects.requireNonNull(db, "db");
        this.family = db.handle(NodeDatabase.Family.BANS);
        db.scan(NodeDatabase.Family.BANS, it -> {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                bans.put(decodeKey(key), decodeValue(key, it.value()));
            }
            return null;
        });
    }

    @Override
    public void ban(Subnet subnet, BanEntry entry) {
        Objects.requireNonNull(entry, "entry");
        db.update(batch -> batch.put(family, encodeKey(subnet), encodeValue(entry)));
        bans.put(subnet, entry);
    }

    @Override
    public boolean remove(Subnet subnet) {
        if (!bans.containsKey(subnet)) {
            return false;
        }
        db.update(batch -> batch.delete(family, encodeKey(subnet)));
        bans.remove(subnet);
        return true;
    }

    @Override
    public Map<Subnet, BanEntry> list() {
        return Map.copyOf(bans);
    }

    @Override
    public void clear() {
        if (bans.isEmpty()) {
            return;
        }
        db.update(batch -> {                    // one batch: after a crash, all bans or none
            for (Subnet s : bans.keySet()) {
                batch.delete(family, encodeKey(s));
            }
        });
        bans.clear();
    }

    static byte[] encodeKey(Subnet subnet) {
        WireWriter out = new WireWriter(3 + subnet.network().bytes().size());
        Records.writeNetAddress(out, subnet.network());
        out.writeUint16(subnet.prefixBits());
        return out.toByteArray();
    }

    static byte[] encodeValue(BanEntry entry) {
        WireWriter out = new WireWriter(25);
        out.writeUint8(FORMAT);
        Records.writeInstant(out, entry.created());
        Records.writeInstant(out, entry.banUntil());
        return out.toByteArray();
    }

    private Subnet decodeKey(byte[] key) {
        return Records.decode(db, NodeDatabase.Family.BANS, key, key, in -> {
            Subnet subnet = new Subnet(Records.readNetAddress(in), in.readUint16());
            Records.requireEnd(in);
            return subnet;
        });
    }

    private BanEntry decodeValue(byte[] key, byte[] value) {
        return Records.decode(db, NodeDatabase.Family.BANS, key, value, in -> {
            Records.requireFormat(in, FORMAT);
            Instant created = Records.readInstant(in);
            Instant until = Records.readInstant(in);
            Records.requireEnd(in);
            return new BanEntry(created, until);
        });
    }
}
