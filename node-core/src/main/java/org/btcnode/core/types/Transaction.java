package org.btcnode.core.types;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.btcnode.crypto.hash.Sha256;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;

/**
 * A transaction ({@code CTransaction}): version, inputs, outputs, lock time, with BIP 144 witness
 * serialisation. Immutable and thread-safe.
 *
 * <p>Decoding follows Core's {@code UnserializeTransaction}; a decoded transaction keeps its txid,
 * wtxid and sizes, hashed from the very bytes it was read from (no re-serialisation), as Core's
 * {@code CTransaction} computes its hashes once at construction. A transaction built in code
 * computes them lazily on first use. Equality compares the fields.
 */
public final class Transaction {
    /** consensus/consensus.h: WITNESS_SCALE_FACTOR. */
    public static final int WITNESS_SCALE_FACTOR = 4;
    /** Smallest decodable encoding: version, empty input list, 0 flag byte, lock time. */
    public static final int MIN_SIZE = 10;
    public static final WireCodec<Transaction> CODEC = WireCodec.of(Transaction::read, Transaction::write);

    private static final int MAX_COUNT = (int) WireReader.MAX_SIZE;

    private final int version;
    private final List<TxIn> inputs;
    private final List<TxOut> outputs;
    private final long lockTime;

    // Immutable values or ints: a racy first computation only repeats work (final fields of Hash256).
    private Hash256 txid;
    private Hash256 wtxid;
    private int size = -1;
    private int strippedSize = -1;

