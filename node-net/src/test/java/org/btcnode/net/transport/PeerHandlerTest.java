package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.btcnode.core.message.Ping;
import org.btcnode.core.message.Pong;
import org.btcnode.core.message.Verack;
import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;
import org.junit.jupiter.api.Test;

class PeerHandlerTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final PeerId PEER = PeerId.of(5);
    // mainnet verack: magic | "verack" + NUL padding | length 0 | checksum = SHA256d("")[0..4]
    private static final byte[] VERACK = HEX.parseHex("f9beb4d9" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
    // ping, nonce bytes 0123456789abcdef (V1FrameCodecTest: checksum from Python's hashlib)
    private static final byte[] PING = HEX.parseHex(
            "f9beb4d9" + "70696e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
    private static final byte[] PONG = HEX.parseHex(
            "f9beb4d9" + "706f6e670000000000000000" + "08000000" + "137ad663" + "0123456789abcdef");
    // the ping with one checksum byte flipped: net.cpp drops it and keeps the connection
    private static final byte[] PING_BAD_CHECKSUM = HEX.parseHex(
            "f9beb4d9" + "70696e670000000000000000" + "08000000" + "137ad664" + "0123456789abcdef");
    // a testnet3 verack on a mainnet connection: wrong magic disconnects
    private static final byte[] TESTNET_VERACK = HEX.parseHex("0b110907" + "76657261636b000000000000" + "00000000" + "5df6e0e2");
    private static final long NONCE = 0xefcdab8967452301L;   // the ping's nonce, read little-endian

    private final ManualNodeLoop loop = new ManualNodeLoop(Instant.parse("2026-01-01T00:00:00Z"));
    private final RecordingEvents events = new RecordingEvents();
    private final TrackingAllocator alloc = new TrackingAllocator();

    /** The transport's pipeline without the idle handler, on an embedded channel with a counting allocator. */
    private EmbeddedChannel channel(TransportOptions options) {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new V1FrameCodec(NetworkParameters.MAIN, PEER), new MessageCodec(PEER),
                new PeerHandler(PEER, ConnectionType.INBOUND, loop, events, options));
        return ch;
    }

    private void write(EmbeddedChannel ch, byte[]... frames) {
        for (byte[] f : frames) {
            ch.writeInbound(alloc.copyOf(f, 0, f.length));
        }
    }

    private List<String> drained() {
        return events.drain().stream().map(e -> e.kind() + " " + e.value()).toList();
    }

    private void assertClean(EmbeddedChannel ch) {
        ch.checkException();   // nothing reached Netty's tail handler
        ch.finishAndReleaseAll();
        assertThat(alloc.unreleased()).as("buffers not released").isZero();
    }

    @Test
    void eventsReachNodeLogicInOrderAndDisconnectOnce() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        write(ch, VERACK, PING, PING_BAD_CHECKSUM, PONG);
        assertThat(events.all()).as("nothing runs before the node loop does").isEmpty();
        loop.runPending();
        write(ch, TESTNET_VERACK);
        assertThat(ch.isOpen()).as("wrong magic closes at once").isFalse();
        ch.close();
        loop.runPending();
        assertThat(events.all()).extracting(e -> e.kind() + " " + e.value() + " " + e.wireBytes()).containsExactly(
                "connected INBOUND 0",
                "message Verack[] 24",
                "message Ping[nonce=" + NONCE + "] 32",
                "violation BAD_CHECKSUM 0",
                "message Pong[nonce=" + NONCE + "] 32",
                "violation BAD_MAGIC 0",
                "disconnected null 0");
        assertClean(ch);
    }

    @Test
    void theConnectionSendsThroughThePipelineAndReportsTheBytes() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        loop.runPending();
        PeerConnection c = events.connection(PEER);
        assertThat(c.id()).isEqualTo(PEER);
        assertThat(c.inbound()).isTrue();
        assertThat(c.transport()).isEqualTo(TransportProtocol.V1);
        c.send(new Pong(NONCE));
        ByteBuf frame = ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(PONG);
        frame.release();
        assertThat(c.pendingSendBytes()).isZero();
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "sent pong");
        c.close();
        c.close();
        c.send(new Verack());   // a no-op once closed
        assertThat((Object) ch.readOutbound()).isNull();
        loop.runPending();
        assertThat(drained()).containsExactly("disconnected null");
        assertThat(events.count("disconnected", PEER)).isEqualTo(1);
        assertClean(ch);
    }

    @Test
    void aMalformedPayloadIsReportedAndTheConnectionKept() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        // a version whose payload is only 4 bytes (checksum of 7f110100 from Python's hashlib)
        byte[] shortVersion = HEX.parseHex("f9beb4d9" + "76657273696f6e0000000000" + "04000000" + "89f57b59"
                + "7f110100");
        write(ch, shortVersion, VERACK);
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "violation MALFORMED_PAYLOAD", "message Verack[]");
        assertThat(ch.isOpen()).isTrue();
        assertClean(ch);
    }

    @Test
    void pausesReadingPastTheReceiveBudgetAndResumesWhenProcessed() {
        // budget 100 bytes: three pings (96) fit, the fourth (128) goes over
        EmbeddedChannel ch = channel(TransportOptions.defaults().withMaxReceiveBufferBytes(100));
        write(ch, PING, PING, PING);
        assertThat(ch.config().isAutoRead()).isTrue();
        write(ch, PING);
        assertThat(ch.config().isAutoRead()).as("over the budget").isFalse();
        // a flood in one read: every frame already buffered is still decoded and counted
        byte[] flood = new byte[PING.length * 200];
        for (int i = 0; i < 200; i++) {
            System.arraycopy(PING, 0, flood, i * PING.length, PING.length);
        }
        write(ch, flood);
        PeerHandler handler = ch.pipeline().get(PeerHandler.class);
        assertThat(handler.unprocessedBytes()).isEqualTo(204L * 32);
        assertThat(ch.config().isAutoRead()).isFalse();

        assertThat(loop.runPending()).isEqualTo(1 + 204);   // connected + every message
        assertThat(handler.unprocessedBytes()).isZero();
        assertThat(ch.config().isAutoRead()).as("resume waits for the event loop").isFalse();
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).as("resumed").isTrue();
        assertThat(events.count("message", PEER)).isEqualTo(204);
        assertClean(ch);
    }

    @Test
    void staysPausedWhileTheBacklogIsStillOverTheBudget() {
        StepLoop steps = new StepLoop();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new V1FrameCodec(NetworkParameters.MAIN, PEER), new MessageCodec(PEER),
                new PeerHandler(PEER, ConnectionType.INBOUND, steps, events,
                        TransportOptions.defaults().withMaxReceiveBufferBytes(100)));
        write(ch, PING, PING, PING, PING, PING, PING);   // 192 bytes
        assertThat(ch.config().isAutoRead()).isFalse();
        // process connected and two messages: 128 bytes remain, still over
        steps.run(3);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isFalse();
        // one more: 96 bytes, back within the budget
        steps.run(1);
        assertThat(ch.config().isAutoRead()).isFalse();
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        assertThat(steps.runPending()).isEqualTo(3);
        ch.runPendingTasks();
        assertThat(ch.config().isAutoRead()).isTrue();
        assertClean(ch);
    }

    @Test
    void anInternalErrorClosesTheChannelAndStopsThere() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        ch.pipeline().fireExceptionCaught(new IllegalStateException("a bug of ours"));
        assertThat(ch.isOpen()).isFalse();
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "disconnected null");
        assertClean(ch);
    }

    @Test
    void aSocketErrorClosesQuietly() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        assertThat(ch.isOpen()).isFalse();
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "disconnected null");
        assertClean(ch);
    }

    @Test
    void aViolationThrownIntoThePipelineIsHandledAsItsEvent() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        ch.pipeline().fireExceptionCaught(new ProtocolViolationException(Violation.MALFORMED_PAYLOAD, "test"));
        assertThat(ch.isOpen()).as("a dropped message keeps the connection").isTrue();
        ch.pipeline().fireExceptionCaught(new ProtocolViolationException(Violation.BAD_MAGIC, "test"));
        assertThat(ch.isOpen()).isFalse();
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "violation MALFORMED_PAYLOAD", "violation BAD_MAGIC",
                "disconnected null");
        assertClean(ch);
    }

    @Test
    void aDiscouragingViolationLeavesTheDisconnectToNodeLogic() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        // inv with 50,001 entries announced (fd51c3): checksum of "fd51c3" from Python's hashlib
        write(ch, HEX.parseHex("f9beb4d9" + "696e76000000000000000000" + "03000000" + "bdf64adf" + "fd51c3"));
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "violation OVERSIZED_COUNT");
        assertThat(ch.isOpen()).isTrue();
        assertClean(ch);
    }

    @Test
    void socketInactivityClosesWithInactivityTimeout() {
        TransportOptions options = TransportOptions.defaults();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        long idle = options.inactivityTimeout().toMillis();
        ch.pipeline().addLast(new IdleStateHandler(idle, idle, 0, TimeUnit.MILLISECONDS),
                new V1FrameCodec(NetworkParameters.MAIN, PEER), new MessageCodec(PEER),
                new PeerHandler(PEER, ConnectionType.OUTBOUND_FULL_RELAY, loop, events, options));
        ch.advanceTimeBy(idle - 1000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).as("not yet").isTrue();
        ch.advanceTimeBy(1000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThat(ch.isOpen()).isFalse();
        loop.runPending();
        assertThat(drained()).containsExactly("connected OUTBOUND_FULL_RELAY", "violation INACTIVITY_TIMEOUT",
                "disconnected null");
        assertClean(ch);
    }

    @Test
    void anyViolationAfterDisconnectIsNotReported() {
        EmbeddedChannel ch = channel(TransportOptions.defaults());
        ch.close();
        ch.pipeline().fireUserEventTriggered(new ProtocolViolationException(Violation.BAD_CHECKSUM, "late"));
        loop.runPending();
        assertThat(drained()).containsExactly("connected INBOUND", "disconnected null");
        assertClean(ch);
    }

    /** A node loop whose queued tasks the test runs one at a time, to leave a backlog. */
    private static final class StepLoop implements NodeLoop {
        private final Deque<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void run(int n) {
            for (int i = 0; i < n; i++) {
                tasks.remove().run();
            }
        }

        int runPending() {
            int n = 0;
            for (Runnable r; (r = tasks.poll()) != null; n++) {
                r.run();
            }
            return n;
        }

        @Override
        public InstantSource clock() {
            return InstantSource.fixed(Instant.EPOCH);
        }

        @Override
        public Timer schedule(Duration delay, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Timer scheduleAtFixedRate(Duration period, Runnable task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean inLoop() {
            return true;
        }
    }
}
