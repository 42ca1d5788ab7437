package org.btcnode.bench.p2p;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Collections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.btcnode.core.message.ProtocolVersion;

/**
 * JSON-RPC requests per second against the daemon's RPC server on 127.0.0.1 (docs/benchmarks.md,
 * "RPC (scripted)"): a set is {@code total} requests of one method, bounded in time, over
 * {@code threads} client threads, each with its own keep-alive {@link RpcConnection} opened before
 * the clock starts. Every reply is checked (HTTP 200, a JSON-RPC 2.0 reply with our id, no error,
 * a result of the right shape, for getpeerinfo an array of exactly the expected peers, each with
 * our protocol version and user agent) with Jackson's streaming parser; the check is timed apart
 * from the round trip. Authenticates with the cookie file, as bitcoin-cli does.
 */
final class RpcLoad {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final JsonFactory JSON = new JsonFactory();

    /** Why a reply is not the answer the method must give. */
    static final class BadReplyException extends IOException {
        BadReplyException(String message) {
            super(message);
        }
    }

    /** Checks the value of "result"; the parser stands on its first token. */
    @FunctionalInterface
    interface ResultCheck {
        void check(JsonParser result) throws IOException;
    }

    /** Figures of one set. */
    record SetResult(String method, int threads, int requests, long elapsedNanos, long[] sortedLatencyNanos,
                     long verifyNanos, int bodyBytes, int headerBytes, int connections, int failures,
                     String firstFailure) {
        double perSecond() {
            return requests / (elapsedNanos / 1e9);
        }
    }

    private final int port;
    private final String cookie;

    private RpcLoad(int port, String cookie) {
        this.port = port;
        this.cookie = cookie;
    }

    /**
     * Waits (at most {@code limit}) for the cookie file and for the server to answer a call with
     * HTTP 200 (the RPC warm-up is over); fails with what it last saw.
     */
    static RpcLoad await(int port, Path cookieFile, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "no cookie file " + cookieFile;
        while (System.nanoTime() < deadline) {
            try {
                RpcLoad load = new RpcLoad(port, Files.readString(cookieFile, StandardCharsets.US_ASCII));
                try (RpcConnection c = load.connection()) {
                    RpcConnection.Reply r = c.post(request("getconnectioncount", 0));
                    if (r.status() == 200) {
                        return load;
                    }
                    last = "HTTP " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8).strip();
                }
            } catch (NoSuchFileException e) {
                last = "no cookie file " + cookieFile;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException("RPC server on 127.0.0.1:" + port + " not ready after " + limit + ": " + last);
    }

    RpcConnection connection() {
        return new RpcConnection(port, cookie, TIMEOUT);
    }

    /** A JSON-RPC 2.0 request without parameters, as bitcoin-cli sends it. */
    static String request(String method, int id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[]}";
    }

    /** One call on {@code c}, checked; returns the reply. */
    static RpcConnection.Reply call(RpcConnection c, String method, int id, ResultCheck check) throws IOException {
        RpcConnection.Reply r = c.post(request(method, id));
        verify(r, id, check);
        return r;
    }

    /** getconnectioncount's answer. */
    int connectionCount() throws IOException {
        int[] count = new int[1];
        try (RpcConnection c = connection()) {
            call(c, "getconnectioncount", 1, p -> count[0] = nonNegativeInt(p));
        }
        return count[0];
    }

    /** getblockcount, getconnectioncount, uptime: a non-negative integer. */
    static final ResultCheck NON_NEGATIVE_INT = RpcLoad::nonNegativeInt;

