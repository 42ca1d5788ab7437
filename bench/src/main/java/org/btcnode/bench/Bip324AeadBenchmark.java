package org.btcnode.bench;

import java.util.concurrent.TimeUnit;

import org.btcnode.crypto.cipher.AeadChaCha20Poly1305.Backend;
import org.btcnode.crypto.cipher.FSChaCha20Poly1305;
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
 * BIP 324's packet AEAD on each backend, after Core's bench/chacha20.cpp: FSCHACHA20POLY1305_1024BYTES
 * / _1MB (encrypt only, as Core's) and the same sizes encrypted then decrypted (what a node does per
 * packet, one side each). Sizes in bytes; throughput in packets per second, so MB/s = ops/s * size /
 * 10^6.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class Bip324AeadBenchmark {
    @Param({"JDK", "BOUNCY_CASTLE", "PURE_JAVA"})
    public Backend backend;

    @Param({"1024", "1048576"})
    public int size;

    private final byte[] key = new byte[32];
    private final byte[] aad = new byte[0];
    private byte[] plain;
    private byte[] cipher;
    private byte[] decrypted;
    private FSChaCha20Poly1305 encrypter;
    private FSChaCha20Poly1305 encrypterForDecrypt;
    private FSChaCha20Poly1305 decrypter;

    @Setup
    public void setUp() {
        plain = new byte[size];
        cipher = new byte[size + FSChaCha20Poly1305.EXPANSION];
        decrypted = new byte[size];
        encrypter = new FSChaCha20Poly1305(key, 224, backend);
        encrypterForDecrypt = new FSChaCha20Poly1305(key, 224, backend);
        decrypter = new FSChaCha20Poly1305(key, 224, backend);
    }

    /** Core: FSCHACHA20POLY1305_1024BYTES, FSCHACHA20POLY1305_1MB (1 MiB here). */
    @Benchmark
    public byte[] fsChaCha20Poly1305Encrypt() {
        encrypter.encrypt(aad, plain, 0, size, cipher, 0);
        return cipher;
    }

    /** One packet encrypted by one side and decrypted (tag checked) by the other. */
    @Benchmark
    public boolean fsChaCha20Poly1305EncryptDecrypt() {
        encrypterForDecrypt.encrypt(aad, plain, 0, size, cipher, 0);
        return decrypter.decrypt(aad, cipher, 0, cipher.length, decrypted, 0);
    }
}
