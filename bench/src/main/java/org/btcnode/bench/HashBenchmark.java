package org.btcnode.bench;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.btcnode.crypto.hash.Sha256;
import org.btcnode.crypto.hash.SipHash;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256d of an 80-byte header (the hot path of header sync) and SipHash-2-4 of a 32-byte hash
 * (BIP152 short ids, hash-table keys); Core has both in bench/crypto_hash.cpp.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HashBenchmark {
    /** The mainnet genesis block header. */
    private final byte[] header = HexFormat.of().parseHex(
            "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e"
            + "67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c");

    /** The genesis block hash, internal order. */
    private final byte[] hash = HexFormat.of().parseHex(
            "6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
    private final long k0 = 0x0706050403020100L;
    private final long k1 = 0x0f0e0d0c0b0a0908L;

    /** Core: SipHash_32b. */
    @Benchmark
    public long sipHash32ByteHash() {
        return SipHash.hashUint256(k0, k1, hash);
    }

    /** Core: SHA256D64_1024 is the batch form; this is one 80-byte header, as header sync hashes them. */
    @Benchmark
    public byte[] sha256dHeader() {
        return Sha256.hashTwice(header, 0, 80);
    }
}
