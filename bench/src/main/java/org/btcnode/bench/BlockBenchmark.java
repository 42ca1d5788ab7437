package org.btcnode.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

import org.btcnode.core.types.Block;
import org.btcnode.core.types.MerkleRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Deserialises mainnet block 413567 (999,887 bytes, 1,557 transactions), the block Core's
 * {@code DeserializeBlockTest} (bench/checkblock.cpp) parses, so ns per block compare directly.
 * Our decode also hashes every transaction (txid, wtxid) from the bytes it read, which Core's
 * {@code CTransaction} constructor does too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlockBenchmark {
    private byte[] raw;
    private Block block;

    @Setup
    public void load() throws IOException {
        try (InputStream in = BlockBenchmark.class.getResourceAsStream("/block413567.raw")) {
            if (in == null) throw new IOException("block413567.raw is not on the benchmark class path");
            raw = in.readAllBytes();
        }
        block = Block.CODEC.decodeExactly(raw);
    }

    /** Core: DeserializeBlockTest. */
    @Benchmark
    public Block deserializeBlock() {
        return Block.CODEC.decodeExactly(raw);
    }

    /** Core: DeserializeAndCheckBlockTest's merkle part: the root of 1,557 txids. */
    @Benchmark
    public MerkleRoot merkleRoot() {
        return block.computeMerkleRoot();
    }
}
