package org.btcnode.core.types;

import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * A reference to one output of an earlier transaction ({@code COutPoint}): txid and output index
 * (uint32). Immutable.
 */
public record OutPoint(Hash256 txid, long index) {
    /** Wire size: 32-byte txid and 4-byte index. */
    public static final int SIZE = 36;
    /** transaction.h: COutPoint::NULL_INDEX, the index of a coinbase input's prevout. */
    public static final long NULL_INDEX = 0xffffffffL;
    /** The prevout of a coinbase input. */
    public static final OutPoint NULL = new OutPoint(Hash256.ZERO, NULL_INDEX);
    public static final WireCodec<OutPoint> CODEC = WireCodec.of(OutPoint::read, OutPoint::write);

    public OutPoint {
        Objects.requireNonNull(txid, "txid");
        if (index < 0 || index > NULL_INDEX) {
            throw new IllegalArgumentException("output index is a uint32: " + index);
        }
    }

    /** transaction.h: COutPoint::IsNull. */
    public boolean isNull() {
        return index == NULL_INDEX && txid.isZero();
    }

    public static OutPoint read(WireReader in) {
        return new OutPoint(Hash256.read(in), in.readUint32());
    }

    public void write(WireWriter out) {
        txid.write(out);
        out.writeUint32(index);
    }

    @Override
    public String toString() {
        return txid + ":" + index;
    }
}
