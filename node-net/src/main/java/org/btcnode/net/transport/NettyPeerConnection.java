package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.btcnode.core.message.Message;
import org.btcnode.core.message.Messages;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.peer.PeerConnection;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * {@link PeerConnection} over one Netty channel. Thread-safe: node logic calls it from its own
 * thread, every write runs on the channel's event loop. Made by {@link PeerHandler} when the
 * channel becomes active.
 *
 * <p>Send limit ({@code -maxsendbuffer}): node logic pauses bulk sends (blocks) while
 * {@link #sendPaused()} (Core's fPauseSend: the channel unwritable, its high water mark being the
 * limit). A message is refused, and the connection closed with {@link Violation#SEND_BUFFER_FULL},
 * when the bytes already waiting for the socket, less the largest message among them, exceed the
 * limit at the time it is written. So the queue never holds more than the limit plus one message
 * (at most {@link V1FrameCodec#MAX_PROTOCOL_MESSAGE_LENGTH} and a header): a block bigger than the
 * limit still goes out to a peer that reads, as in Core, where {@code fPauseSend} only stops
 * further processing once the queue is over the limit.
 */
final class NettyPeerConnection implements PeerConnection {

    private static final Logger log = LogCategory.NET.logger();

    /** What a channel that is not a socket (an EmbeddedChannel in tests) reports as its addresses. */
    private static final InetSocketAddress NO_ADDRESS = new InetSocketAddress(0);

    private final Channel channel;
    private final PeerId id;
    private final ConnectionType type;
    private final InetSocketAddress remoteAddress;
    private final InetSocketAddress localAddress;
    private final long maxSendBufferBytes;
    /** Sends handed to the event loop and not yet written to the channel (node-logic thread increments). */
    private final AtomicInteger scheduled = new AtomicInteger();

    NettyPeerConnection(Channel channel, PeerId id, ConnectionType type, long maxSendBufferBytes) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.remoteAddress = inet(channel.remoteAddress());
        this.localAddress = inet(channel.localAddress());
        this.maxSendBufferBytes = maxSendBufferBytes;
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
        return remoteAddress;
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public TransportProtocol transport() {
        return TransportState.of(channel).protocol();
    }

    @Override
    public String sessionId() {
        return TransportState.of(channel).sessionId();
    }

    @Override
    public boolean shouldReconnectV1() {
        return TransportState.of(channel).shouldReconnectV1();
    }

    @Override
    public void send(Message message) {
        Objects.requireNonNull(message, "message");
        if (!channel.isOpen()) {
            return;
        }
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            write(message);
        } else {
            scheduled.incrementAndGet();
            try {
                loop.execute(() -> {
                    scheduled.decrementAndGet();
                    write(message);
                });
            } catch (RejectedExecutionException shuttingDown) {
                scheduled.decrementAndGet();
                // the transport is closing and this channel with it: sending is a no-op, as once closed
            }
        }
    }

    /** On the event loop: the send-buffer check, then the write. */
    private void write(Message message) {
        if (!channel.isOpen()) {
            return;
        }
        long pending = pendingSendBytes();
        if (pending > maxSendBufferBytes && pending - largestQueued() > maxSendBufferBytes) {
            log.debug("send buffer full ({} bytes queued, limit {}), disconnecting peer={}", pending,
                    maxSendBufferBytes, id);
            // Through the pipeline, so that PeerHandler reports it and closes the channel.
            channel.pipeline().fireUserEventTriggered(new ProtocolViolationException(Violation.SEND_BUFFER_FULL,
                    "send buffer full (" + pending + " bytes queued, limit " + maxSendBufferBytes + ", next "
                            + Messages.command(message) + ")"));
            return;
        }
        channel.writeAndFlush(message).addListener((ChannelFutureListener) this::writeDone);
    }

    private void writeDone(ChannelFuture future) {
        Throwable cause = future.cause();
        // A write that fails because the socket closed is no news: onDisconnected follows. Any other
        // failure (a message that cannot be encoded) is our bug and goes to PeerHandler's last word.
        if (cause != null && !(cause instanceof IOException)) {
            channel.pipeline().fireExceptionCaught(cause);
        }
    }

    /**
     * The largest message still queued: a block bigger than -maxsendbuffer may sit in the queue
     * without the small messages after it (a ping, an inv) counting as overflow. Only looked at
     * when the queue is over the limit.
     */
    private long largestQueued() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        if (buffer == null) {
            return 0;
        }
        long[] largest = {0};
        try {
            buffer.forEachFlushedMessage(m -> {
                if (m instanceof ByteBuf b) {
                    largest[0] = Math.max(largest[0], b.readableBytes());
                }
                return true;
            });
        } catch (Exception e) {
            return 0;
        }
        return largest[0];
    }

    @Override
    public boolean sendPaused() {
        return scheduled.get() > 0 || !channel.isWritable();
    }

    @Override
    public Instant lastReceived() {
        Instant t = channel.attr(SocketActivityHandler.LAST_RECEIVED).get();
        return t == null ? Instant.EPOCH : t;
    }

    @Override
    public Instant lastSent() {
        Instant t = channel.attr(SocketActivityHandler.LAST_SENT).get();
        return t == null ? Instant.EPOCH : t;
    }

    @Override
    public long pendingSendBytes() {
        ChannelOutboundBuffer buffer = channel.unsafe().outboundBuffer();
        return buffer == null ? 0 : buffer.totalPendingWriteBytes();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "NettyPeerConnection(peer=" + id + ", " + type + ")";
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress a ? a : NO_ADDRESS;
    }
}
