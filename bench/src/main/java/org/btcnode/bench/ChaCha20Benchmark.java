package org.btcnode.bench;

import java.util.concurrent.TimeUnit;

import org.btcnode.crypto.cipher.ChaCha20;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Our plain-Java ChaCha20 (BIP 324's length cipher, and the pure-Java AEAD's stream), after Core's
 * bench/chacha20.cpp CHACHA20_1024BYTES and CHACHA20_1MB (1 MiB here). Operations per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ChaCha20Benchmark {
    @Param({"1024", "1048576"})
    public int size;

    private byte[] in;
    private byte[] out;
    private ChaCha20 chacha;

    @Setup
    public void setUp() {
        in = new byte[size];
        out = new byte[size];
        chacha = new ChaCha20(new byte[32]);
    }

    /** Core: CHACHA20_1024BYTES, CHACHA20_1MB. */
    @Benchmark
    public byte[] chaCha20Crypt() {
        chacha.crypt(in, 0, out, 0, size);
        return out;
    }
}
