package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * getblocktxn: asks for the transactions of a compact block it could not rebuild (BIP 152, Core's
 * {@code BlockTransactionsRequest}). Indexes are absolute, strictly increasing and fit 16 bits;
 * on the wire each is a CompactSize difference from the previous index plus one. Immutable.
 */
public record GetBlockTxn(Hash256 blockHash, List<Integer> indexes) implements Message {
    public static final WireCodec<GetBlockTxn> CODEC = WireCodec.of(GetBlockTxn::read, GetBlockTxn::write);
    /** blockencodings.h: indexes are uint16. */
    static final int MAX_INDEX = 0xffff;

    public GetBlockTxn {
        Objects.requireNonNull(blockHash, "blockHash");
        indexes = List.copyOf(indexes);
        checkIncreasing(indexes);
    }

    static void checkIncreasing(List<Integer> indexes) {
        int previous = -1;
        for (int index : indexes) {
            if (index <= previous || index > MAX_INDEX) {
                throw new IllegalArgumentException("indexes must increase strictly within 0.." + MAX_INDEX + ": "
                        + index);
            }
            previous = index;
        }
    }

    static GetBlockTxn read(WireReader in) {
        Hash256 blockHash = Hash256.read(in);
        return new GetBlockTxn(blockHash, readDifferential(in));
    }

    /** blockencodings.h {@code DifferenceFormatter}: an index past uint16 is "differential value overflow". */
    static List<Integer> readDifferential(WireReader in) {
        int count = (int) in.readCompactSize(WireReader.MAX_SIZE);
        if (count > in.remaining()) {      // each index takes at least one byte
            throw new WireFormatException(TRUNCATED, "getblocktxn count " + count + ", " + in.remaining()
                    + " bytes left");
        }
        List<Integer> indexes = new ArrayList<>(Math.min(count, 1024));
        long shift = 0;
        for (int i = 0; i < count; i++) {
            shift += in.readCompactSize(WireReader.MAX_SIZE);
            if (shift > MAX_INDEX) {
                throw new WireFormatException(INVALID_VALUE, "differential value overflow: index " + shift);
            }
            indexes.add((int) shift);
            shift++;
        }
        return indexes;
    }

    static void writeDifferential(List<Integer> indexes, WireWriter out) {
        out.writeCompactSize(indexes.size());
        int next = 0;
        for (int index : indexes) {
            out.writeCompactSize(index - next);
            next = index + 1;
        }
    }

    void write(WireWriter out) {
        blockHash.write(out);
        writeDifferential(indexes, out);
    }

    @Override
    public MessageType type() {
        return MessageType.GETBLOCKTXN;
    }
}
