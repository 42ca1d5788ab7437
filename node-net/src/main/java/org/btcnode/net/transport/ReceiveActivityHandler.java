package org.btcnode.net.transport;

import java.time.Instant;
import java.time.InstantSource;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;

/**
 * First in the pipeline: notes when bytes last arrived, whole message or not, on the node's clock.
 * Core's {@code m_last_recv} counts any bytes, so a peer that trickles a frame is not "silent"
 * for the inactivity checks; node logic reads the time through
 * {@link org.btcnode.net.peer.PeerConnection#lastReceived()}. One per channel, on its event loop.
 */
final class ReceiveActivityHandler extends ChannelInboundHandlerAdapter {
    /** When bytes last arrived on a channel. */
    static final AttributeKey<Instant> LAST_RECEIVED = AttributeKey.valueOf("btcnode.lastReceived");

    private final InstantSource clock;

    ReceiveActivityHandler(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.channel().attr(LAST_RECEIVED).set(clock.instant());
        ctx.fireChannelRead(msg);
    }
}
