package org.btcnode.core.message;

import java.util.List;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * getdata: asks for the transactions and blocks named by inventory entries. At most {@link
 * #MAX_INV_SZ} entries. Immutable.
 */
public record GetData(List<Inventory> inventory) implements Message {
    public static final WireCodec<GetData> CODEC = WireCodec.of(GetData::read, GetData::write);
    /** net_processing.cpp: the most entries an inv, getdata or notfound may carry. */
    public static final int MAX_INV_SZ = 50_000;

    public GetData {
        inventory = List.copyOf(inventory);
        if (inventory.size() > MAX_INV_SZ) {
            throw new IllegalArgumentException("getdata with " + inventory.size() + " entries, over " + MAX_INV_SZ);
        }
    }

    static GetData read(WireReader in) {
        return new GetData(in.readList(MAX_INV_SZ, Inventory.SIZE, Inventory::read));
    }

    void write(WireWriter out) {
        out.writeList(inventory, Inventory::write);
    }

    @Override
    public MessageType type() {
        return MessageType.GETDATA;
    }
}
