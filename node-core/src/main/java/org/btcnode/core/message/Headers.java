package org.btcnode.core.message;

import java.util.List;

import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * headers: up to {@link #MAX_HEADERS_RESULTS} block headers, in answer to getheaders or to announce
 * new blocks (BIP 130). Each is the 80-byte header followed by a transaction count. As Core
 * ("ignore tx count; assume it is 0"), the count is read as a canonical CompactSize and ignored,
 * whatever its value; encoding writes 0. Immutable.
 */
public record Headers(List<BlockHeader> headers) implements Message {
    public static final WireCodec<Headers> CODEC = WireCodec.of(Headers::read, Headers::write);
    /** net_processing.h: the most headers one message may carry. */
    public static final int MAX_HEADERS_RESULTS = 2000;
    /** Bytes one entry takes at least: the header and a one-byte count. */
    static final int MIN_ENTRY_SIZE = BlockHeader.SIZE + 1;

    public Headers {
        headers = List.copyOf(headers);
        if (headers.size() > MAX_HEADERS_RESULTS) {
            throw new IllegalArgumentException("headers with " + headers.size() + " entries, over "
                    + MAX_HEADERS_RESULTS);
        }
    }

    static Headers read(WireReader in) {
        return new Headers(in.readList(MAX_HEADERS_RESULTS, MIN_ENTRY_SIZE, Headers::readEntry));
    }

    private static BlockHeader readEntry(WireReader in) {
        BlockHeader header = BlockHeader.read(in);
        in.readCompactSize(WireReader.MAX_SIZE);   // net_processing.cpp: ignore tx count; assume it is 0
        return header;
    }

    void write(WireWriter out) {
        out.writeCompactSize(headers.size());
        for (BlockHeader header : headers) {
            header.write(out);
            out.writeCompactSize(0);
        }
    }

    @Override
    public MessageType type() {
        return MessageType.HEADERS;
    }
}
