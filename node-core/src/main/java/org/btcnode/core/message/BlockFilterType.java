package org.btcnode.core.message;

/**
 * Constants for the one-byte filter type of the BIP 157 messages (Core's {@code BlockFilterType},
 * blockfilter.h). Messages keep the raw byte: a request for an unknown type is a node-logic
 * decision (Core disconnects), not a decoding error.
 */
public final class BlockFilterType {
    /** BIP 158 basic filter. */
    public static final int BASIC = 0;

    private BlockFilterType() {
    }

    static void check(int filterType) {
        if (filterType < 0 || filterType > 0xff) {
            throw new IllegalArgumentException("filter type is one byte: " + filterType);
        }
    }

    static void checkHeight(long height) {
        if (height < 0 || height > 0xffffffffL) {
            throw new IllegalArgumentException("height is uint32: " + height);
        }
    }
}
