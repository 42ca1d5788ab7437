package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;
import static org.btcnode.core.wire.WireFormatException.Kind.LIMIT_EXCEEDED;
import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * cmpctblock: a block as its header, a nonce, the 6-byte short ids of most transactions and a few
 * transactions in full (BIP 152, Core's {@code CBlockHeaderAndShortTxIDs}). Prefilled indexes are
 * absolute here; on the wire each is the difference from the previous one plus one. As Core, the
 * block may hold at most 65,535 transactions ("indexes overflowed 16 bits") and a prefilled index
 * must fit 16 bits. Whether the indexes fit the short ids is node logic ({@code
 * PartiallyDownloadedBlock::InitData}). Immutable.
 */
public record CmpctBlock(BlockHeader header, long nonce, List<Long> shortIds, List<PrefilledTransaction> prefilled)
        implements Message {
    public static final WireCodec<CmpctBlock> CODEC = WireCodec.of(CmpctBlock::read, CmpctBlock::write);
    /** blockencodings.h: short ids are 6 bytes. */
    public static final int SHORTTXIDS_LENGTH = 6;
    /** blockencodings.h: transaction indexes are uint16. */
    static final int MAX_TRANSACTIONS = 0xffff;
    private static final long MAX_SHORT_ID = (1L << 48) - 1;

    /** A transaction sent in full, at its absolute index in the block. */
    public record PrefilledTransaction(int index, Transaction transaction) {
        public PrefilledTransaction {
            Objects.requireNonNull(transaction, "transaction");
            if (index < 0 || index > MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("prefilled index outside uint16: " + index);
            }
        }
    }

    public CmpctBlock {
        Objects.requireNonNull(header, "header");
        shortIds = List.copyOf(shortIds);
        prefilled = List.copyOf(prefilled);
        for (long id : shortIds) {
            if (id < 0 || id > MAX_SHORT_ID) {
                throw new IllegalArgumentException("a short id has 48 bits: " + Long.toHexString(id));
            }
        }
        int previous = -1;
        for (PrefilledTransaction p : prefilled) {
            if (p.index() <= previous) {
                throw new IllegalArgumentException("prefilled indexes must increase: " + p.index() + " after "
                        + previous);
            }
            previous = p.index();
        }
        if (shortIds.size() + prefilled.size() > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("indexes overflowed 16 bits");
        }
    }

    static CmpctBlock read(WireReader in) {
        BlockHeader header = BlockHeader.read(in);
        long nonce = in.readInt64();
        List<Long> shortIds = in.readList(MAX_TRANSACTIONS, SHORTTXIDS_LENGTH, CmpctBlock::readShortId);
        int count = (int) in.readCompactSize(WireReader.MAX_SIZE);
        if (shortIds.size() + (long) count > MAX_TRANSACTIONS) {
            throw new WireFormatException(LIMIT_EXCEEDED, "indexes overflowed 16 bits: " + shortIds.size()
                    + " short ids and " + count + " prefilled transactions");
        }
        if ((long) count * (1 + Transaction.MIN_SIZE) > in.remaining()) {
            throw new WireFormatException(TRUNCATED, count + " prefilled transactions, " + in.remaining()
                    + " bytes left");
        }
        List<PrefilledTransaction> prefilled = new ArrayList<>(count);
        int index = -1;
        for (int i = 0; i < count; i++) {
            long difference = in.readCompactSize(WireReader.MAX_SIZE);
            if (difference > MAX_TRANSACTIONS) {           // serialize.h: "CompactSize exceeds limit of type"
                throw new WireFormatException(INVALID_VALUE, "prefilled index difference over 16 bits: " + difference);
            }
            index += (int) difference + 1;
            if (index > MAX_TRANSACTIONS) {                 // blockencodings.cpp InitData: READ_STATUS_INVALID
                throw new WireFormatException(INVALID_VALUE, "prefilled index over 16 bits: " + index);
            }
            prefilled.add(new PrefilledTransaction(index, Transaction.read(in)));
        }
        return new CmpctBlock(header, nonce, shortIds, prefilled);
    }

    private static long readShortId(WireReader in) {
        long low = in.readUint32();
        long high = in.readUint16();
        return high << 32 | low;
    }

    void write(WireWriter out) {
        header.write(out);
        out.writeInt64(nonce);
        out.writeCompactSize(shortIds.size());
        for (long id : shortIds) {
            out.writeUint32(id & 0xffffffffL);
            out.writeUint16((int) (id >>> 32));
        }
        out.writeCompactSize(prefilled.size());
        int previous = -1;
        for (PrefilledTransaction p : prefilled) {
            out.writeCompactSize(p.index() - previous - 1);
            p.transaction().write(out);
            previous = p.index();
        }
    }

    @Override
    public MessageType type() {
        return MessageType.CMPCTBLOCK;
    }
}
