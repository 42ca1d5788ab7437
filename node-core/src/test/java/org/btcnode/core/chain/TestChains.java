package org.btcnode.core.chain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;

/** Header chains for the chain tests: real mainnet headers, mined regtest headers, synthetic trees. */
final class TestChains {
    static final NetworkParameters REGTEST = NetworkParameters.REGTEST;
    static final long REGTEST_BITS = 0x207fffffL;
    /** A clock well after every header the tests make. */
    static final InstantSource LATE_CLOCK = InstantSource.fixed(Instant.parse("2030-01-01T00:00:00Z"));

    private TestChains() {
    }

    /** Mainnet headers 0..10 from the test resources (vectors/headers/SOURCES.md). */
    static List<BlockHeader> mainnetHeaders0To10() {
        return headers("mainnet-0-10.txt");
    }

    /** Headers from a file of vectors/headers/, one hex line each. */
    static List<BlockHeader> headers(String file) {
        return lines(file).stream().map(line -> BlockHeader.CODEC.decodeExactly(HexFormat.of().parseHex(line))).toList();
    }

    /** The lines of a file of vectors/headers/ that are neither blank nor comments, trimmed. */
    static List<String> lines(String file) {
        try (InputStream in = TestChains.class.getResourceAsStream("/vectors/headers/" + file)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of mainnet block 413567, the first 80 bytes of vectors/blocks/block413567.raw. */
    static BlockHeader header413567() {
        try (InputStream in = TestChains.class.getResourceAsStream("/vectors/blocks/block413567.raw")) {
            return BlockHeader.CODEC.decode(in.readNBytes(BlockHeader.SIZE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The smallest nonce from the template's that makes the header meet its own target on these params. */
    static BlockHeader mine(BlockHeader template, ConsensusParams params) {
        return RegtestBlocks.mine(template, params);
    }

    /**
     * {@code count} regtest headers mined on top of {@code prev} (time {@code prevTime}), one every
     * {@code spacing} seconds, distinguished by {@code salt} in the merkle root so forks differ.
     */
    static List<BlockHeader> mineRegtest(Hash256 prev, long prevTime, int count, long spacing, int salt) {
        List<BlockHeader> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] root = new byte[32];
            root[0] = (byte) salt;
            root[1] = (byte) (salt >> 8);
            root[28] = (byte) i;
            root[29] = (byte) (i >> 8);
            root[30] = (byte) (i >> 16);
            long time = prevTime + (i + 1) * spacing;
            BlockHeader h = mine(new BlockHeader(4, prev, Hash256.wrap(root), time, REGTEST_BITS, 0), REGTEST.consensus());
            out.add(h);
            prev = h.hash();
        }
        return out;
    }

    static BlockHeader regtestGenesis() {
        return REGTEST.genesisBlock().header();
    }

    /**
     * Headers that are not mined (for rules that do not look at the hash): {@code count} headers
     * on top of {@code prev} with the given bits and times {@code firstTime + i * spacing}.
     */
    static List<BlockHeader> synthetic(Hash256 prev, long firstTime, long spacing, long bits, int count, int salt) {
        List<BlockHeader> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] root = new byte[32];
            root[0] = (byte) salt;
            root[4] = (byte) i;
            root[5] = (byte) (i >> 8);
            root[6] = (byte) (i >> 16);
            BlockHeader h = new BlockHeader(4, prev, Hash256.wrap(root), firstTime + i * spacing, bits, 0);
            out.add(h);
            prev = h.hash();
        }
        return out;
    }

    /** Adds headers to the tree without validation; returns the last entry. */
    static BlockIndexEntry addAll(HeaderTree tree, List<BlockHeader> headers) {
        BlockIndexEntry last = null;
        for (BlockHeader h : headers) {
            last = tree.add(h);
        }
        return last;
    }
}
