package org.btcnode.net.transport;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;

/**
 * Builds the pipeline of one peer connection (STYLE.md §4): {@link ReceiveActivityHandler} (when
 * bytes last arrived) → {@link IdleStateHandler} (socket
 * inactivity only) → {@link V1FrameCodec} → {@link MessageCodec} → {@link PeerHandler}. Every
 * handler is new per channel. Used once per outbound connection (with that connection's id) and
 * once per listening socket (a new id per accepted channel). Runs on the channel's event loop.
 */
final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final NetworkParameters params;
    private final TransportOptions options;
    private final NodeLoop loop;
    private final PeerEvents events;
    private final ConnectionType type;
    private final Supplier<PeerId> ids;
    private final Consumer<SocketChannel> register;

    /**
     * @param ids gives the id of each channel initialised ({@code inbound}: the next id; outbound:
     *     the id {@code connect} returned)
     * @param register told of each channel, so the transport can close them all on shutdown
     */
    PeerChannelInitializer(NetworkParameters params, TransportOptions options, NodeLoop loop, PeerEvents events,
            ConnectionType type, Supplier<PeerId> ids, Consumer<SocketChannel> register) {
        this.params = Objects.requireNonNull(params, "params");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.events = Objects.requireNonNull(events, "events");
        this.type = Objects.requireNonNull(type, "type");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.register = Objects.requireNonNull(register, "register");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        PeerId id = ids.get();
        long idle = options.inactivityTimeout().toMillis();     // net.h TIMEOUT_INTERVAL: 20 minutes each way
        register.accept(ch);
        ch.pipeline().addLast(
                new ReceiveActivityHandler(loop.clock()),
                new IdleStateHandler(idle, idle, 0, TimeUnit.MILLISECONDS),
                new V1FrameCodec(params, id),
                new MessageCodec(id),
                new PeerHandler(id, type, loop, events, options));   // PeerHandler: last word on errors
    }
}
