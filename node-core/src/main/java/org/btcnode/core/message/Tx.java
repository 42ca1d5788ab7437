package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Transaction;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * tx: one transaction, with its witness when it has one (BIP 144; Core reads and sends {@code
 * TX_WITH_WITNESS}). Immutable.
 */
public record Tx(Transaction transaction) implements Message {
    public static final WireCodec<Tx> CODEC = WireCodec.of(Tx::read, Tx::write);

    public Tx {
        Objects.requireNonNull(transaction, "transaction");
    }

    static Tx read(WireReader in) {
        return new Tx(Transaction.read(in));
    }

    void write(WireWriter out) {
        transaction.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.TX;
    }
}
