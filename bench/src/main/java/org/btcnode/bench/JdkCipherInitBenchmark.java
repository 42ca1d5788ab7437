package org.btcnode.bench;

import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
 * What the JDK AEAD backend pays per packet before it encrypts a byte: re-initialising one {@code
 * Cipher} with the next nonce (what it does) against a new {@code Cipher} per packet (the other way
 * round the JDK's refusal of a repeated key and nonce). Nanoseconds per packet.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class JdkCipherInitBenchmark {
    private final SecretKeySpec keySpec = new SecretKeySpec(new byte[32], "ChaCha20");
    private final byte[] nonce = new byte[12];
    private Cipher cipher;
    private int counter;

    @Setup
    public void setUp() throws GeneralSecurityException {
        cipher = Cipher.getInstance("ChaCha20-Poly1305");
    }

    private IvParameterSpec nextNonce() {
        int c = ++counter;
        nonce[0] = (byte) c;
        nonce[1] = (byte) (c >>> 8);
        nonce[2] = (byte) (c >>> 16);
        nonce[3] = (byte) (c >>> 24);
        return new IvParameterSpec(nonce);
    }

    /** What the JDK backend pays per packet before any byte is encrypted. */
    @Benchmark
    public Cipher jdkCipherInit() throws GeneralSecurityException {
        cipher.init(Cipher.ENCRYPT_MODE, keySpec, nextNonce());
        return cipher;
    }

    /** The alternative: a new Cipher per packet (no key+nonce check to work around, but a provider lookup). */
    @Benchmark
    public Cipher jdkFreshCipher() throws GeneralSecurityException {
        Cipher fresh = Cipher.getInstance("ChaCha20-Poly1305");
        fresh.init(Cipher.ENCRYPT_MODE, keySpec, nextNonce());
        return fresh;
    }
}
