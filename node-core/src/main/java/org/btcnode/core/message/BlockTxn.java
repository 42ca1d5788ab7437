package org.btcnode.core.message;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * blocktxn: the transactions a getblocktxn asked for, in the order asked (BIP 152, Core's {@code
 * BlockTransactions}), with witness data. Bounded by the bytes present. Immutable.
 */
public record BlockTxn(Hash256 blockHash, List<Transaction> transactions) implements Message {
    public static final WireCodec<BlockTxn> CODEC = WireCodec.of(BlockTxn::read, BlockTxn::write);

    public BlockTxn {
        Objects.requireNonNull(blockHash, "blockHash");
        transactions = List.copyOf(transactions);
    }

    static BlockTxn read(WireReader in) {
        return new BlockTxn(Hash256.read(in),
                in.readList((int) WireReader.MAX_SIZE, Transaction.MIN_SIZE, Transaction::read));
    }

    void write(WireWriter out) {
        blockHash.write(out);
        out.writeList(transactions, Transaction::write);
    }

    @Override
    public MessageType type() {
        return MessageType.BLOCKTXN;
    }
}
