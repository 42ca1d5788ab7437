package org.btcnode.net.transport;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * Last handler of a peer's pipeline: turns channel events into {@link PeerEvents} calls posted to
 * the {@link NodeLoop}, in the order they happened, and has the last word on errors. One per
 * channel, on its event loop; not sharable.
 *
 * <ul>
 *   <li>channel active → {@code onConnected} (v1: the transport is ready at once);</li>
 *   <li>each {@link DecodedMessage} → {@code onMessage}; each {@link MessageSent} → {@code onSent};</li>
 *   <li>each {@link ProtocolViolationException} user event (framer, message codec, send limit)
 *       → {@code onViolation}; a {@link Outcome#DISCONNECT} one also closes the channel (the
 *       framer has usually closed it already). {@link Outcome#DISCOURAGE} is left to node logic:
 *       a {@code noban} peer is neither discouraged nor disconnected (Core's
 *       MaybeDiscourageAndDisconnect);</li>
 *   <li>an {@link IdleStateEvent} → {@link Violation#INACTIVITY_TIMEOUT}, closed;</li>
 *   <li>channel inactive → {@code onDisconnected}, exactly once, and only after {@code onConnected}.</li>
 * </ul>
 *
 * <p>Receive budget ({@code -maxreceivebuffer}, Core's {@code fPauseRecv}): the wire bytes of
 * messages posted to node logic but not yet processed are counted; past the budget the channel
 * stops reading. The posted task takes its bytes off after {@code onMessage} returns; when the
 * count falls back to the budget, reading resumes (the switch itself always runs on the event
 * loop, which re-checks the count, so the two threads cannot leave the channel paused by a race).
 *
 * <p>Errors: a {@link ProtocolViolationException} is handled as its user event; an
 * {@link IOException} (reset by peer, broken pipe) is the peer's doing: one DEBUG line and the
 * channel closed. Anything else is our bug: ERROR with stack trace, channel closed. Nothing
 * reaches Netty's tail handler.
 */
public final class PeerHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LogCategory.NET.logger();

    private final PeerId id;
    private final ConnectionType type;
    private final NodeLoop loop;
    private final PeerEvents events;
    private final TransportOptions options;
    /** Wire bytes posted to node logic and not yet processed; written by both threads. */
    private final AtomicLong unprocessedBytes = new AtomicLong();
    /** Event-loop only. */
    private boolean connected;
    /** Event-loop only. */
    private boolean disconnected;
    private ChannelHandlerContext ctx;

    public PeerHandler(PeerId id, ConnectionType type, NodeLoop loop, PeerEvents events, TransportOptions options) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.events = Objects.requireNonNull(events, "events");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        if (ctx.channel().isActive()) {
            connected(ctx);             // added to a pipeline that is already up: no channelActive follows
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connected(ctx);
    }

    private void connected(ChannelHandlerContext ctx) {
        if (connected) {
            return;
        }
        connected = true;
        NettyPeerConnection connection = new NettyPeerConnection(ctx.channel(), id, type,
                options.maxSendBufferBytes());
        // Inbound: Core's AcceptConnection decides synchronously whether to take a socket (bans,
        // -maxconnections, eviction) before the peer exists. Those decisions live in node logic,
        // which runs on its own thread, so every accepted socket is reported here and node logic
        // closes the ones it refuses: the peer may have its first bytes read meanwhile, which are
        // counted against the receive budget like any others.
        loop.execute(() -> events.onConnected(connection));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DecodedMessage decoded)) {
            ReferenceCountUtil.release(msg);
            throw new IllegalStateException("unexpected " + msg.getClass().getName() + " at the end of the pipeline");
        }
        int wireBytes = decoded.wireBytes();
        long unprocessed = unprocessedBytes.addAndGet(wireBytes);
        if (unprocessed > options.maxReceiveBufferBytes() && ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(false);
            log.debug("receive buffer full ({} bytes unprocessed), pausing reads, peer={}", unprocessed, id);
        }
        loop.execute(() -> {
            try {
                events.onMessage(id, decoded.message(), wireBytes);
            } finally {
                processed(wireBytes);
            }
        });
    }

    /** On the node loop, after onMessage: takes the bytes off the budget, resumes reading if it fell back. */
    private void processed(int wireBytes) {
        long after = unprocessedBytes.addAndGet(-wireBytes);
        long limit = options.maxReceiveBufferBytes();
        if (after <= limit && after + wireBytes > limit && ctx.channel().isOpen()) {
            try {
                ctx.executor().execute(this::maybeResume);
            } catch (RejectedExecutionException shuttingDown) {
                // the transport is closing: the channel closes with it, nothing left to resume
            }
        }
    }

    /** On the event loop. */
    private void maybeResume() {
        ChannelConfig config = ctx.channel().config();
        if (ctx.channel().isOpen() && !config.isAutoRead()
                && unprocessedBytes.get() <= options.maxReceiveBufferBytes()) {
            log.debug("receive buffer drained, resuming reads, peer={}", id);
            config.setAutoRead(true);
        }
    }

    /** Wire bytes posted to node logic and not yet processed (for tests and statistics). */
    long unprocessedBytes() {
        return unprocessedBytes.get();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof MessageSent sent) {
            loop.execute(() -> events.onSent(id, sent.command(), sent.wireBytes()));
        } else if (event instanceof ProtocolViolationException violation) {
            violation(ctx, violation);
        } else if (event instanceof IdleStateEvent idle) {
            // net.cpp InactivityCheck: "socket sending timeout" / "socket receive timeout".
            String detail = (idle.state() == IdleState.WRITER_IDLE ? "socket sending timeout: "
                    : "socket receive timeout: ") + options.inactivityTimeout().toSeconds() + "s";
            log.debug("{}, disconnecting peer={}", detail, id);
            violation(ctx, new ProtocolViolationException(Violation.INACTIVITY_TIMEOUT, detail));
        } else {
            ReferenceCountUtil.release(event); // nothing else is expected here; don't pass it to the tail
        }
    }

    private void violation(ChannelHandlerContext ctx, ProtocolViolationException e) {
        Violation violation = e.violation();
        String detail = e.getMessage();
        if (connected && !disconnected) {
            loop.execute(() -> events.onViolation(id, violation, detail));
        }
        if (violation.outcome() == Outcome.DISCONNECT) {
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && connected && !disconnected) {
            loop.execute(() -> events.onSendDrained(id));
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connected && !disconnected) {
            disconnected = true;
            loop.execute(() -> events.onDisconnected(id));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolationException violation) {
            log.debug("{}, peer={}", violation.getMessage(), id);
            violation(ctx, violation);
        } else if (root instanceof IOException) {
            // net.cpp: "socket recv error for peer=%d: %s" (peer reset or vanished): just close.
            log.debug("socket error: {}, peer={}", root.getMessage(), id);
            ctx.close();
        } else {
            log.error("internal error on connection, closing it: {}, peer={}", cause, id, cause);
            ctx.close();
        }
    }
}
