package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * sendcmpct: offers compact block relay (BIP 152) at a compact-block version (1, or 2 for
 * segwit), and says whether the sender wants new blocks pushed as cmpctblock without asking
 * (high-bandwidth mode). As Core's bool, any non-zero byte reads as true. Immutable.
 */
public record SendCmpct(boolean highBandwidth, long version) implements Message {
    public static final WireCodec<SendCmpct> CODEC = WireCodec.of(SendCmpct::read, SendCmpct::write);
    /** net_processing.cpp: the only compact-block version Core uses (segwit). */
    public static final long CMPCTBLOCKS_VERSION = 2;

    static SendCmpct read(WireReader in) {
        return new SendCmpct(in.readBool(), in.readInt64());
    }

    void write(WireWriter out) {
        out.writeBool(highBandwidth);
        out.writeInt64(version);
    }

    @Override
    public MessageType type() {
        return MessageType.SENDCMPCT;
    }
}
