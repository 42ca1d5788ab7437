package org.btcnode.bench;

import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.btcnode.crypto.ec.EllSwift;
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
 * The secp256k1 side of a BIP 324 handshake, after Core's bench/ellswift.cpp (EllSwiftCreate) and
 * bench/bip324_ecdh.cpp (BIP324_ECDH); each side of a handshake does one of each. Operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EllSwiftBenchmark {
    private static final HexFormat HEX = HexFormat.of();
    // BIP 324 packet_encoding_test_vectors.csv, first row
    private final byte[] privkey = HEX.parseHex("61062ea5071d800bbfd59e2e8b53d47d194b095ae5a4df04936b49772ef0d4d7");
    private final byte[] ours = HEX.parseHex("ec0adff257bbfe500c188c80b4fdd640f6b45a482bbc15fc7cef5931deff0aa1"
            + "86f6eb9bba7b85dc4dcc28b28722de1e3d9108b985e2967045668f66098e475b");
    private final byte[] theirs = HEX.parseHex("a4a94dfce69b4a2a0a099313d10f9f7e7d649d60501c9e1d274c300e0d89aafa"
            + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff8faf88d5");
    private final byte[] entropy = new byte[32];
    private int counter;

    /** Core: EllSwiftCreate (a new entropy each call, so the number of tries varies as in use). */
    @Benchmark
    public byte[] ellswiftCreate() {
        int c = counter++;
        entropy[0] = (byte) c;
        entropy[1] = (byte) (c >>> 8);
        entropy[2] = (byte) (c >>> 16);
        return EllSwift.ellswiftCreate(privkey, entropy);
    }

    /** Core: BIP324_ECDH, decoding their key, the point multiplication and the tagged hash. */
    @Benchmark
    public byte[] ellswiftXdh() {
        return EllSwift.ellswiftXdh(ours, theirs, privkey, true);
    }

    /** Decoding alone: what a responder spends on a 64-byte key before the multiplication. */
    @Benchmark
    public byte[] ellswiftDecode() {
        return EllSwift.ellswiftDecode(theirs);
    }
}
