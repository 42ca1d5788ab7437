package org.btcnode.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.btcnode.bench.LoopbackNodes.StoreKind;
import org.btcnode.core.chain.BlockAssembler;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.core.store.BlockStore;
import org.btcnode.core.store.HeaderStore;
import org.btcnode.core.store.MemoryBlockStore;
import org.btcnode.core.store.MemoryHeaderStore;
import org.btcnode.core.testing.RegtestBlocks;
import org.btcnode.core.types.Amount;
import org.btcnode.core.types.Block;
import org.btcnode.core.types.Bytes;
import org.btcnode.core.types.Hash256;
import org.btcnode.core.types.OutPoint;
import org.btcnode.core.types.Transaction;
import org.btcnode.core.types.TxIn;
import org.btcnode.core.types.TxOut;
import org.btcnode.net.P2PNetwork;
import org.btcnode.net.connman.ConnectionOptions;
import org.btcnode.net.peer.PeerInfo;
import org.btcnode.net.peer.TransportProtocol;
import org.btcnode.net.transport.TransportOptions;

/**
 * Block download over loopback, scripted: node A holds a mined regtest chain (in memory) and a
 * fresh node B, started with {@code -connect} to it in the same JVM, syncs the headers and
 * downloads, checks ({@code CheckBlock}) and stores every block. The figure is the wall time from
 * B's start (handshake included) until B's active tip is A's tip, and from it blocks/s and MB/s.
 * Each run starts a new A on A's stores and a new B on fresh stores, in memory or in RocksDB (a
 * new chain database with flat block files, as the daemon opens it, deleted after the run), over
 * v1 or BIP 324 v2 ({@code -v2transport} on both nodes; the program checks which one B used).
 *
 * <p>Chains ({@code --chain}): {@code coinbase} is N coinbase-only blocks (the 2,000
 * regtest blocks, as the tests mine them); {@code full} is N blocks of about {@code --block-bytes}
 * each: a coinbase with the BIP 141 witness commitment, then as many one-input two-output
 * P2WPKH-shaped transactions (222 bytes, 561 weight units; random outpoints, signatures, keys
 * and amounts, so nothing compresses) as fit. Nothing checks signatures or outputs yet (that is
 * the validation issue), so these pass {@code CheckBlock}: merkle root, size, weight, coinbase,
 * witness commitment.
 *
 * <p>{@code --maxsendbuffer} is A's {@code -maxsendbuffer} (kilobytes of 1,000 bytes, default
 * Core's 1,000): past it, A disconnects a peer it is sending to (our choice, see
 * {@code Violation.SEND_BUFFER_FULL}) and B dials A again after {@code -connect}'s retry
 * interval; each run prints how many times B reconnected.
 *
 * <p>Per run it also prints the CPU time of A's and B's node-logic thread and Netty event loops
 * (from {@link ThreadMXBean}; each run's nodes have their own threads), the process's CPU time, GC
 * time and the 1-minute load average. Usage: {@code java -cp bench/target/benchmarks.jar
 * org.btcnode.bench.BlockSyncBenchmark [--chain=coinbase|full] [--blocks=N] [--block-bytes=B]
 * [--rounds=3] [--warmup=1] [--stores=memory,rocksdb] [--transports=v1,v2] [--maxsendbuffer=KB]
 * [--dir=DIR] [--timeout=SECONDS]} (B's databases go to a new directory in DIR, default the
 * system's temporary directory, deleted at the end); a bad option, or a run not done within the
 * timeout (default 300 s), ends the program with one line on stderr and exit code 1.
 */
public final class BlockSyncBenchmark {
    private static final NetworkParameters REGTEST = LoopbackNodes.REGTEST;
    private static final String CLIENT_VERSION = "0.1.0";
    /** Netty's thread names: {@code <group class>-<pool id>-<thread number>}; each transport has one pool. */
    private static final Pattern NETTY_THREAD = Pattern.compile(".*EventLoopGroup-(\\d+)-\\d+");

    private BlockSyncBenchmark() {
    }

