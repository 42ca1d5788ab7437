package org.btcnode.core.message;

import java.util.Objects;

import org.btcnode.core.types.Block;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * block: one whole block with witness data. The one record not named for its command alone: a
 * message {@code Block} would clash with {@link Block} in every handler that uses both. Immutable.
 */
public record BlockMessage(Block block) implements Message {
    public static final WireCodec<BlockMessage> CODEC = WireCodec.of(BlockMessage::read, BlockMessage::write);

    public BlockMessage {
        Objects.requireNonNull(block, "block");
    }

    static BlockMessage read(WireReader in) {
        return new BlockMessage(Block.read(in));
    }

    void write(WireWriter out) {
        block.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.BLOCK;
    }
}
