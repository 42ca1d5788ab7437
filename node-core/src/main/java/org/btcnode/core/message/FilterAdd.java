package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Bytes;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * filteradd: adds one element to the peer's BIP 37 bloom filter. Decoded so that it can be
 * refused. At most {@link #MAX_SCRIPT_ELEMENT_SIZE} bytes, as Core checks. Immutable.
 */
public record FilterAdd(Bytes element) implements Message {
    public static final WireCodec<FilterAdd> CODEC = WireCodec.of(FilterAdd::read, FilterAdd::write);
    /** script/script.h: the largest element a script may push, the largest filteradd Core takes. */
    public static final int MAX_SCRIPT_ELEMENT_SIZE = 520;

    public FilterAdd {
        Objects.requireNonNull(element, "element");
        if (element.size() > MAX_SCRIPT_ELEMENT_SIZE) {
            throw new IllegalArgumentException("filteradd of " + element.size() + " bytes, over "
                    + MAX_SCRIPT_ELEMENT_SIZE);
        }
    }

    static FilterAdd read(WireReader in) {
        return new FilterAdd(Bytes.read(in, MAX_SCRIPT_ELEMENT_SIZE));
    }

    void write(WireWriter out) {
        element.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.FILTERADD;
    }
}
