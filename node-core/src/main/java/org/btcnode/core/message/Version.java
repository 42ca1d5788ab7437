package org.btcnode.core.message;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * version: opens the handshake with the sender's protocol version, services, clock, the address
 * it sees us at, a nonce to detect connecting to ourselves, its user agent, best height and
 * whether it wants transactions relayed (BIP 37). Immutable.
 *
 * <p>As Core's {@code ProcessMessage("version")}, the fields after {@code addrTo} are optional
 * and read only while bytes remain: {@code addrFrom} and {@code nonce} together, then the user
 * agent (at most {@link #MAX_SUBVERSION_LENGTH} bytes), the starting height and the relay flag.
 * Missing ones take Core's defaults ({@link #DEFAULT_NONCE}, "", {@link #DEFAULT_STARTING_HEIGHT},
 * relay true); encoding always writes every field. The user agent is decoded as UTF-8 with each
 * malformed sequence replaced by {@code '?'}, so it never grows past the limit.
 */
public record Version(ProtocolVersion version, ServiceFlags services, long timestampSeconds, Endpoint addrTo,
        Endpoint addrFrom, long nonce, String userAgent, int startingHeight, boolean relay) implements Message {
    public static final WireCodec<Version> CODEC = WireCodec.of(Version::read, Version::write);
    /** net.h: the longest user agent (subversion) Core accepts, in bytes. */
    public static final int MAX_SUBVERSION_LENGTH = 256;
    /** net_processing.cpp: the nonce Core assumes when the peer sent none. */
    public static final long DEFAULT_NONCE = 1;
    /** net_processing.cpp: the starting height Core assumes when the peer sent none. */
    public static final int DEFAULT_STARTING_HEIGHT = -1;

    /**
     * An address inside version (Core's {@code CService} after 8 bytes of services): legacy
     * 16-byte form, so IPv4 or IPv6 only; Core sends {@code ::} port 0 for anything else.
     */
    public record Endpoint(ServiceFlags services, NetAddress address, int port) {
        /** What Core puts where it has nothing to say: no services, {@code ::}, port 0. */
        public static final Endpoint NONE = new Endpoint(ServiceFlags.NODE_NONE, NetAddress.IPV6_ANY, 0);
        /** Bytes on the wire: services, address, port. */
        static final int SIZE = 8 + NetAddress.V1_LENGTH + 2;

        public Endpoint {
            Objects.requireNonNull(services, "services");
            Objects.requireNonNull(address, "address");
            if (!address.network().isAddrV1Compatible()) {
                throw new IllegalArgumentException("version carries only IPv4 or IPv6, not " + address.network());
            }
            Address.checkPort(port);
        }

        /** An OnionCat (Tor v2) address reads as {@code ::}, as Core's {@code SetLegacyIPv6} zeroes it. */
        static Endpoint read(WireReader in) {
            ServiceFlags services = new ServiceFlags(in.readInt64());
            NetAddress address = NetAddress.fromV1(in.readBytes(NetAddress.V1_LENGTH)).orElse(NetAddress.IPV6_ANY);
            return new Endpoint(services, address, in.readUint16BigEndian());
        }

        void write(WireWriter out) {
            out.writeInt64(services.bits());
            out.writeBytes(address.toV1());
            out.writeUint16BigEndian(port);
        }
    }

    public Version {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(addrTo, "addrTo");
        Objects.requireNonNull(addrFrom, "addrFrom");
        Objects.requireNonNull(userAgent, "userAgent");
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(userAgent)) {
            throw new IllegalArgumentException("user agent is not well-formed Unicode");
        }
        int length = userAgent.getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_SUBVERSION_LENGTH) {
            throw new IllegalArgumentException("user agent of " + length + " bytes, over " + MAX_SUBVERSION_LENGTH);
        }
    }

    static Version read(WireReader in) {
        ProtocolVersion version = new ProtocolVersion(in.readInt32());
        ServiceFlags services = new ServiceFlags(in.readInt64());
        long timestampSeconds = in.readInt64();
        Endpoint addrTo = Endpoint.read(in);
        Endpoint addrFrom = Endpoint.NONE;
        long nonce = DEFAULT_NONCE;
        String userAgent = "";
        int startingHeight = DEFAULT_STARTING_HEIGHT;
        boolean relay = true;
        if (in.hasMore()) {                 // Core: ignore(26) then nonce, one group
            addrFrom = Endpoint.read(in);
            nonce = in.readInt64();
        }
        if (in.hasMore()) {
            userAgent = decodeUserAgent(in.readVarBytes(MAX_SUBVERSION_LENGTH));
        }
        if (in.hasMore()) {
            startingHeight = in.readInt32();
        }
        if (in.hasMore()) {
            relay = in.readBool();
        }
        return new Version(version, services, timestampSeconds, addrTo, addrFrom, nonce, userAgent, startingHeight,
                relay);
    }

    void write(WireWriter out) {
        out.writeInt32(version.value());
        out.writeInt64(services.bits());
        out.writeInt64(timestampSeconds);
        addrTo.write(out);
        addrFrom.write(out);
        out.writeInt64(nonce);
        out.writeVarString(userAgent);
        out.writeInt32(startingHeight);
        out.writeBool(relay);
    }

    /** UTF-8 with '?' for each malformed sequence: never longer in bytes than its input. */
    private static String decodeUserAgent(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)
                    .replaceWith("?")
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.VERSION;
    }
}
