package org.btcnode.net.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandler;
import io.netty.channel.ChannelPromise;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.btcnode.core.params.Magic;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * First framer of an inbound connection when v2 is enabled (Core's {@code KEY_MAYBE_V1} state): reads
 * at most 16 bytes and compares them with what a v1 peer sends first, the network magic and
 * {@code "version\0\0\0\0\0"}. At the first byte that differs it puts a responder
 * {@link Bip324Handler} in its place; when all 16 match, a {@link V1FrameCodec}. The pipeline
 * switches once (DESIGN.md); the bytes read so far stay in the cumulation, which
 * {@code ByteToMessageDecoder} hands to the new framer. Messages written meanwhile (node logic
 * sends nothing to an inbound peer before its version, but nothing is lost if it did) wait here and
 * go to the new framer in order. One per channel, on its event loop; not sharable.
 */
final class TransportDetector extends DuplexDecoder {

    private static final Logger log = LogCategory.NET.logger();

    private final byte[] v1Prefix;
    private final PeerId peer;
    private final TransportState state;
    private final Supplier<Bip324Handler> responder;
    private final Supplier<V1FrameCodec> v1;
    private final HeldWrites pending = new HeldWrites();

    TransportDetector(Magic magic, PeerId peer, TransportState state, Supplier<Bip324Handler> responder,
            Supplier<V1FrameCodec> v1) {
        byte[] command = "version\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII);
        this.v1Prefix = new byte[Magic.SIZE + command.length];
        System.arraycopy(magic.toByteArray(), 0, v1Prefix, 0, Magic.SIZE);
        System.arraycopy(command, 0, v1Prefix, Magic.SIZE, command.length);
        this.peer = Objects.requireNonNull(peer, "peer");
        this.state = Objects.requireNonNull(state, "state");
        this.responder = Objects.requireNonNull(responder, "responder");
        this.v1 = Objects.requireNonNull(v1, "v1");
    }

    /** The 16 bytes a v1 peer of this network starts with. */
    static int prefixLength() {
        return Magic.SIZE + RawMessage.COMMAND_SIZE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int n = Math.min(in.readableBytes(), v1Prefix.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(start + i) != v1Prefix[i]) {
                log.debug("v2 transport detected, peer={}", peer);
                switchTo(ctx, responder.get());
                return;
            }
        }
        if (n == v1Prefix.length) {
            log.debug("v1 transport detected, peer={}", peer);
            state.v1();
            switchTo(ctx, v1.get());
        }
    }

    /** Replaces this handler (its unread bytes go to {@code framer}) and hands over what was written. */
    private void switchTo(ChannelHandlerContext ctx, ChannelHandler framer) {
        ctx.pipeline().replace(this, PeerChannelInitializer.FRAMER, framer);
        ChannelHandlerContext framerCtx = ctx.pipeline().context(framer);
        ChannelOutboundHandler outbound = (ChannelOutboundHandler) framer;
        try {
            pending.drainTo((message, promise) -> outbound.write(framerCtx, message, promise));
            outbound.flush(framerCtx);
        } catch (Exception e) {
            framerCtx.fireExceptionCaught(e);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        pending.add(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        // nothing leaves before the transport is known
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        pending.fail();                  // only left over when the channel closed while detecting
    }
}
