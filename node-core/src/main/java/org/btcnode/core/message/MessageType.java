package org.btcnode.core.message;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.btcnode.core.wire.WireCodec;

/**
 * Every command this node knows: its command string (v1 header), its BIP 324 short id (0: only
 * the 13-byte long form) and its codec; lookups by both. {@link #UNKNOWN} stands for any other
 * command, carried by {@link UnknownMessage}; it has no command string, id or codec and is never
 * found by a lookup.
 */
public enum MessageType {
    VERSION("version", 0, Version.CODEC),
    VERACK("verack", 0, Verack.CODEC),
    ADDR("addr", 1, Addr.CODEC),
    ADDRV2("addrv2", 28, AddrV2.CODEC),
    SENDADDRV2("sendaddrv2", 0, SendAddrV2.CODEC),
    INV("inv", 14, Inv.CODEC),
    GETDATA("getdata", 11, GetData.CODEC),
    NOTFOUND("notfound", 17, NotFound.CODEC),
    GETBLOCKS("getblocks", 9, GetBlocks.CODEC),
    GETHEADERS("getheaders", 12, GetHeaders.CODEC),
    TX("tx", 21, Tx.CODEC),
    HEADERS("headers", 13, Headers.CODEC),
    BLOCK("block", 2, BlockMessage.CODEC),
    GETADDR("getaddr", 0, GetAddr.CODEC),
    MEMPOOL("mempool", 15, Mempool.CODEC),
    MERKLEBLOCK("merkleblock", 16, MerkleBlock.CODEC),
    PING("ping", 18, Ping.CODEC),
    PONG("pong", 19, Pong.CODEC),
    FILTERLOAD("filterload", 8, FilterLoad.CODEC),
    FILTERADD("filteradd", 6, FilterAdd.CODEC),
    FILTERCLEAR("filterclear", 7, FilterClear.CODEC),
    SENDHEADERS("sendheaders", 0, SendHeaders.CODEC),
    FEEFILTER("feefilter", 5, FeeFilter.CODEC),
    SENDCMPCT("sendcmpct", 20, SendCmpct.CODEC),
    CMPCTBLOCK("cmpctblock", 4, CmpctBlock.CODEC),
    GETBLOCKTXN("getblocktxn", 10, GetBlockTxn.CODEC),
    BLOCKTXN("blocktxn", 3, BlockTxn.CODEC),
    GETCFILTERS("getcfilters", 22, GetCFilters.CODEC),
    CFILTER("cfilter", 23, CFilter.CODEC),
    GETCFHEADERS("getcfheaders", 24, GetCFHeaders.CODEC),
    CFHEADERS("cfheaders", 25, CFHeaders.CODEC),
    GETCFCHECKPT("getcfcheckpt", 26, GetCFCheckpt.CODEC),
    CFCHECKPT("cfcheckpt", 27, CFCheckpt.CODEC),
    WTXIDRELAY("wtxidrelay", 0, WtxidRelay.CODEC),
    /** Any command not listed above. */
    UNKNOWN(null, 0, null);

    /** protocol.h: the command field of a v1 header is 12 bytes. */
    public static final int COMMAND_SIZE = 12;

    private static final Map<String, MessageType> BY_COMMAND = new HashMap<>();
    private static final MessageType[] BY_SHORT_ID = new MessageType[256];

    static {
        for (MessageType t : values()) {
            if (t == UNKNOWN) {
                continue;
            }
            BY_COMMAND.put(t.command, t);
            if (t.shortId != 0) {
                BY_SHORT_ID[t.shortId] = t;
            }
        }
    }

    private final String command;
    private final int shortId;
    private final WireCodec<? extends Message> codec;

    MessageType(String command, int shortId, WireCodec<? extends Message> codec) {
        this.command = command;
        this.shortId = shortId;
        this.codec = codec;
    }

    /** The command string; {@code null} for {@link #UNKNOWN} (its message carries its own). */
    public String command() {
        return command;
    }

    /** The BIP 324 one-byte message type id, or 0 when only the long form exists. */
    public int shortId() {
        return shortId;
    }

    public static Optional<MessageType> fromCommand(String command) {
        return Optional.ofNullable(BY_COMMAND.get(command));
    }

    /** The type for a BIP 324 short id (1..255); empty for ids no message has. */
    public static Optional<MessageType> fromShortId(int shortId) {
        if (shortId <= 0 || shortId >= BY_SHORT_ID.length) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_SHORT_ID[shortId]);
    }

    /** Decodes a payload of this type; throws only {@link org.btcnode.core.wire.WireFormatException}. */
    public Message decode(byte[] payload) {
        if (codec == null) {
            throw new IllegalStateException("no codec for " + this);
        }
        return codec.decode(payload);
    }

    /** Encodes a message of this type. */
    public byte[] encode(Message message) {
        if (codec == null || message.type() != this) {
            throw new IllegalArgumentException(this + " cannot encode " + message.type());
        }
        return encodeWith(codec, message);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> byte[] encodeWith(WireCodec<T> codec, Message message) {
        return codec.encode((T) message);   // safe: every record's type() names the enum line holding its codec
    }
}