    /**
     * @param version  the 32-bit version field (Core reads it as uint32; kept as raw bits)
     * @param lockTime uint32 lock time
     */
    public Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime) {
        if (lockTime < 0 || lockTime > 0xffffffffL) {
            throw new IllegalArgumentException("lock time is a uint32: " + lockTime);
        }
        this.version = version;
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.lockTime = lockTime;
    }

    private Transaction(int version, List<TxIn> inputs, List<TxOut> outputs, long lockTime,
                        Hash256 txid, Hash256 wtxid, int size, int strippedSize) {
        this(version, inputs, outputs, lockTime);
        this.txid = txid;
        this.wtxid = wtxid;
        this.size = size;
        this.strippedSize = strippedSize;
    }

    public int version() {
        return version;
    }

    public List<TxIn> inputs() {
        return inputs;
    }

    public List<TxOut> outputs() {
        return outputs;
    }

    public long lockTime() {
        return lockTime;
    }

    /** transaction.h: HasWitness, any input with a non-empty witness stack. */
    public boolean hasWitness() {
        for (TxIn in : inputs) {
            if (in.hasWitness()) return true;
        }
        return false;
    }

    /** transaction.h: IsCoinBase, one input spending the null outpoint. */
    public boolean isCoinbase() {
        return inputs.size() == 1 && inputs.get(0).prevout().isNull();
    }

    /** The same transaction with every witness stack emptied (same txid, wtxid = txid). */
    public Transaction withoutWitness() {
        if (!hasWitness()) return this;
        List<TxIn> stripped = new ArrayList<>(inputs.size());
        for (TxIn in : inputs) {
            stripped.add(in.withWitness(List.of()));
        }
        return new Transaction(version, stripped, outputs, lockTime);
    }

    /** SHA-256d of the serialisation without witness. */
    public Hash256 txid() {
        Hash256 h = txid;
        if (h == null) {
            byte[] b = toByteArray(false);
            txid = h = Hash256.hashTwice(b);
        }
        return h;
    }

    /** SHA-256d of the serialisation with witness (BIP 141); equals {@link #txid()} without witness. */
    public Hash256 wtxid() {
        Hash256 h = wtxid;
        if (h == null) {
            wtxid = h = hasWitness() ? Hash256.hashTwice(toByteArray(true)) : txid();
        }
        return h;
    }

    /** Serialised size with witness ({@code GetTotalSize}), in bytes. */
    public int size() {
        int s = size;
        if (s < 0) {
            size = s = computeSize(true);
        }
        return s;
    }

    /** Serialised size without witness, in bytes. */
    public int strippedSize() {
        int s = strippedSize;
        if (s < 0) {
            strippedSize = s = computeSize(false);
        }
        return s;
    }

    /** consensus/validation.h: GetTransactionWeight, stripped size × 3 + total size. */
    public int weight() {
        return strippedSize() * (WITNESS_SCALE_FACTOR - 1) + size();
    }

    /** policy.h: GetVirtualTransactionSize without the sigop term, weight / 4 rounded up, in vbytes. */
    public int vsize() {
        return (weight() + WITNESS_SCALE_FACTOR - 1) / WITNESS_SCALE_FACTOR;
    }

    private int computeSize(boolean withWitness) {
        boolean witness = withWitness && hasWitness();
        int n = 4 + 4 + (witness ? 2 : 0);
        n += WireWriter.compactSizeLength(inputs.size());
        for (TxIn in : inputs) {
            n += in.serializedSizeWithoutWitness();
            if (witness) n += in.witnessSerializedSize();
        }
        n += WireWriter.compactSizeLength(outputs.size());
        for (TxOut out : outputs) {
            n += out.serializedSize();
        }
        return n;
    }

    /** The serialisation with witness if it has one (BIP 144), or without ({@code TX_NO_WITNESS}). */
    public byte[] toByteArray(boolean withWitness) {
        WireWriter out = new WireWriter(withWitness ? size() : strippedSize());
        write(out, withWitness);
        return out.toByteArray();
    }

    /** Writes the serialisation with witness when there is one, as Core's {@code TX_WITH_WITNESS}. */
    public void write(WireWriter out) {
        write(out, true);
    }

    /**
     * transaction.h: SerializeTransaction. With witness allowed and present, an empty input list
     * (marker 0x00) and flag 0x01 precede the inputs, and each input's stack follows the outputs.
     */
    public void write(WireWriter out, boolean withWitness) {
        boolean witness = withWitness && hasWitness();
        out.writeInt32(version);
        if (witness) {
            out.writeUint8(0);
            out.writeUint8(1);
        }
        out.writeList(inputs, TxIn::write);
        out.writeList(outputs, TxOut::write);
        if (witness) {
            for (TxIn in : inputs) {
                in.writeWitness(out);
            }
        }
        out.writeUint32(lockTime);
    }

    /**
     * transaction.h: UnserializeTransaction with witness allowed. An empty input list is read as
     * the BIP 144 marker and the next byte as the flags: flags 0 leave an empty transaction (no
     * outputs read), other flags read inputs and outputs; flag bit 0 reads one witness stack per
     * input and fails if all are empty ("superfluous witness record"); other flag bits fail
     * ("unknown transaction optional data").
     */
    public static Transaction read(WireReader in) {
        byte[] buf = in.array();
        int start = in.position();
        int version = in.readInt32();
        int bodyStart = in.position();
        List<TxIn> inputs = in.readList(MAX_COUNT, TxIn.MIN_SIZE, TxIn::read);
        List<TxOut> outputs;
        int flags = 0;
        if (inputs.isEmpty()) {
            flags = in.readUint8();
            if (flags != 0) {
                bodyStart = in.position();
                inputs = in.readList(MAX_COUNT, TxIn.MIN_SIZE, TxIn::read);
                outputs = in.readList(MAX_COUNT, TxOut.MIN_SIZE, TxOut::read);
            } else {
                outputs = List.of();
            }
        } else {
            outputs = in.readList(MAX_COUNT, TxOut.MIN_SIZE, TxOut::read);
        }
        int bodyEnd = in.position();
        boolean witness = false;
        if ((flags & 1) != 0) {
            flags ^= 1;
            List<TxIn> withWitness = new ArrayList<>(inputs.size());
            for (TxIn input : inputs) {
                List<Bytes> stack = TxIn.readWitness(in);
                witness |= !stack.isEmpty();
                withWitness.add(stack.isEmpty() ? input : input.withWitness(stack));
            }
            if (!witness) {
                throw new WireFormatException(INVALID_VALUE, "Superfluous witness record");
            }
            inputs = withWitness;
        }
        if (flags != 0) {
            throw new WireFormatException(INVALID_VALUE, "Unknown transaction optional data");
        }
        int lockTimeStart = in.position();
        long lockTime = in.readUint32();
        int end = in.position();

        Hash256 wtxid = Hash256.hashTwice(buf, start, end - start);
        Hash256 txid = wtxid;
        int strippedSize = end - start;
        if (witness) {
            // The non-witness serialisation is version | inputs and outputs | lock time: hash those slices.
            MessageDigest d = Sha256.newDigest();
            d.update(buf, start, 4);
            d.update(buf, bodyStart, bodyEnd - bodyStart);
            d.update(buf, lockTimeStart, 4);
            byte[] first = d.digest();
            d.update(first);
            txid = Hash256.ofDigest(d.digest());
            strippedSize = 4 + (bodyEnd - bodyStart) + 4;
        }
        return new Transaction(version, inputs, outputs, lockTime, txid, wtxid, end - start, strippedSize);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        return o instanceof Transaction t && version == t.version && lockTime == t.lockTime
                && inputs.equals(t.inputs) && outputs.equals(t.outputs);
    }

    /** Equal fields give equal serialisations, hence equal wtxids. */
    @Override
    public int hashCode() {
        return wtxid().hashCode();
    }

    @Override
    public String toString() {
        return "Transaction(txid=" + txid() + ", version=" + version + ", inputs=" + inputs.size()
                + ", outputs=" + outputs.size() + ", lockTime=" + lockTime + ")";
    }
}