    private static int nonNegativeInt(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0) {
            throw new BadReplyException("result is not a non-negative integer: " + p.currentToken());
        }
        return p.getIntValue();
    }

    /**
     * getpeerinfo with {@code peers} of our load peers, all past the version handshake: an array of
     * exactly {@code peers} objects, each with {@code version} 70016 and {@code subver} our user agent
     * (the daemon fills both from our version message) and a {@code verack} key in
     * {@code bytesrecv_per_msg} (the daemon has read our verack, so the peer is READY).
     */
    static ResultCheck peerArray(int peers) {
        return p -> {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadReplyException("getpeerinfo result is not an array: " + p.currentToken());
            }
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                int version = 0;
                String subver = null;
                boolean verack = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    switch (field) {
                        case "version" -> version = p.getIntValue();
                        case "subver" -> subver = p.getText();
                        case "bytesrecv_per_msg" -> verack = hasField(p, "verack");
                        default -> p.skipChildren();
                    }
                }
                if (version != ProtocolVersion.PROTOCOL_VERSION.value() || !LoadPeer.USER_AGENT.equals(subver)
                        || !verack) {
                    throw new BadReplyException("getpeerinfo entry " + n + " has version " + version + ", subver "
                            + subver + (verack ? "" : ", no verack received"));
                }
                n++;
            }
            if (t != JsonToken.END_ARRAY) {
                throw new BadReplyException("getpeerinfo entry " + n + " is not an object: " + t);
            }
            if (n != peers) {
                throw new BadReplyException("getpeerinfo listed " + n + " peers, expected " + peers);
            }
        };
    }

    /** Whether the object the parser stands on has {@code name}; leaves the parser on its end. */
    private static boolean hasField(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadReplyException("expected an object, got " + p.currentToken());
        }
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            found |= name.equals(p.currentName());
            p.nextToken();
            p.skipChildren();
        }
        return found;
    }

    /**
     * Waits (at most {@code limit}) until getconnectioncount says {@code peers} and getpeerinfo lists
     * them all past the handshake ({@link #peerArray}); fails with the last reason.
     */
    void awaitReady(int peers, Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        String last = "";
        try (RpcConnection c = connection()) {
            while (System.nanoTime() < deadline) {
                try {
                    int count = connectionCount();
                    if (count != peers) {
                        last = "getconnectioncount " + count + ", expected " + peers;
                    } else {
                        call(c, "getpeerinfo", 2, peerArray(peers));
                        return;
                    }
                } catch (BadReplyException e) {
                    last = e.getMessage();
                }
                Thread.sleep(100);
            }
        }
        throw new IOException("peers not ready after " + limit + ": " + last);
    }

    /** HTTP 200 and a JSON-RPC 2.0 success reply to request {@code id} whose result passes {@code check}. */
    static void verify(RpcConnection.Reply r, int id, ResultCheck check) throws IOException {
        if (r.status() != 200) {
            throw new BadReplyException("HTTP " + r.status() + ": " + new String(r.body(), 0,
                    Math.min(200, r.body().length), StandardCharsets.UTF_8).strip());
        }
        boolean result = false;
        boolean idSeen = false;
        try (JsonParser p = JSON.createParser(r.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadReplyException("reply is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "result" -> {
                        check.check(p);
                        result = true;
                    }
                    case "id" -> {
                        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getIntValue() != id) {
                            throw new BadReplyException("reply id " + p.getText() + ", expected " + id);
                        }
                        idSeen = true;
                    }
                    case "error" -> {
                        if (p.currentToken() != JsonToken.VALUE_NULL) {
                            throw new BadReplyException("reply has an error");
                        }
                    }
                    case "jsonrpc" -> {
                        if (!"2.0".equals(p.getText())) {
                            throw new BadReplyException("reply jsonrpc " + p.getText());
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                throw new BadReplyException("bytes after the reply object");
            }
        }
        if (!result || !idSeen) {
            throw new BadReplyException("reply without " + (result ? "id" : "result"));
        }
    }

    /**
     * Up to {@code total} requests of {@code method} over {@code threads} threads, stopping at
     * {@code limit}. Latency is one round trip (write the request, read the whole reply); the
     * check runs after it, on the same thread, and the rate counts it (it is part of the wall time).
     */
    SetResult run(String method, ResultCheck check, int threads, int total, Duration limit)
            throws InterruptedException, ExecutionException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<String> failureText = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] startAndDeadline = new long[2];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Worker>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                Worker w = new Worker(total);
                try (RpcConnection c = connection()) {
                    try {
                        c.open();
                    } finally {
                        connected.countDown();
                    }
                    go.await();
                    long deadline = startAndDeadline[1];
                    int id;
                    while ((id = next.getAndIncrement()) < total && System.nanoTime() < deadline) {
                        try {
                            long t0 = System.nanoTime();
                            RpcConnection.Reply r = c.post(request(method, id));
                            long t1 = System.nanoTime();
                            verify(r, id, check);
                            w.verifyNanos += System.nanoTime() - t1;
                            w.latencies[w.n++] = t1 - t0;
                            w.bodyBytes = r.body().length;
                            w.headerBytes = r.headerBytes();
                        } catch (IOException e) {
                            failures.incrementAndGet();
                            failureText.add(e.toString());
                        }
                    }
                    w.connections = c.connects();
                }
                return w;
            }));
        }
        connected.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        startAndDeadline[1] = start + limit.toNanos();
        go.countDown();                        // the latch publishes the deadline to the workers
        List<Worker> workers = new ArrayList<>();
        for (Future<Worker> f : futures) {
            workers.add(f.get());
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        long[] all = workers.stream().flatMapToLong(w -> Arrays.stream(w.latencies, 0, w.n)).sorted().toArray();
        Worker any = workers.stream().filter(w -> w.n > 0).findFirst().orElse(new Worker(0));
        return new SetResult(method, threads, all.length, elapsed, all,
                workers.stream().mapToLong(w -> w.verifyNanos).sum(), any.bodyBytes, any.headerBytes,
                workers.stream().mapToInt(w -> w.connections).sum(), failures.get(),
                failureText.isEmpty() ? "" : failureText.get(0));
    }

    /** One client thread's figures. */
    private static final class Worker {
        final long[] latencies;
        int n;
        long verifyNanos;
        int bodyBytes;
        int headerBytes;
        int connections;

        Worker(int capacity) {
            latencies = new long[capacity];
        }
    }

    /** Prints one line of figures for a set. */
    static void print(String label, SetResult r) {
        long[] l = r.sortedLatencyNanos();
        System.out.printf(Locale.ROOT, "%s %s, %d thread(s): %d requests in %.3f s = %.1f/s; latency p50 %.3f ms, "
                        + "p99 %.3f ms, max %.3f ms; reply %d B body + %d B headers; client check %.3f ms/reply; "
                        + "%d connection(s); %d failed%s%n", label, r.method(), r.threads(), r.requests(),
                r.elapsedNanos() / 1e9, r.perSecond(), PeerLoad.percentile(l, 50) / 1e6,
                PeerLoad.percentile(l, 99) / 1e6, PeerLoad.percentile(l, 100) / 1e6, r.bodyBytes(), r.headerBytes(),
                r.requests() == 0 ? 0 : r.verifyNanos() / 1e6 / r.requests(), r.connections(), r.failures(),
                r.firstFailure().isEmpty() ? "" : " (first: " + r.firstFailure() + ")");
    }
}
