package org.btcnode.bench.p2p;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for scripts/bench-p2p: drives a regtest daemon on 127.0.0.1 through the P2P
 * benchmarks and prints one line per figure. Modes (run in this order, each bounded in count and
 * time): {@code handshakes} (sequential and parallel connect, version, verack, close cycles),
 * {@code ping} (round trips over one handshaken connection), {@code idle} (hold N handshaken
 * connections, the daemon's VmRSS before and after), {@code accept} (open many connections at once,
 * count handshakes and refusals). With {@code --metrics=<port>} (the daemon's {@code -metricsbind}
 * port) the idle mode also times scrapes of the metrics endpoint before and while it holds the
 * connections. {@code rpc} (not in the default list) holds {@code --idle} handshaken connections
 * and measures JSON-RPC requests per second ({@link RpcLoad}) against {@code --rpcport}, with the
 * cookie file {@code --cookie}. Usage:
 * {@code PeerLoad --port=18444 --pid=1234 [--modes=handshakes,ping,idle,accept] [--idle=125]
 * [--accept=1000] [--metrics=19443] [--rpcport=18443 --cookie=<datadir>/regtest/.cookie
 * --rpc-methods=getpeerinfo,getblockcount --rpc-threads=1,4,16 --rpc-requests=N --rpc-seconds=20]}.
 */
public final class PeerLoad {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final long pid;
    /** The metrics endpoint, when the daemon serves one. */
    private final MetricsScrape metrics;

    private PeerLoad(int port, long pid, MetricsScrape metrics) {
        this.port = port;
        this.pid = pid;
        this.metrics = metrics;
    }

