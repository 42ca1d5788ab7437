package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * addrv2: gossips addresses of other nodes in the BIP 155 format (time, CompactSize services,
 * network id, length-prefixed address, big-endian port), for every network of {@link NetworkId}.
 * At most {@link Addr#MAX_ADDR_TO_SEND} entries, counted before skipping. An address longer than
 * {@link Address#MAX_ADDRV2_SIZE} or of the wrong length for a known network fails the message;
 * an entry with an unknown network id, or an IPv6 entry holding embedded IPv4 or Tor v2, is
 * skipped and the rest is read, as Core does. Immutable.
 */
public record AddrV2(List<Address> addresses) implements Message {
    public static final WireCodec<AddrV2> CODEC = WireCodec.of(AddrV2::read, AddrV2::write);

    public AddrV2 {
        addresses = List.copyOf(addresses);
        if (addresses.size() > Addr.MAX_ADDR_TO_SEND) {
            throw new IllegalArgumentException("addrv2 with " + addresses.size() + " entries, over "
                    + Addr.MAX_ADDR_TO_SEND);
        }
        addresses.forEach(Objects::requireNonNull);
    }

    static AddrV2 read(WireReader in) {
        int count = (int) in.readCompactSize(Addr.MAX_ADDR_TO_SEND);
        if ((long) count * Address.V2_MIN_SIZE > in.remaining()) {
            throw new WireFormatException(TRUNCATED, "addrv2 count " + count + " needs at least "
                    + (long) count * Address.V2_MIN_SIZE + " bytes, " + in.remaining() + " left");
        }
        List<Address> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Address.readV2(in).ifPresent(addresses::add);
        }
        return new AddrV2(addresses);
    }

    void write(WireWriter out) {
        out.writeCompactSize(addresses.size());
        for (Address a : addresses) {
            a.writeV2(out);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ADDRV2;
    }
}
