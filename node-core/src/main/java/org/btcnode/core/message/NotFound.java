package org.btcnode.core.message;

import java.util.List;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * notfound: says which requested items the sender does not have. At most {@link #MAX_INV_SZ}
 * entries here too. Core reads any count and silently ignores a notfound longer than {@code
 * MAX_PEER_TX_ANNOUNCEMENTS + MAX_BLOCKS_IN_TRANSIT_PER_PEER}; node logic should likewise drop one
 * that fails with {@code LIMIT_EXCEEDED} without penalty. Immutable.
 */
public record NotFound(List<Inventory> inventory) implements Message {
    public static final WireCodec<NotFound> CODEC = WireCodec.of(NotFound::read, NotFound::write);
    /** net_processing.cpp: the most entries an inv, getdata or notfound may carry. */
    public static final int MAX_INV_SZ = 50_000;

    public NotFound {
        inventory = List.copyOf(inventory);
        if (inventory.size() > MAX_INV_SZ) {
            throw new IllegalArgumentException("notfound with " + inventory.size() + " entries, over " + MAX_INV_SZ);
        }
    }

    static NotFound read(WireReader in) {
        return new NotFound(in.readList(MAX_INV_SZ, Inventory.SIZE, Inventory::read));
    }

    void write(WireWriter out) {
        out.writeList(inventory, Inventory::write);
    }

    @Override
    public MessageType type() {
        return MessageType.NOTFOUND;
    }
}
