package org.btcnode.core.message;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * feefilter: asks the peer not to announce transactions paying less than this fee rate, in
 * satoshis per 1000 virtual bytes (BIP 133). Any int64 is decoded: Core ignores a value outside
 * {@code MoneyRange} instead of refusing the message. Immutable.
 */
public record FeeFilter(long minFeeRateSatPerKvB) implements Message {
    public static final WireCodec<FeeFilter> CODEC = WireCodec.of(FeeFilter::read, FeeFilter::write);

    static FeeFilter read(WireReader in) {
        return new FeeFilter(in.readInt64());
    }

    void write(WireWriter out) {
        out.writeInt64(minFeeRateSatPerKvB);
    }

    @Override
    public MessageType type() {
        return MessageType.FEEFILTER;
    }
}
