package org.btcnode.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.btcnode.core.message.Inv;
import org.btcnode.core.message.Inventory;
import org.btcnode.core.message.InventoryType;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.types.Hash256;
import org.btcnode.net.health.HealthCondition;
import org.btcnode.net.health.HealthReport;
import org.btcnode.net.health.MessageBudget;
import org.btcnode.net.health.NetworkHealth;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.testing.CapturedLogs;
import org.btcnode.net.testing.LoopbackNode;
import org.btcnode.net.testing.Poll;
import org.btcnode.net.testing.RawV1Peer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer flooding a whole running node ({@link P2PNetwork}, 127.0.0.1) with 10,000 {@code inv}
 * messages in one second, twice (a cold and a warm run), while a second peer pings: each flooder
 * is throttled, then disconnected (not discouraged: it is local), the health monitor names the
 * flood, and every ping of the second peer is answered. The round-trip times before, during and
 * after the floods are printed (the figures in docs/benchmarks.md), never asserted.
 */
class MessageFloodIT {
    private static final int FLOOD_MESSAGES = 10_000;
    private static final int BATCH = 1_000;
    private static final Duration BATCH_INTERVAL = Duration.ofMillis(100);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private RawV1Peer connect(P2PNetwork node) throws IOException {
        RawV1Peer peer = RawV1Peer.connect(LoopbackNode.PARAMS, LoopbackNode.address(node));
        resources.add(peer);
        return peer;
    }

