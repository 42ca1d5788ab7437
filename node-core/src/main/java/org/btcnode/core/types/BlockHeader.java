package org.btcnode.core.types;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import org.btcnode.core.wire.WireCodec;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;

/**
 * An 80-byte block header ({@code CBlockHeader}): version, previous block hash, merkle root, time,
 * compact target ("bits") and nonce; its hash, decoded target, proof-of-work check and work.
 * Immutable and thread-safe; a decoded header keeps the hash of the bytes it was read from.
 */
public final class BlockHeader {
    /** Serialised size of a header. */
    public static final int SIZE = 80;
    public static final WireCodec<BlockHeader> CODEC = WireCodec.of(BlockHeader::read, BlockHeader::write);

    private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);

    private final int version;
    private final Hash256 prevBlock;
    private final Hash256 merkleRoot;
    private final long time;
    private final long bits;
    private final long nonce;
    private Hash256 hash; // computed at most a few times (racy but idempotent; Hash256 is immutable)

    /**
     * @param time  block time, seconds since the epoch (uint32)
     * @param bits  compact target (uint32)
     * @param nonce uint32
     */
    public BlockHeader(int version, Hash256 prevBlock, Hash256 merkleRoot, long time, long bits, long nonce) {
        this.version = version;
        this.prevBlock = Objects.requireNonNull(prevBlock, "prevBlock");
        this.merkleRoot = Objects.requireNonNull(merkleRoot, "merkleRoot");
        this.time = checkUint32(time, "time");
        this.bits = checkUint32(bits, "bits");
        this.nonce = checkUint32(nonce, "nonce");
    }

    private static long checkUint32(long v, String what) {
        if (v < 0 || v > 0xffffffffL) {
            throw new IllegalArgumentException(what + " is a uint32: " + v);
        }
        return v;
    }

    public int version() {
        return version;
    }

    public Hash256 prevBlock() {
        return prevBlock;
    }

    public Hash256 merkleRoot() {
        return merkleRoot;
    }

    /** Block time in seconds since the epoch. */
    public long time() {
        return time;
    }

    public Instant instant() {
        return Instant.ofEpochSecond(time);
    }

    public long bits() {
        return bits;
    }

    public long nonce() {
        return nonce;
    }

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, prevBlock, merkleRoot, time, bits, newNonce);
    }

    public BlockHeader withMerkleRoot(Hash256 root) {
        return new BlockHeader(version, prevBlock, root, time, bits, nonce);
    }

    /** SHA-256d of the 80 serialised bytes: the block hash. */
    public Hash256 hash() {
        Hash256 h = hash;
        if (h == null) {
            WireWriter out = new WireWriter(SIZE);
            write(out);
            hash = h = Hash256.hashTwice(out.array(), 0, SIZE);
        }
        return h;
    }

    /** The target decoded from {@link #bits()}, with Core's negative and overflow flags. */
    public CompactTarget target() {
        return CompactTarget.decode(bits);
    }

    /**
     * pow.cpp: CheckProofOfWorkImpl. The target must be positive, not overflow and not exceed
     * {@code powLimit}, and the hash read as a number must not exceed the target.
     */
    public boolean checkProofOfWork(BigInteger powLimit) {
        CompactTarget target = target();
        if (!target.isUsable() || target.value().compareTo(powLimit) > 0) {
            return false;
        }
        return hash().toBigInteger().compareTo(target.value()) <= 0;
    }

    /** chain.cpp: GetBlockProof, the expected number of hashes for this target, 2^256 / (target + 1). */
    public BigInteger work() {
        CompactTarget target = target();
        if (!target.isUsable()) {
            return BigInteger.ZERO;
        }
        return TWO_256.divide(target.value().add(BigInteger.ONE));
    }

    public static BlockHeader read(WireReader in) {
        int start = in.position();
        BlockHeader h = new BlockHeader(in.readInt32(), Hash256.read(in), Hash256.read(in),
                in.readUint32(), in.readUint32(), in.readUint32());
        h.hash = Hash256.hashTwice(in.array(), start, SIZE);
        return h;
    }

    public void write(WireWriter out) {
        out.writeInt32(version);
        prevBlock.write(out);
        merkleRoot.write(out);
        out.writeUint32(time);
        out.writeUint32(bits);
        out.writeUint32(nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BlockHeader h && version == h.version && time == h.time && bits == h.bits
                && nonce == h.nonce && prevBlock.equals(h.prevBlock) && merkleRoot.equals(h.merkleRoot);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, prevBlock, merkleRoot, time, bits, nonce);
    }

    @Override
    public String toString() {
        return "BlockHeader(hash=" + hash() + ", version=" + version + ", prevBlock=" + prevBlock
                + ", merkleRoot=" + merkleRoot + ", time=" + time + ", bits=" + Long.toHexString(bits)
                + ", nonce=" + nonce + ")";
    }
}
