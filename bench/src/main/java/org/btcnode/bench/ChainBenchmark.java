package org.btcnode.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.btcnode.core.chain.HeaderTree;
import org.btcnode.core.chain.HeaderValidator;
import org.btcnode.core.chain.Pow;
import org.btcnode.core.params.ConsensusParams;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.types.BlockHeader;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.wire.WireReader;
import org.btcnode.core.wire.WireWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The header chain in memory, on a mined regtest chain of 100,000 headers: decoding and
 * validating them as a {@code headers} message would deliver them (SHA-256d of each header,
 * proof of work, difficulty, median-time-past, version, then into the tree), inserting them into a
 * {@link HeaderTree} without validation, and building a locator from the tip. Per header for the
 * first two (operations per invocation = the chain length).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChainBenchmark {
    static final int HEADERS = 100_000;
    private static final NetworkParameters REGTEST = NetworkParameters.REGTEST;

    /**
     * {@code regtest}: Core's regtest rules, where every block is at the minimum difficulty, so
     * GetNextWorkRequired walks back to the last retarget height (up to 143 parents) per header;
     * {@code mainnet-shaped}: the same chain under regtest's parameters without
     * minimum-difficulty blocks, which costs what a mainnet header costs (the bits of the parent).
     */
    @Param({"regtest", "mainnet-shaped"})
    public String rules;

    private byte[] wire;
    private List<BlockHeader> decoded;
    private HeaderValidator validator;
    private HeaderTree full;

    /** {@code count} mined regtest headers on top of genesis, ten minutes apart. */
    static List<BlockHeader> mineRegtest(int count) {
        BlockHeader genesis = REGTEST.genesisBlock().header();
        List<BlockHeader> out = new ArrayList<>(count);
        Hash256 prev = genesis.hash();
        for (int i = 0; i < count; i++) {
            byte[] root = new byte[32];
            root[0] = (byte) i;
            root[1] = (byte) (i >> 8);
            root[2] = (byte) (i >> 16);
            BlockHeader h = new BlockHeader(0x20000000, prev, Hash256.wrap(root), genesis.time() + 600L * (i + 1),
                    genesis.bits(), 0);
            while (!Pow.checkProofOfWork(h.hash(), h.bits(), REGTEST.consensus())) {
                h = h.withNonce(h.nonce() + 1);
            }
            out.add(h);
            prev = h.hash();
        }
        return out;
    }

    @Setup
    public void setUp() {
        decoded = mineRegtest(HEADERS);
        WireWriter out = new WireWriter(HEADERS * BlockHeader.SIZE);
        decoded.forEach(h -> h.write(out));
        wire = out.toByteArray();
        ConsensusParams c = REGTEST.consensus();
        ConsensusParams params = rules.equals("regtest") ? c : new ConsensusParams(c.hashGenesisBlock(),
                c.subsidyHalvingInterval(), c.bip34Height(), c.bip34Hash(), c.bip65Height(), c.bip66Height(),
                c.csvHeight(), c.segwitHeight(), c.minBip9WarningHeight(), c.testDummy(), c.taproot(), c.powLimit(),
                false, c.enforceBip94(), c.powNoRetargeting(), c.powTargetSpacing(), c.powTargetTimespan(),
                c.minimumChainWork(), c.defaultAssumeValid(), c.signetBlocks(), c.signetChallenge());
        validator = new HeaderValidator(params, InstantSource.fixed(Instant.parse("2030-01-01T00:00:00Z")));
        full = new HeaderTree(REGTEST.genesisBlock().header());
        decoded.forEach(full::add);
    }

    /** Decode (hash included) and fully validate each header into a new tree. */
    @Benchmark
    @OperationsPerInvocation(HEADERS)
    public HeaderTree validateHeaders() {
        WireReader in = new WireReader(wire);
        List<BlockHeader> headers = new ArrayList<>(HEADERS);
        for (int i = 0; i < HEADERS; i++) {
            headers.add(BlockHeader.read(in));
        }
        HeaderTree tree = new HeaderTree(REGTEST.genesisBlock().header());
        HeaderValidator.Processed p = validator.processNewBlockHeaders(tree, headers, true);
        if (!p.state().isValid()) {
            throw new IllegalStateException(p.state().toString());
        }
        return tree;
    }

    /** Insert already-decoded headers into a new tree, no checks. */
    @Benchmark
    @OperationsPerInvocation(HEADERS)
    public HeaderTree headerTreeInsert() {
        HeaderTree tree = new HeaderTree(REGTEST.genesisBlock().header());
        for (BlockHeader h : decoded) {
            tree.add(h);
        }
        return tree;
    }

    /** LocatorEntries from the tip of the 100,000-header tree. */
    @Benchmark
    public List<Hash256> locator() {
        return HeaderTree.locator(full.bestHeader());
    }
}
