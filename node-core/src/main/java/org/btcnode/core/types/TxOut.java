package org.btcnode.core.types;

import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/** A transaction output ({@code CTxOut}): value and locking script. Immutable. */
public record TxOut(Amount value, Bytes scriptPubKey) {
    /** Smallest encoding: 8-byte value and an empty script's 1-byte length. */
    public static final int MIN_SIZE = 9;
    public static final WireCodec<TxOut> CODEC = WireCodec.of(TxOut::read, TxOut::write);

    public TxOut {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scriptPubKey, "scriptPubKey");
    }

    public static TxOut read(WireReader in) {
        Amount value = Amount.ofSats(in.readInt64());
        return new TxOut(value, Bytes.read(in, (int) WireReader.MAX_SIZE));
    }

    public void write(WireWriter out) {
        out.writeInt64(value.sats());
        scriptPubKey.write(out);
    }

    /** Encoded size in bytes. */
    public int serializedSize() {
        return 8 + scriptPubKey.serializedSize();
    }
}