    /** The command line, parsed. */
    record Options(String chain, int blocks, int blockBytes, int rounds, int warmup, List<StoreKind> stores,
            List<Boolean> v2, Path dir, Duration timeout, TransportOptions serverTransport) {
        private static final List<String> NAMES = List.of("chain", "blocks", "block-bytes", "rounds", "warmup",
                "stores", "transports", "maxsendbuffer", "dir", "timeout");

        static Options parse(String[] args) throws IOException {
            Map<String, String> kv = new HashMap<>();
            for (String a : args) {
                int eq = a.indexOf('=');
                if (!a.startsWith("--") || eq < 0 || !NAMES.contains(a.substring(2, eq))) {
                    throw new IllegalArgumentException("options are --name=value with a name of " + NAMES + ", not " + a);
                }
                kv.put(a.substring(2, eq), a.substring(eq + 1));
            }
            String chain = kv.getOrDefault("chain", "coinbase");
            if (!chain.equals("coinbase") && !chain.equals("full")) {
                throw new IllegalArgumentException("--chain: coinbase or full, not " + chain);
            }
            List<StoreKind> stores = Arrays.stream(kv.getOrDefault("stores", "memory,rocksdb").split(","))
                    .map(StoreKind::parse).toList();
            List<Boolean> v2 = Arrays.stream(kv.getOrDefault("transports", "v1,v2").split(",")).map(t -> switch (t) {
                case "v1" -> false;
                case "v2" -> true;
                default -> throw new IllegalArgumentException("--transports: v1 and/or v2, not " + t);
            }).toList();
            Path dir = kv.containsKey("dir") ? Files.createTempDirectory(Files.createDirectories(Path.of(kv.get("dir"))),
                    "blocksync") : Files.createTempDirectory("blocksync");
            return new Options(chain, Integer.parseInt(kv.getOrDefault("blocks", chain.equals("full") ? "300" : "2000")),
                    Integer.parseInt(kv.getOrDefault("block-bytes", "1000000")),
                    Integer.parseInt(kv.getOrDefault("rounds", "3")), Integer.parseInt(kv.getOrDefault("warmup", "1")),
                    stores, v2, dir, Duration.ofSeconds(Long.parseLong(kv.getOrDefault("timeout", "300"))),
                    TransportOptions.defaults().withMaxSendBufferBytes(1000L * Long.parseLong(kv.getOrDefault(
                            "maxsendbuffer", String.valueOf(TransportOptions.DEFAULT_MAXSENDBUFFER)))));
        }
    }

