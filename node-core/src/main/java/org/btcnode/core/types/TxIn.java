package org.btcnode.core.types;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * A transaction input ({@code CTxIn}): the outpoint it spends, its scriptSig, its sequence number
 * (uint32) and its witness stack (BIP 141; empty for a non-witness input). Immutable.
 *
 * <p>{@link #CODEC} covers the fields inside the input list (prevout, scriptSig, sequence) only:
 * BIP 144 serialises the witness stacks of all inputs after the outputs, so
 * {@link Transaction} reads and writes them.
 */
public record TxIn(OutPoint prevout, Bytes scriptSig, long sequence, List<Bytes> witness) {
    /** transaction.h: CTxIn::SEQUENCE_FINAL. */
    public static final long SEQUENCE_FINAL = 0xffffffffL;
    /** Smallest encoding: 36-byte outpoint, 1-byte empty script, 4-byte sequence. */
    public static final int MIN_SIZE = OutPoint.SIZE + 1 + 4;
    /** Prevout, scriptSig and sequence; the witness is not part of this encoding (see class comment). */
    public static final WireCodec<TxIn> CODEC = WireCodec.of(TxIn::read, TxIn::write);

    public TxIn {
        Objects.requireNonNull(prevout, "prevout");
        Objects.requireNonNull(scriptSig, "scriptSig");
        if (sequence < 0 || sequence > SEQUENCE_FINAL) {
            throw new IllegalArgumentException("sequence is a uint32: " + sequence);
        }
        witness = List.copyOf(witness);
    }

    /** An input without witness. */
    public TxIn(OutPoint prevout, Bytes scriptSig, long sequence) {
        this(prevout, scriptSig, sequence, List.of());
    }

    public boolean hasWitness() {
        return !witness.isEmpty();
    }

    public TxIn withWitness(List<Bytes> stack) {
        return new TxIn(prevout, scriptSig, sequence, stack);
    }

    /** Reads prevout, scriptSig and sequence; the witness stays empty. */
    public static TxIn read(WireReader in) {
        OutPoint prevout = OutPoint.read(in);
        Bytes scriptSig = Bytes.read(in, (int) WireReader.MAX_SIZE);
        return new TxIn(prevout, scriptSig, in.readUint32(), List.of());
    }

    /** Writes prevout, scriptSig and sequence (not the witness). */
    public void write(WireWriter out) {
        prevout.write(out);
        scriptSig.write(out);
        out.writeUint32(sequence);
    }

    /** Reads one input's witness stack (BIP 144: count, then length-prefixed items). */
    static List<Bytes> readWitness(WireReader in) {
        return in.readList((int) WireReader.MAX_SIZE, 1, r -> Bytes.read(r, (int) WireReader.MAX_SIZE));
    }

    void writeWitness(WireWriter out) {
        out.writeList(witness, Bytes::write);
    }

    int serializedSizeWithoutWitness() {
        return OutPoint.SIZE + scriptSig.serializedSize() + 4;
    }

    int witnessSerializedSize() {
        int n = WireWriter.compactSizeLength(witness.size());
        for (Bytes item : witness) {
            n += item.serializedSize();
        }
        return n;
    }
}
