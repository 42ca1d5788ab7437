package org.btcnode.bench;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.btcnode.crypto.hash.Sha256;
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
 * Where a SHA-256d of an 80-byte header spends its time besides the three compressions: the digest
 * object. Compares {@link Sha256#hashTwice(byte[], int, int)} (clones a prototype digest per call),
 * a {@code MessageDigest.getInstance} lookup per call, and a digest and output array the caller owns
 * ({@link Sha256#hashTwice(MessageDigest, byte[], int, int, byte[], int)}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class Sha256DigestBenchmark {
    /** The mainnet genesis block header. */
    private final byte[] header = HexFormat.of().parseHex(
            "0100000000000000000000000000000000000000000000000000000000000000000000003ba3edfd7a7b12b27ac72c3e"
            + "67768f617fc81bc3888a51323a9fb8aa4b1e5e4a29ab5f49ffff001d1dac2b7c");
    private final MessageDigest owned = Sha256.newDigest();
    private final byte[] out = new byte[Sha256.HASH_LENGTH];

    /** What the node does today: a clone of the prototype digest per call. */
    @Benchmark
    public byte[] clonePrototypePerCall() {
        return Sha256.hashTwice(header, 0, 80);
    }

    /** A provider lookup per call. */
    @Benchmark
    public byte[] getInstancePerCall() throws NoSuchAlgorithmException, DigestException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] result = new byte[Sha256.HASH_LENGTH];
        d.update(header, 0, 80);
        d.digest(result, 0, Sha256.HASH_LENGTH);
        d.update(result, 0, Sha256.HASH_LENGTH);
        d.digest(result, 0, Sha256.HASH_LENGTH);
        return result;
    }

    /** A digest and output array held by the caller: allocates nothing. */
    @Benchmark
    public byte[] callerHeldDigest() {
        Sha256.hashTwice(owned, header, 0, 80, out, 0);
        return out;
    }
}
