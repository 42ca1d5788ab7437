package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * One inventory entry of inv, getdata and notfound (Core's {@code CInv}): a type and a hash
 * (txid, wtxid or block hash). 36 bytes on the wire. Immutable.
 */
public record Inventory(InventoryType type, Hash256 hash) {
    /** Bytes one entry takes on the wire. */
    public static final int SIZE = 4 + Hash256.LENGTH;

    public Inventory {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(hash, "hash");
    }

    static Inventory read(WireReader in) {
        return new Inventory(new InventoryType(in.readInt32()), Hash256.read(in));
    }

    static void write(Inventory inv, WireWriter out) {
        out.writeInt32(inv.type.code());
        inv.hash.write(out);
    }

    @Override
    public String toString() {
        return type + " " + hash;
    }
}
