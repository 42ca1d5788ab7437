package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;
import java.time.Instant;
import java.time.InstantSource;

/**
 * First in the pipeline: notes when bytes last arrived and when bytes last went out to the socket,
 * whole message or not, on the node's clock. Core's {@code m_last_recv} and {@code m_last_send}
 * count any bytes, so a peer that trickles a frame is not "silent", and a BIP 324 handshake (key,
 * garbage, terminator, version packet: no message) counts as sending; node logic reads the times
 * through {@link org.btcnode.net.peer.PeerConnection#lastReceived()} and
 * {@link org.btcnode.net.peer.PeerConnection#lastSent()}. One per channel, on its event loop.
 */
final class SocketActivityHandler extends ChannelDuplexHandler {
    /** When bytes last arrived on a channel. */
    static final AttributeKey<Instant> LAST_RECEIVED = AttributeKey.valueOf("btcnode.lastReceived");
    /** When bytes written on a channel last reached the socket. */
    static final AttributeKey<Instant> LAST_SENT = AttributeKey.valueOf("btcnode.lastSent");

    private final InstantSource clock;

    SocketActivityHandler(InstantSource clock) {
        this.clock = clock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ctx.channel().attr(LAST_RECEIVED).set(clock.instant());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf b && b.isReadable()) {
            ChannelPromise p = promise.unvoid();
            p.addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    f.channel().attr(LAST_SENT).set(clock.instant());
                }
            });
            ctx.write(msg, p);
        } else {
            ctx.write(msg, promise);
        }
    }
}
