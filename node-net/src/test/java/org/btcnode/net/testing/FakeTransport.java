package org.btcnode.net.testing;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.MessageType;
import org.btcnode.core.message.UnknownMessage;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.ManualNodeLoop;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerConnector;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;

/**
 * A transport made of plain objects for node-logic tests: it hands out connection ids as the
 * Netty transport would, and posts every {@link PeerEvents} call to the {@link ManualNodeLoop},
 * so tests see the same ordering as production. A message "on the wire" counts its 24-byte v1
 * header plus its encoded payload. Test thread only.
 */
public final class FakeTransport implements PeerConnector {
    /** Our side of every fake socket. */
    public static final InetSocketAddress LOCAL = new InetSocketAddress(ip("192.0.2.1"), 8333);

    private final ManualNodeLoop loop;
    private PeerEvents events;
    private long nextId;
    private final Map<PeerId, Dial> dials = new LinkedHashMap<>();

    /** One outbound connection asked for by node logic. */
    public record Dial(PeerId id, InetSocketAddress address, ConnectionType type, boolean v2) {}

    public FakeTransport(ManualNodeLoop loop) {
        this.loop = loop;
    }

    public void setEvents(PeerEvents events) {
        this.events = events;
    }

    @Override
    public PeerId connect(InetSocketAddress address, ConnectionType type, boolean v2) {
        PeerId id = PeerId.of(nextId++);
        dials.put(id, new Dial(id, address, type, v2));
        return id;
    }

    /** Every outbound attempt so far, in order. */
    public List<Dial> dials() {
        return new ArrayList<>(dials.values());
    }

    public List<Dial> dials(ConnectionType type) {
        return dials.values().stream().filter(d -> d.type() == type).toList();
    }

    /** The attempt succeeds: the transport reports the connection ready. */
    public FakeConnection complete(Dial dial) {
        FakeConnection c = new FakeConnection(dial.id(), dial.type(), dial.address(), LOCAL);
        loop.execute(() -> events.onConnected(c));
        loop.runPending();
        return c;
    }

    /** The attempt fails (refused, timed out). */
    public void fail(Dial dial) {
        loop.execute(() -> events.onConnectFailed(dial.id(), "Connection refused"));
        loop.runPending();
    }

    /** A peer connects to us from {@code remote}. */
    public FakeConnection inbound(InetSocketAddress remote) {
        return inbound(remote, LOCAL);
    }

    public FakeConnection inbound(InetSocketAddress remote, InetSocketAddress local) {
        FakeConnection c = new FakeConnection(PeerId.of(nextId++), ConnectionType.INBOUND, remote, local);
        loop.execute(() -> events.onConnected(c));
        loop.runPending();
        return c;
    }

    public static java.net.InetAddress ip(String literal) {
        try {
            return java.net.InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    public static InetSocketAddress socket(String literal, int port) {
        return new InetSocketAddress(ip(literal), port);
    }

    /** One fake connection: records what node logic sends and lets the test play the peer. */
    public final class FakeConnection implements PeerConnection {
        private final PeerId id;
        private final ConnectionType type;
        private final InetSocketAddress remote;
        private final InetSocketAddress local;
        private final List<Message> sent = new ArrayList<>();
        private boolean closed;
        private boolean reportSends = true;
        private boolean reportClose = true;
        private boolean disconnectReported;
        private boolean reconnectV1;

        FakeConnection(PeerId id, ConnectionType type, InetSocketAddress remote, InetSocketAddress local) {
            this.id = id;
            this.type = type;
            this.remote = remote;
            this.local = local;
        }

        @Override
        public PeerId id() {
            return id;
        }

        @Override
        public ConnectionType connectionType() {
            return type;
        }


        @Override
        public InetSocketAddress remoteAddress() {
            return remote;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        private TransportProtocol transport = TransportProtocol.V1;
        private Instant lastBytes = Instant.EPOCH;

        @Override
        public Instant lastReceived() {
            return lastBytes;
        }

        @Override
        public Instant lastSent() {
            return lastBytes;
        }

        private boolean sendPaused;

        @Override
        public boolean sendPaused() {
            return sendPaused;
        }

        /** The send queue is over -maxsendbuffer (true) or has drained, reported to node logic (false). */
        public void setSendPaused(boolean paused) {
            sendPaused = paused;
            if (!paused) {
                loop.execute(() -> events.onSendDrained(id));
                loop.runPending();
            }
        }

        /** Bytes went both ways at {@code t} without a whole message (a v2 handshake under way). */
        public void bytesBothWays(Instant t) {
            lastBytes = t;
        }

        @Override
        public TransportProtocol transport() {
            return transport;
        }

        /** What the transport reports, e.g. DETECTING for a v2 handshake that has not finished. */
        public void setTransport(TransportProtocol value) {
            transport = value;
        }

        @Override
        public void send(Message message) {
            if (closed) {
                return;
            }
            sent.add(message);
            if (reportSends) {
                int bytes = wireBytes(message);
                String command = message.type().command();
                loop.execute(() -> events.onSent(id, command, bytes));
            }
        }

        @Override
        public long pendingSendBytes() {
            return 0;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (reportClose) {
                reportDisconnect();
            }
        }

        public boolean isClosed() {
            return closed;
        }

        /** The peer sends {@code message}; node logic processes it now. */
        public void receive(Message message) {
            int bytes = wireBytes(message);
            loop.execute(() -> events.onMessage(id, message, bytes));
            loop.runPending();
        }

        @Override
        public boolean shouldReconnectV1() {
            return reconnectV1;
        }

        /** A v1-only peer closes our v2 attempt: nothing received, our key sent (ShouldReconnectV1). */
        public void remoteCloseAsV1Only() {
            reconnectV1 = true;
            remoteClose();
        }

        /** The peer closes the connection (or the socket finally reports our close). */
        public void remoteClose() {
            closed = true;
            reportDisconnect();
            loop.runPending();
        }

        private void reportDisconnect() {
            if (!disconnectReported) {
                disconnectReported = true;
                loop.execute(() -> events.onDisconnected(id));
            }
        }

        /** From now on the socket never drains: sends are queued but never reported written. */
        public void stopReportingSends() {
            reportSends = false;
        }

        /** From now on our close() is not followed by onDisconnected (the peer stays "disconnecting"). */
        public void stopReportingClose() {
            reportClose = false;
        }

        public List<Message> sent() {
            return List.copyOf(sent);
        }

        public List<MessageType> sentTypes() {
            return sent.stream().map(Message::type).toList();
        }

        public <T extends Message> List<T> sent(Class<T> type) {
            return sent.stream().filter(type::isInstance).map(type::cast).toList();
        }

        public void clearSent() {
            sent.clear();
        }
    }

    static int wireBytes(Message message) {
        if (message instanceof UnknownMessage u) {
            return 24 + u.payload().size();
        }
        return 24 + message.type().encode(message).length;
    }
}
