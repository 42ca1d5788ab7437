package org.btcnode.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.btcnode.core.message.Address;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.message.ServiceFlags;
import org.btcnode.net.addrman.AddrMan;
import org.btcnode.net.addrman.InMemoryAddressBookStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The address book, as Core's bench/addrman.cpp: 64 sources announcing 256 random addresses
 * each (random 16-byte addresses and ports), then {@code AddrManAdd}, {@code AddrManSelect},
 * {@code AddrManGetAddr} (2,500 and 23 %) and {@code AddrManAddThenGood}; plus start-up: rebuilding
 * a book of 60,000 stored addresses from its store snapshot (the in-memory store, so this is
 * the table rebuild and consistency check without disk reads).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AddrManBenchmark {
    /** bench/addrman.cpp: NUM_SOURCES and NUM_ADDRESSES_PER_SOURCE. */
    private static final int NUM_SOURCES = 64;
    private static final int NUM_ADDRESSES_PER_SOURCE = 256;
    private static final int STORED_ADDRESSES = 60_000;
    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

    private final List<NetAddress> sources = new ArrayList<>();
    private final List<List<Address>> addresses = new ArrayList<>();
    private AddrMan filled;
    private InMemoryAddressBookStore stored;

    private static Address randomAddress(SplittableRandom rng) {
        while (true) {
            byte[] bytes = new byte[16];
            rng.nextBytes(bytes);
            int port = rng.nextInt(1, 65536);
            Optional<NetAddress> a = NetAddress.fromV1(bytes);
            if (a.isPresent()) {
                return new Address(NOW, ServiceFlags.NODE_NETWORK, a.get(), port);
            }
        }
    }

    @Setup(Level.Trial)
    public void createAddresses() {
        SplittableRandom rng = new SplittableRandom(123);
        for (int s = 0; s < NUM_SOURCES; s++) {
            sources.add(randomAddress(rng).address());
            List<Address> list = new ArrayList<>();
            for (int i = 0; i < NUM_ADDRESSES_PER_SOURCE; i++) {
                list.add(randomAddress(rng));
            }
            addresses.add(list);
        }
        filled = newAddrMan(new InMemoryAddressBookStore());
        fill(filled);
        stored = new InMemoryAddressBookStore();
        AddrMan big = newAddrMan(stored);
        for (int i = 0; big.size() < STORED_ADDRESSES && i < 1_000_000; i++) {
            big.add(List.of(randomAddress(rng)), randomAddress(rng).address(), Duration.ZERO, NOW);
        }
        big.flush();
        if (big.size() < STORED_ADDRESSES) {
            throw new IllegalStateException("could fill only " + big.size() + " addresses");
        }
    }

    private static AddrMan newAddrMan(InMemoryAddressBookStore store) {
        return AddrMan.load(store, new SplittableRandom(7), InstantSource.fixed(NOW));
    }

    private void fill(AddrMan addrMan) {
        for (int s = 0; s < NUM_SOURCES; s++) {
            addrMan.add(addresses.get(s), sources.get(s), Duration.ZERO, NOW);
        }
    }

    /** Core: AddrManAdd — a fresh book, 64 × 256 addresses added (time per whole fill). */
    @Benchmark
    public AddrMan addrManAdd() {
        AddrMan addrMan = newAddrMan(new InMemoryAddressBookStore());
        fill(addrMan);
        return addrMan;
    }

    /** Core: AddrManSelect — one Select from the filled book. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object addrManSelect() {
        return filled.select(false, NOW);
    }

    /** Core: AddrManGetAddr — a getaddr reply, at most 2,500 and 23 %. */
    @Benchmark
    public List<Address> addrManGetAddr() {
        return filled.getAddr(2500, 23, Optional.empty(), true, NOW);
    }

    /** Core: AddrManAddThenGood — fill a fresh book, then Good on every address (time per whole run). */
    @Benchmark
    public AddrMan addrManAddThenGood() {
        AddrMan addrMan = newAddrMan(new InMemoryAddressBookStore());
        fill(addrMan);
        for (List<Address> list : addresses) {
            for (Address a : list) {
                addrMan.markGood(a.address(), a.port(), NOW);
            }
        }
        return addrMan;
    }

    /** Start-up: rebuild a book of 60,000 stored addresses (tables, checks) from its snapshot. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public AddrMan loadSixtyThousand() {
        return newAddrMan(stored);
    }
}
