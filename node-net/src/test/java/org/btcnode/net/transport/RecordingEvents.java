package org.btcnode.net.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.btcnode.core.message.Message;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;

/**
 * Test {@link PeerEvents}: records every call, in order, in a queue a test can drain or wait on
 * (bounded waits only). Optionally answers messages through {@link #onMessage(BiConsumer)},
 * standing in for node logic. Thread-safe: the node loop records, the test thread reads.
 */
final class RecordingEvents implements PeerEvents {

    /** One call: its kind ("connected", "message", "violation", "sent", "disconnected", "connect-failed"). */
    record Event(String kind, PeerId peer, Object value, int wireBytes) {
        @Override
        public String toString() {
            return kind + " " + value + (wireBytes > 0 ? " (" + wireBytes + " bytes)" : "") + " peer=" + peer;
        }
    }

    /** Long enough for a loaded 2-core machine; a test that waits this long has failed anyway. */
    static final long WAIT_SECONDS = 20;

    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final List<Event> all = new ArrayList<>();
    private final Map<PeerId, PeerConnection> connections = new ConcurrentHashMap<>();
    private volatile BiConsumer<PeerConnection, Message> responder = (c, m) -> { };
    private volatile Consumer<PeerConnection> greeter = c -> { };

    /** Calls {@code greeter} for each new connection, on the node loop, after recording it. */
    RecordingEvents onConnected(Consumer<PeerConnection> greeter) {
        this.greeter = greeter;
        return this;
    }

    /** Calls {@code responder} for each message, on the node loop, after recording it. */
    RecordingEvents onMessage(BiConsumer<PeerConnection, Message> responder) {
        this.responder = responder;
        return this;
    }

    @Override
    public void onConnected(PeerConnection connection) {
        connections.put(connection.id(), connection);
        record(new Event("connected", connection.id(), connection.connectionType(), 0));
        greeter.accept(connection);
    }

    @Override
    public void onMessage(PeerId peer, Message message, int wireBytes) {
        record(new Event("message", peer, message, wireBytes));
        PeerConnection c = connections.get(peer);
        if (c != null) {
            responder.accept(c, message);
        }
    }

    @Override
    public void onViolation(PeerId peer, Violation violation, String detail) {
        record(new Event("violation", peer, violation, 0));
    }

    @Override
    public void onSent(PeerId peer, String command, int wireBytes) {
        record(new Event("sent", peer, command, wireBytes));
    }

    @Override
    public void onDisconnected(PeerId peer) {
        record(new Event("disconnected", peer, null, 0));
    }

    @Override
    public void onConnectFailed(PeerId peer, String reason) {
        record(new Event("connect-failed", peer, reason, 0));
    }

    private synchronized void record(Event e) {
        all.add(e);
        queue.add(e);
    }

    /** Every call so far, in order. */
    synchronized List<Event> all() {
        return List.copyOf(all);
    }

    PeerConnection connection(PeerId peer) {
        return connections.get(peer);
    }

    /** Drains what is queued now, without waiting. */
    List<Event> drain() {
        List<Event> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    /** Waits (bounded) for the next event that matches, skipping the others; fails if none comes. */
    Event await(Predicate<Event> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            long left = deadline - System.nanoTime();
            Event e = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            assertThat(e).as("waiting for %s; got so far %s", what, all()).isNotNull();
            if (wanted.test(e)) {
                return e;
            }
        }
    }

    Event await(String kind, PeerId peer) throws InterruptedException {
        return await(e -> e.kind().equals(kind) && (peer == null || e.peer().equals(peer)), kind + " peer=" + peer);
    }

    /** The next message event of that command for {@code peer}. */
    Event awaitMessage(PeerId peer, String command) throws InterruptedException {
        return await(e -> e.kind().equals("message") && e.peer().equals(peer)
                && org.btcnode.core.message.Messages.command((Message) e.value()).equals(command),
                command + " from peer=" + peer);
    }

    /** How many recorded events for {@code peer} are of {@code kind}. */
    long count(String kind, PeerId peer) {
        return all().stream().filter(e -> e.kind().equals(kind) && e.peer().equals(peer)).count();
    }

    Optional<Event> first(String kind) {
        return all().stream().filter(e -> e.kind().equals(kind)).findFirst();
    }
}
