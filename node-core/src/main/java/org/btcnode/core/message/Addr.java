package org.btcnode.core.message;

import java.util.ArrayList;
import java.util.List;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.TRUNCATED;

/**
 * addr: gossips addresses of other nodes in the legacy format (time, 8-byte services, 16-byte
 * IPv6 or IPv4-mapped address, big-endian port), so only IPv4 and IPv6 fit. At most {@link
 * #MAX_ADDR_TO_SEND} entries. An entry holding an OnionCat (Tor v2) address, which Core reads as
 * invalid and ignores, is skipped. Immutable.
 */
public record Addr(List<Address> addresses) implements Message {
    public static final WireCodec<Addr> CODEC = WireCodec.of(Addr::read, Addr::write);
    /** net_processing.cpp: the most entries an addr or addrv2 may carry (BIP 155: 1,000). */
    public static final int MAX_ADDR_TO_SEND = 1000;

    public Addr {
        addresses = List.copyOf(addresses);
        if (addresses.size() > MAX_ADDR_TO_SEND) {
            throw new IllegalArgumentException("addr with " + addresses.size() + " entries, over " + MAX_ADDR_TO_SEND);
        }
        for (Address a : addresses) {
            if (!a.address().network().isAddrV1Compatible()) {
                throw new IllegalArgumentException("addr (v1) cannot carry " + a.address().network() + "; use addrv2");
            }
        }
    }

    static Addr read(WireReader in) {
        int count = (int) in.readCompactSize(MAX_ADDR_TO_SEND);
        if ((long) count * Address.V1_SIZE > in.remaining()) {
            throw new WireFormatException(TRUNCATED, "addr count " + count + " needs " + (long) count * Address.V1_SIZE
                    + " bytes, " + in.remaining() + " left");
        }
        List<Address> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Address.readV1(in).ifPresent(addresses::add);
        }
        return new Addr(addresses);
    }

    void write(WireWriter out) {
        out.writeCompactSize(addresses.size());
        for (Address a : addresses) {
            a.writeV1(out);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.ADDR;
    }
}
