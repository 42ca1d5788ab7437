package org.btcnode.store.rocksdb;

import java.time.DateTimeException;
import java.time.Instant;

import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.NetworkId;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * The field encodings the stores share, built on node-core's {@link WireWriter}/{@link WireReader}
 * (little-endian, as on the wire), and the one way a record that does not decode becomes a CORRUPT
 * error. Stateless.
 */
final class Records {
    private Records() {
    }

    /** Network id (uint8, BIP 155) then exactly that network's address length in bytes. */
    static void writeNetAddress(WireWriter out, NetAddress address) {
        out.writeUint8(address.network().id());
        address.bytes().writeRaw(out);
    }

    static NetAddress readNetAddress(WireReader in) {
        int id = in.readUint8();
        NetworkId network = NetworkId.fromId(id)
                .orElseThrow(() -> new IllegalArgumentException("unknown network id " + id));
        return new NetAddress(network, Bytes.of(in.readBytes(network.addressLength())));
    }

    /** Seconds since the epoch (int64) and nanoseconds (uint32): exact, for any Instant. */
    static void writeInstant(WireWriter out, Instant time) {
        out.writeInt64(time.getEpochSecond());
        out.writeUint32(time.getNano());
    }

    static Instant readInstant(WireReader in) {
        long seconds = in.readInt64();
        long nanos = in.readUint32();
        if (nanos >= 1_000_000_000L) {
            throw new IllegalArgumentException("nanoseconds " + nanos);
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    static void requireFormat(WireReader in, int expected) {
        int format = in.readUint8();
        if (format != expected) {
            throw new IllegalArgumentException("unknown record format " + format);
        }
    }

    static void requireEnd(WireReader in) {
        if (in.hasMore()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the record");
        }
    }

    /** A decoder that may fail on bad bytes. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(WireReader in);
    }

    /**
     * Decodes one record; anything that does not fit (short, unknown format, invalid value) is the
     * CORRUPT error naming the database path, the column family and the record's key.
     */
    static <T> T decode(NodeDatabase db, NodeDatabase.Family family, byte[] key, byte[] bytes, Decoder<T> decoder) {
        try {
            return decoder.decode(new WireReader(bytes));
        } catch (WireFormatException | IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw db.corruptRecord(family, "key " + Bytes.of(key).toHex() + ", " + e.getMessage());
        }
    }
}
