package org.btcnode.core.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireFormatException;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

import static org.btcnode.core.wire.WireFormatException.Kind.INVALID_VALUE;

/**
 * One entry of addr and addrv2 (Core's {@code CAddress}): when the node was last seen, the
 * services it advertised, its address and port. The time is whole seconds in uint32 range, as on
 * the wire. Immutable.
 */
public record Address(Instant time, ServiceFlags services, NetAddress address, int port) {
    /** netaddress.h: longest address an addrv2 entry may carry, whatever its network id (BIP 155). */
    public static final int MAX_ADDRV2_SIZE = 512;
    /** Bytes of one addr (v1) entry: time, services, 16-byte address, port. */
    public static final int V1_SIZE = 4 + 8 + NetAddress.V1_LENGTH + 2;
    /** Fewest bytes one addrv2 entry takes: time, services, network id, empty address, port. */
    public static final int V2_MIN_SIZE = 4 + 1 + 1 + 1 + 2;
    private static final long MAX_TIME = 0xffffffffL;

    public Address {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(address, "address");
        if (time.getNano() != 0 || time.getEpochSecond() < 0 || time.getEpochSecond() > MAX_TIME) {
            throw new IllegalArgumentException("addr time must be whole seconds in uint32 range: " + time);
        }
        checkPort(port);
    }

    static void checkPort(int port) {
        if (port < 0 || port > 0xffff) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The legacy entry; empty for an OnionCat (Tor v2) address, which Core reads as invalid. */
    static Optional<Address> readV1(WireReader in) {
        Instant time = Instant.ofEpochSecond(in.readUint32());
        ServiceFlags services = new ServiceFlags(in.readInt64());
        Optional<NetAddress> address = NetAddress.fromV1(in.readBytes(NetAddress.V1_LENGTH));
        int port = in.readUint16BigEndian();
        return address.map(a -> new Address(time, services, a, port));
    }

    void writeV1(WireWriter out) {
        out.writeUint32(time.getEpochSecond());
        out.writeInt64(services.bits());
        out.writeBytes(address.toV1());
        out.writeUint16BigEndian(port);
    }

    /**
     * A BIP 155 entry, as Core's {@code CNetAddr::UnserializeV2Stream}: a length over 512 or a
     * known network with the wrong length fails the message; an unknown network id, or an IPv6
     * entry carrying embedded IPv4 or Tor v2, is read past and gives empty.
     */
    static Optional<Address> readV2(WireReader in) {
        Instant time = Instant.ofEpochSecond(in.readUint32());
        // protocol.h: services as CompactSize without the MAX_SIZE range check (it is a bit field)
        ServiceFlags services = new ServiceFlags(in.readCompactSize(-1L));
        int networkId = in.readUint8();
        int length = (int) in.readCompactSize(MAX_ADDRV2_SIZE);
        Optional<NetworkId> network = NetworkId.fromId(networkId);
        Optional<NetAddress> address;
        if (network.isPresent()) {
            if (length != network.get().addressLength()) {
                throw new WireFormatException(INVALID_VALUE, "BIP155 " + network.get() + " address with length "
                        + length + " (should be " + network.get().addressLength() + ")");
            }
            Bytes bytes = Bytes.of(in.readBytes(length));
            boolean embedded = network.get() == NetworkId.IPV6 && (bytes.startsWith(NetAddress.IPV4_IN_IPV6_PREFIX)
                    || bytes.startsWith(NetAddress.TORV2_IN_IPV6_PREFIX));
            address = embedded ? Optional.empty() : Optional.of(new NetAddress(network.get(), bytes));
        } else {
            in.skip(length);   // netaddress.cpp: unknown network ids (maybe from the future) are ignored
            address = Optional.empty();
        }
        int port = in.readUint16BigEndian();
        return address.map(a -> new Address(time, services, a, port));
    }

    void writeV2(WireWriter out) {
        out.writeUint32(time.getEpochSecond());
        out.writeCompactSize(services.bits());
        out.writeUint8(address.network().id());
        out.writeCompactSize(address.bytes().size());
        address.bytes().writeRaw(out);
        out.writeUint16BigEndian(port);
    }

    @Override
    public String toString() {
        String host = address.network() == NetworkId.IPV6 || address.network() == NetworkId.CJDNS
                ? "[" + address + "]" : address.toString();
        return host + ":" + port + " services=" + services + " time=" + time;
    }
}
