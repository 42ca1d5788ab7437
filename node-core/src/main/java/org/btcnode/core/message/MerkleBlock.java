package org.btcnode.core.message;

import java.util.List;
import java.util.Objects;

import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * merkleblock: a block header and a partial merkle tree proving which of its transactions match
 * a BIP 37 filter (Core's {@code CMerkleBlock}: total transaction count, hashes in depth-first
 * order, flag bits packed into bytes). Decoded so that it can be refused; the flag bytes are kept
 * as sent. Immutable.
 */
public record MerkleBlock(BlockHeader header, long totalTransactions, List<Hash256> hashes, Bytes flags)
        implements Message {
    public static final WireCodec<MerkleBlock> CODEC = WireCodec.of(MerkleBlock::read, MerkleBlock::write);

    public MerkleBlock {
        Objects.requireNonNull(header, "header");
        if (totalTransactions < 0 || totalTransactions > 0xffffffffL) {
            throw new IllegalArgumentException("transaction count is uint32: " + totalTransactions);
        }
        hashes = List.copyOf(hashes);
        Objects.requireNonNull(flags, "flags");
    }

    static MerkleBlock read(WireReader in) {
        return new MerkleBlock(BlockHeader.read(in), in.readUint32(),
                in.readList((int) WireReader.MAX_SIZE, Hash256.LENGTH, Hash256::read),
                Bytes.read(in, (int) WireReader.MAX_SIZE));
    }

    void write(WireWriter out) {
        header.write(out);
        out.writeUint32(totalTransactions);
        out.writeList(hashes, Hash256::write);
        flags.write(out);
    }

    @Override
    public MessageType type() {
        return MessageType.MERKLEBLOCK;
    }
}