    /** {@code --name=value} arguments as a map. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (String a : args) {
            if (!a.startsWith("--") || !a.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            opts.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        return opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        MetricsScrape metrics = opts.containsKey("metrics") ? new MetricsScrape(Integer.parseInt(opts.get("metrics"))) : null;
        PeerLoad load = new PeerLoad(Integer.parseInt(required(opts, "port")), Long.parseLong(required(opts, "pid")),
                metrics);
        List<String> modes = Arrays.asList(opts.getOrDefault("modes", "handshakes,ping,idle,accept").split(","));
        System.out.println("client: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        load.memory("daemon at start");
        if (modes.contains("handshakes")) {
            load.handshakes();
        }
        if (modes.contains("ping")) {
            load.pings();
        }
        if (modes.contains("idle")) {
            load.idle(Integer.parseInt(opts.getOrDefault("idle", "125")));
        }
        if (modes.contains("accept")) {
            load.accept(Integer.parseInt(opts.getOrDefault("accept", "1000")));
        }
        if (modes.contains("rpc")) {
            load.rpc(Integer.parseInt(opts.getOrDefault("idle", "125")), RpcSettings.of(opts));
        }
    }

    private static String required(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name + "=");
        }
        return v;
    }

    // ---------------------------------------------------------------- (a) handshakes

    private void handshakes() throws Exception {
        cycles("handshakes warm-up (not counted)", 1, 300, Duration.ofSeconds(30));
        cycles("handshakes sequential", 1, 3000, Duration.ofSeconds(30));
        cycles("handshakes parallel", 4, 3000, Duration.ofSeconds(30));
        cycles("handshakes parallel", 16, 3000, Duration.ofSeconds(30));
    }

    /** {@code total} connect, handshake, close cycles over {@code threads} threads, stopping at {@code limit}. */
    private void cycles(String label, int threads, int total, Duration limit) throws Exception {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<long[]> perThread = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<long[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                long[] latencies = new long[total];
                int n = 0;
                while (next.getAndIncrement() < total && System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    try (LoadPeer peer = LoadPeer.connect(port, READ_TIMEOUT)) {
                        peer.handshake();
                        latencies[n++] = System.nanoTime() - t0;
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        for (Future<long[]> f : futures) {
            perThread.add(f.get());
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        long elapsed = System.nanoTime() - start;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s, %d thread(s): %d handshakes in %.3f s = %.1f/s; latency p50 %.2f ms, "
                + "p99 %.2f ms, max %.2f ms; %d failed%n", label, threads, all.length, elapsed / 1e9,
                all.length / (elapsed / 1e9), percentile(all, 50) / 1e6, percentile(all, 99) / 1e6,
                percentile(all, 100) / 1e6, failures.get());
    }

    // ---------------------------------------------------------------- (b) ping

    private void pings() throws IOException {
        try (LoadPeer peer = LoadPeer.connect(port, READ_TIMEOUT)) {
            peer.handshake();
            peer.drain(Duration.ofMillis(200));      // sendcmpct, getheaders, feefilter, the daemon's ping
            pingRun(peer, "ping warm-up (not counted)", 2_000, Duration.ofSeconds(20));
            pingRun(peer, "ping round trips", 100_000, Duration.ofSeconds(30));
        }
    }

    private static void pingRun(LoadPeer peer, String label, int count, Duration limit) throws IOException {
        long[] latencies = new long[count];
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        int n = 0;
        while (n < count && System.nanoTime() < deadline) {
            long t0 = System.nanoTime();
            peer.pingRoundTrip(0x5eed0000L + n);
            latencies[n++] = System.nanoTime() - t0;
        }
        long elapsed = System.nanoTime() - start;
        long[] done = Arrays.copyOf(latencies, n);
        Arrays.sort(done);
        System.out.printf(Locale.ROOT, "%s, 1 connection: %d in %.3f s = %.0f/s; latency p50 %.1f us, p99 %.1f us, "
                + "max %.1f us%n", label, n, elapsed / 1e9, n / (elapsed / 1e9), percentile(done, 50) / 1e3,
                percentile(done, 99) / 1e3, percentile(done, 100) / 1e3);
    }

    // ---------------------------------------------------------------- (c) idle connections

    private void idle(int count) throws IOException, InterruptedException {
        memory("daemon before " + count + " idle connections");
        if (metrics != null) {
            metrics.run("no peers", 200, 1_000);
        }
        long start = System.nanoTime();
        List<LoadPeer> peers = openHandshaken(count);
        try {
            System.out.printf(Locale.ROOT, "idle: %d connections handshaken in %.3f s%n", count,
                    (System.nanoTime() - start) / 1e9);
            memory("daemon with " + count + " idle connections, just handshaken");
            if (metrics != null) {
                metrics.run(count + " peers", 200, 1_000);
            }
            int open = settle(peers, Duration.ofSeconds(10));
            System.out.printf(Locale.ROOT, "idle: %d of %d still open after 10 s%n", open, count);
            memory("daemon with " + count + " idle connections, after 10 s");
        } finally {
            closeAll(peers);
        }
        Thread.sleep(3_000);                          // let the daemon notice the closes
        memory("daemon 3 s after closing them");
    }

    /** {@code count} connections opened one after the other, each handshaken; all closed if one fails. */
    private List<LoadPeer> openHandshaken(int count) throws IOException {
        List<LoadPeer> peers = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                LoadPeer p = LoadPeer.connect(port, READ_TIMEOUT);
                peers.add(p);
                p.handshake();
            }
            return peers;
        } catch (IOException | RuntimeException e) {
            closeAll(peers);
            throw e;
        }
    }

    /** Reads from every peer (answering the daemon's pings) for {@code time}; how many are still open. */
    private static int settle(List<LoadPeer> peers, Duration time) throws IOException {
        long end = System.nanoTime() + time.toNanos();
        int open;
        do {
            open = 0;
            for (LoadPeer p : peers) {
                open += p.drain(Duration.ofMillis(5)) ? 1 : 0;
            }
        } while (System.nanoTime() < end);
        return open;
    }

    private static void closeAll(List<LoadPeer> peers) throws IOException {
        for (LoadPeer p : peers) {
            p.close();
        }
    }

    // ---------------------------------------------------------------- (e) RPC with idle peers

    /**
     * What the rpc mode runs: which methods, over how many client threads, how many requests per
     * set (by default 10,000 getpeerinfo and 100,000 of a method with a small reply, which is ~50
     * times faster; {@code --rpc-requests} sets one count for all) and the time limit per set.
     */
    record RpcSettings(int rpcPort, Path cookieFile, List<String> methods, List<Integer> threads,
                       Optional<Integer> requests, Duration limit) {
        static RpcSettings of(Map<String, String> opts) {
            List<Integer> threads = Arrays.stream(opts.getOrDefault("rpc-threads", "1,4,16").split(","))
                    .map(Integer::parseInt).toList();
            return new RpcSettings(Integer.parseInt(required(opts, "rpcport")), Path.of(required(opts, "cookie")),
                    Arrays.asList(opts.getOrDefault("rpc-methods", "getpeerinfo,getblockcount").split(",")), threads,
                    Optional.ofNullable(opts.get("rpc-requests")).map(Integer::parseInt),
                    Duration.ofSeconds(Long.parseLong(opts.getOrDefault("rpc-seconds", "20"))));
        }

        int requests(String method) {
            return requests.orElse(method.equals("getpeerinfo") ? 10_000 : 100_000);
        }
    }

    /**
     * {@code count} handshaken idle inbound peers (as the idle mode opens them, checked READY through
     * getconnectioncount and getpeerinfo), then for each method a sequential warm-up and one set per
     * client-thread count; fails if any reply was wrong.
     */
    private void rpc(int count, RpcSettings s) throws Exception {
        RpcLoad rpc = RpcLoad.await(s.rpcPort(), s.cookieFile(), Duration.ofSeconds(30));
        List<RpcLoad.ResultCheck> checks = new ArrayList<>();
        for (String method : s.methods()) {
            checks.add(switch (method) {
                case "getpeerinfo" -> RpcLoad.peerArray(count);
                case "getconnectioncount" -> p -> {
                    if (!p.currentToken().isNumeric() || p.getIntValue() != count) {
                        throw new RpcLoad.BadReplyException("getconnectioncount " + p.getText() + ", expected " + count);
                    }
                };
                case "getblockcount", "uptime" -> RpcLoad.NON_NEGATIVE_INT;
                default -> throw new IllegalArgumentException("--rpc-methods: no check for " + method
                        + "; use getpeerinfo, getblockcount, getconnectioncount or uptime");
            });
        }
        long start = System.nanoTime();
        List<LoadPeer> peers = openHandshaken(count);
        int failures = 0;
        try {
            int open = settle(peers, Duration.ofSeconds(2));
            rpc.awaitReady(count, Duration.ofSeconds(10));
            System.out.printf(Locale.ROOT, "rpc: %d peers handshaken, %d open, getconnectioncount %d and getpeerinfo "
                    + "%d entries past the handshake after %.3f s%n", count, open, rpc.connectionCount(), count,
                    (System.nanoTime() - start) / 1e9);
            memory("daemon with " + count + " idle connections, before the RPC load");
            for (int i = 0; i < s.methods().size(); i++) {
                String method = s.methods().get(i);
                RpcLoad.ResultCheck check = checks.get(i);
                int requests = s.requests(method);
                RpcLoad.SetResult warm = rpc.run(method, check, 1, Math.max(1, requests / 10), Duration.ofSeconds(10));
                RpcLoad.print("rpc warm-up (not counted)", warm);
                failures += warm.failures();
                for (int threads : s.threads()) {
                    RpcLoad.SetResult r = rpc.run(method, check, threads, requests, s.limit());
                    RpcLoad.print("rpc", r);
                    failures += r.failures();
                }
                open = settle(peers, Duration.ofMillis(500));
                System.out.printf(Locale.ROOT, "rpc: after %s, %d of %d peers open, getconnectioncount %d%n", method,
                        open, count, rpc.connectionCount());
            }
            memory("daemon with " + count + " idle connections, after the RPC load");
        } finally {
            closeAll(peers);
        }
        if (failures > 0) {
            throw new IllegalStateException(failures + " RPC replies failed their check; see the lines above");
        }
    }

    // ---------------------------------------------------------------- (d) accept storm

    private void accept(int count) throws IOException {
        memory("daemon before " + count + " simultaneous connections");
        AcceptStorm.Result r = new AcceptStorm(port).run(count, Duration.ofSeconds(60), Duration.ofSeconds(3));
        System.out.printf(Locale.ROOT, "accept: %d connections opened; all TCP-connected after %s, all decided "
                + "(handshake or closed) after %s%n", r.connections(), seconds(r.allConnectedNanos()),
                seconds(r.allDecidedNanos()));
        StringBuilder line = new StringBuilder("accept outcomes (after a 3 s settle):");
        for (AcceptStorm.Outcome o : AcceptStorm.Outcome.values()) {
            line.append(' ').append(o.name().toLowerCase(Locale.ROOT)).append('=').append(r.count(o));
        }
        System.out.println(line);
        r.errors().forEach(e -> System.out.println("accept error: " + e));
        memory("daemon after " + count + " simultaneous connections (closed by us)");
    }

    private static String seconds(long nanos) {
        return nanos < 0 ? "(not within the time limit)" : String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
    }

    // ---------------------------------------------------------------- helpers

    /** Prints VmRSS, VmHWM and Threads from /proc/<pid>/status. */
    private void memory(String label) throws IOException {
        Map<String, String> status = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                status.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        System.out.printf(Locale.ROOT, "memory, %s: VmRSS %s, VmHWM %s, Threads %s%n", label,
                mib(status.get("VmRSS")), mib(status.get("VmHWM")), status.get("Threads"));
    }

    private static String mib(String kb) {
        if (kb == null) {
            return "?";
        }
        return String.format(Locale.ROOT, "%.1f MiB", Long.parseLong(kb.replace("kB", "").trim()) / 1024.0);
    }

    static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