    /** What one run measured. */
    record Result(double seconds, double headerSeconds, long blockMessageBytes, long reconnects,
            Map<String, Double> cpuSeconds, double processCpuSeconds, double gcSeconds, String load) {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(Options.parse(args));
        } catch (IllegalArgumentException | IllegalStateException e) {   // a bad option, or a run that failed
            System.err.println("Error: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Options o) throws Exception {
        long t = System.nanoTime();
        long now = Instant.now().getEpochSecond();
        MemoryHeaderStore headersA = new MemoryHeaderStore();
        MemoryBlockStore blocksA = new MemoryBlockStore();
        ChainGenerator generator = new ChainGenerator(o, now - 3600 - 60L * o.blocks());
        RegtestBlocks.preload(headersA, blocksA, generator);
        Hash256 tip = generator.last.hash();
        System.out.printf(Locale.ROOT, "java %s, %d vCPUs, %s chain: %d blocks, %.1f MB (%,d transactions, "
                        + "last block %,d bytes, weight %,d), mined in %.1f s; A's -maxsendbuffer %,d bytes; "
                        + "B's RocksDB under %s%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), o.chain(), o.blocks(),
                generator.bytes / 1e6, generator.transactions, generator.last.size(), generator.last.weight(),
                (System.nanoTime() - t) / 1e9, o.serverTransport().maxSendBufferBytes(), o.dir());

        Map<String, List<Result>> results = new TreeMap<>();
        try {
            for (int round = 1 - o.warmup(); round <= o.rounds(); round++) {
                for (boolean v2 : o.v2()) {
                    for (StoreKind store : o.stores()) {
                        String config = (v2 ? "v2 " : "v1 ") + store.label();
                        Path runDir = o.dir().resolve("run");
                        Result r = LoopbackNodes.withFreshStores(store, runDir,
                                (headers, blocks) -> syncOnce(o, v2, headersA, blocksA, tip, headers, blocks));
                        BlockStorageBenchmark.deleteTree(runDir);
                        print(round < 1 ? "warm-up" : "round " + round, config, o.blocks(), generator.bytes, r);
                        if (round >= 1) {
                            results.computeIfAbsent(config, k -> new ArrayList<>()).add(r);
                        }
                    }
                }
            }
        } finally {
            BlockStorageBenchmark.deleteTree(o.dir());
        }
        System.out.println("median (fastest, slowest) of " + o.rounds() + " rounds:");
        results.forEach((config, rs) -> {
            double[] s = rs.stream().mapToDouble(Result::seconds).sorted().toArray();
            double median = s[s.length / 2];
            System.out.printf(Locale.ROOT, "  %-11s %.2f s (%.2f, %.2f) = %,.0f blocks/s, %.1f MB/s; reconnects %d%n",
                    config, median, s[0], s[s.length - 1], o.blocks() / median, generator.bytes / 1e6 / median,
                    rs.stream().mapToLong(Result::reconnects).sum());
        });
    }

    private static void print(String round, String config, int blocks, long bytes, Result r) {
        StringBuilder cpu = new StringBuilder();
        r.cpuSeconds().forEach((k, v) -> cpu.append(String.format(Locale.ROOT, " %s %.2f", k, v)));
        System.out.printf(Locale.ROOT, "%s %-11s %.3f s (headers %.3f s) = %,.0f blocks/s, %.1f MB/s; "
                        + "block messages %.1f MB, reconnects %d; cpu s:%s, process %.2f, gc %.2f; load %s%n",
                round, config, r.seconds(), r.headerSeconds(), blocks / r.seconds(), bytes / 1e6 / r.seconds(),
                r.blockMessageBytes() / 1e6, r.reconnects(), cpu, r.processCpuSeconds(), r.gcSeconds(), r.load());
    }

    /**
     * One sync: a new A on its preloaded stores, listening on 127.0.0.1; a new B on {@code headers}
     * and {@code blocks}, with {@code -connect} to A; both with or without v2. Checks that B ends at
     * A's tip with every block stored, its tip block byte for byte, over the transport asked for.
     */
    private static Result syncOnce(Options o, boolean v2, HeaderStore headersA, BlockStore blocksA, Hash256 tip,
            HeaderStore headers, BlockStore blocks) throws Exception {
        ConnectionOptions d = ConnectionOptions.defaults(CLIENT_VERSION).withV2Transport(v2);
        Set<Long> before = liveThreadIds();
        long gcBefore = gcMillis();
        long cpuBefore = processCpuNanos();
        try (P2PNetwork a = LoopbackNodes.start(d.withConnect(List.of()), o.serverTransport(),
                List.of(LoopbackNodes.LOOPBACK_0), headersA, blocksA)) {
            InetSocketAddress addressA = a.boundAddresses().get(0);
            long start = System.nanoTime();
            try (P2PNetwork b = LoopbackNodes.start(d.withConnect(List.of(addressA)), List.of(), headers, blocks)) {
                LoopbackNodes.await(o.timeout(), () -> b.queryChain(c -> c.bestHeader().hash()).equals(tip),
                        () -> "B's best header " + b.queryChain(c -> c.bestHeader().height()));
                double headerSeconds = (System.nanoTime() - start) / 1e9;
                LoopbackNodes.await(o.timeout(), () -> b.queryChain(c -> c.activeTip().hash()).equals(tip),
                        () -> "B's active tip " + b.queryChain(c -> c.activeTip().height()) + ", "
                                + b.queryChain(c -> c.blocksInFlight()) + " blocks in flight");
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Double> cpu = nodeThreadCpu(before);
                double processCpu = (processCpuNanos() - cpuBefore) / 1e9;
                double gc = (gcMillis() - gcBefore) / 1e3;
                long stored = b.queryChain(c -> c.storedBlocks());
                if (stored != o.blocks() + 1L) {                   // and genesis
                    throw new IllegalStateException("B stored " + stored + " blocks");
                }
                if (!blocks.get(tip).equals(blocksA.get(tip))) {
                    throw new IllegalStateException("B's tip block differs from A's");
                }
                List<PeerInfo> peers = b.query(m -> m.peerInfos());
                TransportProtocol expected = v2 ? TransportProtocol.V2 : TransportProtocol.V1;
                if (peers.size() != 1 || peers.get(0).transport() != expected) {
                    throw new IllegalStateException("B's peers: " + peers.stream().map(PeerInfo::transport).toList());
                }
                long blockMessageBytes = b.netTotals().bytesRecvPerMsgType().getOrDefault("block", 0L);
                // B's peer ids count from 0 and B dials only A: a higher id is a new connection to A
                return new Result(seconds, headerSeconds, blockMessageBytes, peers.get(0).id().value(), cpu,
                        processCpu, gc,
                        LoopbackNodes.loadAverage());
            }
        }
    }

    /**
     * CPU seconds of the threads started since {@code before}: the node-logic threads (A's was
     * started first, so it has the lower id) and the Netty event loops (A's transport made its
     * pool first, so it has the lower pool id), summed per node; anything else as "other".
     */
    private static Map<String, Double> nodeThreadCpu(Set<Long> before) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> logic = new ArrayList<>();
        TreeMap<Integer, Long> ioByPool = new TreeMap<>();
        long other = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null || before.contains(info.getThreadId())) {
                continue;
            }
            long nanos = Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            Matcher m = NETTY_THREAD.matcher(info.getThreadName());
            if (info.getThreadName().equals("btcnode-logic")) {
                logic.add(info.getThreadId());
            } else if (m.matches()) {
                ioByPool.merge(Integer.parseInt(m.group(1)), nanos, Long::sum);
            } else {
                other += nanos;
            }
        }
        logic.sort(null);
        if (logic.size() != 2 || ioByPool.size() != 2) {
            throw new IllegalStateException("expected two nodes' threads, found logic " + logic + ", pools "
                    + ioByPool.keySet());
        }
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("B-logic", threads.getThreadCpuTime(logic.get(1)) / 1e9);
        out.put("B-io", ioByPool.lastEntry().getValue() / 1e9);
        out.put("A-logic", threads.getThreadCpuTime(logic.get(0)) / 1e9);
        out.put("A-io", ioByPool.firstEntry().getValue() / 1e9);
        out.put("other", other / 1e9);
        return out;
    }

    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /**
     * The chain, one block at a time (a full chain is generated as it is stored, never held whole):
     * one block a minute from {@code firstTime}, salt 1, with the totals of what it made.
     */
    static final class ChainGenerator implements Iterable<Block>, Iterator<Block> {
        private static final int P2WPKH_SCRIPT_BYTES = 22;       // OP_0 PUSH20 <key hash>
        private final Options options;
        private final long firstTime;
        private final SplittableRandom random = new SplittableRandom(2000);
        private Hash256 prev = REGTEST.genesisHash();
        private int height;
        Block last;
        long bytes;
        long transactions;

        ChainGenerator(Options options, long firstTime) {
            this.options = options;
            this.firstTime = firstTime;
        }

        @Override
        public Iterator<Block> iterator() {
            return this;
        }

        @Override
        public boolean hasNext() {
            return height < options.blocks();
        }

        @Override
        public Block next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            height++;
            List<Transaction> txs = new ArrayList<>();
            txs.add(RegtestBlocks.coinbase(height, 1));
            if (options.chain().equals("full")) {
                txs = fill(txs);
            }
            last = RegtestBlocks.block(prev, firstTime + 60L * height, txs);
            prev = last.hash();
            bytes += last.size();
            transactions += txs.size();
            return last;
        }

        /** The coinbase, filler up to the block size asked for, and the witness commitment. */
        private List<Transaction> fill(List<Transaction> txs) {
            Transaction filler = filler();
            Block draft = new Block(RegtestBlocks.genesis().header(),
                    BlockAssembler.withWitnessCommitment(List.of(txs.get(0), filler), height, REGTEST.consensus()));
            int fit = (options.blockBytes() - draft.size()) / filler.size() + 1;
            txs.add(filler);
            for (int i = 1; i < fit; i++) {
                txs.add(filler());
            }
            return BlockAssembler.withWitnessCommitment(txs, height, REGTEST.consensus());
        }

        /** A P2WPKH spend to two P2WPKH outputs: 71-byte signature, 33-byte key, random everywhere. */
        private Transaction filler() {
            TxIn in = new TxIn(new OutPoint(Hash256.wrap(randomBytes(32)), random.nextInt(4)), Bytes.EMPTY,
                    0xfffffffdL).withWitness(List.of(Bytes.of(randomBytes(71)), Bytes.of(randomBytes(33))));
            List<TxOut> outs = List.of(output(), output());
            return new Transaction(2, List.of(in), outs, 0);
        }

        private TxOut output() {
            byte[] script = randomBytes(P2WPKH_SCRIPT_BYTES);
            script[0] = 0x00;
            script[1] = 0x14;
            return new TxOut(Amount.ofSats(546 + random.nextInt(100_000_000)), Bytes.of(script));
        }

        private byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            return b;
        }
    }
}