    /** 1,000 frames of one-entry block invs, each hash different, back to back. */
    private static byte[] invBatch(RawV1Peer peer, int first) {
        byte[][] frames = new byte[BATCH][];
        int size = 0;
        for (int i = 0; i < BATCH; i++) {
            byte[] hash = new byte[32];
            int n = first + i;
            hash[0] = (byte) n;
            hash[1] = (byte) (n >> 8);
            hash[2] = (byte) (n >> 16);
            frames[i] = peer.frame(new Inv(List.of(new Inventory(InventoryType.MSG_BLOCK, Hash256.wrap(hash)))));
            size += frames[i].length;
        }
        byte[] batch = new byte[size];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, batch, at, f.length);
            at += f.length;
        }
        return batch;
    }

    private static long pingMicros(RawV1Peer peer, long nonce) throws IOException {
        long start = System.nanoTime();
        assertThat(peer.pingPong(nonce).nonce()).isEqualTo(nonce);
        return (System.nanoTime() - start) / 1_000;
    }

    private static String summary(List<Long> micros) {
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("median %.3f ms, max %.3f ms over %d pings", sorted[sorted.length / 2] / 1000.0,
                sorted[sorted.length - 1] / 1000.0, sorted.length);
    }

    /** One flood: who flooded, how much got written, the quiet peer's round trips meanwhile. */
    private record Flood(PeerId flooder, long written, List<Long> roundTrips) {}

    /**
     * A new peer floods 10,000 invs, 1,000 every 100 ms, while the quiet peer pings back to back;
     * returns once the flooder is closed and at least ten pings were answered.
     */
    private Flood flood(P2PNetwork node, RawV1Peer quiet, long firstNonce) throws Exception {
        RawV1Peer flooder = connect(node);
        flooder.handshake(firstNonce);
        Poll.await(() -> LoopbackNode.ready(node) == 2, "the flooder completes the handshake");
        PeerId id = node.query(m -> m.peers().stream().map(p -> p.id()).max(PeerId::compareTo).orElseThrow());
        List<byte[]> batches = new ArrayList<>();
        for (int b = 0; b < FLOOD_MESSAGES / BATCH; b++) {
            batches.add(invBatch(flooder, b * BATCH));
        }
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            long start = System.nanoTime();
            try {
                OutputStream out = flooder.socket().getOutputStream();
                for (int b = 0; b < batches.size(); b++) {
                    long due = start + b * BATCH_INTERVAL.toNanos();
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);       // pacing the load: 1,000 every 100 ms
                    }
                    out.write(batches.get(b));
                    written.addAndGet(BATCH);
                }
            } catch (IOException closedByNode) {
                // the node dropped the flooder: the rest is not sent
            }
        }, "inv-flooder");
        writer.start();
        List<Long> roundTrips = new ArrayList<>();
        long nonce = firstNonce + 1;
        while (writer.isAlive() || roundTrips.size() < 10) {
            roundTrips.add(pingMicros(quiet, nonce++));     // back to back: pings have no budget
        }
        writer.join(Poll.DEFAULT.toMillis());
        assertThat(writer.isAlive()).isFalse();
        assertThat(flooder.closedByNode()).isTrue();
        Poll.await(() -> LoopbackNode.peerCount(node) == 1, "the flooder leaves the table, the quiet peer stays");
        return new Flood(id, written.get(), roundTrips);
    }

    @Test
    void tenThousandInvASecondIsThrottledAndDroppedWhileAnotherPeersPingsAreAnswered() throws Exception {
        P2PNetwork node = LoopbackNode.start();
        resources.add(node);
        RawV1Peer quiet = connect(node);
        quiet.handshake(0x51L);
        Poll.await(() -> LoopbackNode.ready(node) == 1, "the quiet peer completes the handshake");
        List<Long> before = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            before.add(pingMicros(quiet, i + 1));
        }

        // the first flood also runs the node's code paths cold (JIT); the second one is the steady state
        List<Flood> floods = List.of(flood(node, quiet, 1_000), flood(node, quiet, 100_000));
        List<Long> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            after.add(pingMicros(quiet, 200_000 + i));
        }

        for (Flood f : floods) {
            String suffix = "peer=" + f.flooder();
            List<String> lines = CapturedLogs.lines("btc.net").stream().map(CapturedLogs.Line::text)
                    .filter(l -> l.endsWith(suffix)).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("throttling inv: over its budget of 10/s (burst 100)"));
            assertThat(lines).contains("Warning: disconnecting but not discouraging local peer, " + suffix);
        }
        boolean discouraged = node.query(m -> m.banMan().isDiscouraged(NetAddress.ipv4(127, 0, 0, 1)));
        assertThat(discouraged).as("a local peer is never discouraged").isFalse();

        HealthReport report = node.query(m -> m.health().evaluate());
        assertThat(report.figures().floodDisconnects()).isEqualTo(2);
        assertThat(report.figures().throttledMessages())
                .isGreaterThanOrEqualTo(2L * MessageBudget.FLOOD_DISCONNECT_DROPS);
        // the warning names the worst type: the invs, or this test's own back-to-back pings (thousands a
        // minute from one peer are a flood too); the inv figures show the flood either way
        assertThat(report.active(HealthCondition.MESSAGE_FLOOD)).isTrue();
        assertThat(report.networkWarnings()).anyMatch(w -> w.startsWith("message flood: inv at ")
                || w.startsWith("message flood: ping at "));
        HealthReport.MessageRate inv = report.figures().messageRates().get("inv");
        int oneFlooder = MessageBudget.limit(MessageType.INV).messageBurst() + MessageBudget.FLOOD_DISCONNECT_DROPS;
        assertThat(inv.largestPeerPerMinute()).as("one flooder's invs, per minute").isGreaterThanOrEqualTo(oneFlooder);
        assertThat(inv.perMinute()).isGreaterThan(NetworkHealth.FLOOD_FACTOR * inv.baselinePerMinute());

        for (int i = 0; i < floods.size(); i++) {
            System.out.printf("inv flood %d: %,d of %,d inv written before the node closed the flooder%n", i + 1,
                    floods.get(i).written(), FLOOD_MESSAGES);
        }
        System.out.printf("%,d messages dropped over budget in all%n", report.figures().throttledMessages());
        System.out.printf("quiet peer round trip before the floods: %s%n", summary(before));
        System.out.printf("quiet peer round trip during flood 1 (cold): %s%n", summary(floods.get(0).roundTrips()));
        System.out.printf("quiet peer round trip during flood 2 (warm): %s%n", summary(floods.get(1).roundTrips()));
        System.out.printf("quiet peer round trip after the floods: %s%n", summary(after));
    }
}
