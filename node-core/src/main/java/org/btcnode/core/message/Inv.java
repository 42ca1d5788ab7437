package org.btcnode.core.message;

import java.util.List;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * inv: announces transactions and blocks the sender has. At most {@link #MAX_INV_SZ} entries.
 * Immutable.
 */
public record Inv(List<Inventory> inventory) implements Message {
    public static final WireCodec<Inv> CODEC = WireCodec.of(Inv::read, Inv::write);
    /** net_processing.cpp: the most entries an inv, getdata or notfound may carry. */
    public static final int MAX_INV_SZ = 50_000;

    public Inv {
        inventory = List.copyOf(inventory);
        if (inventory.size() > MAX_INV_SZ) {
            throw new IllegalArgumentException("inv with " + inventory.size() + " entries, over " + MAX_INV_SZ);
        }
    }

    static Inv read(WireReader in) {
        return new Inv(in.readList(MAX_INV_SZ, Inventory.SIZE, Inventory::read));
    }

    void write(WireWriter out) {
        out.writeList(inventory, Inventory::write);
    }

    @Override
    public MessageType type() {
        return MessageType.INV;
    }
}
