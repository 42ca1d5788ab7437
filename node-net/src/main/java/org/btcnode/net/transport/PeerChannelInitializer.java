package org.btcnode.net.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.btcnode.net.peer.TransportProtocol;

/**
 * Builds the pipeline of one peer connection (STYLE.md §4): {@link SocketActivityHandler} (when
 * bytes last arrived and left) → {@link IdleStateHandler} (socket inactivity only) → the framer →
 * {@link MessageCodec} → {@link PeerHandler}. The framer, named {@link #FRAMER}, is
 * <ul>
 *   <li>outbound v1, or v2 disabled: a {@link V1FrameCodec};</li>
 *   <li>outbound v2: an initiating {@link Bip324Handler};</li>
 *   <li>inbound with v2 enabled: a {@link TransportDetector}, which replaces itself once with a
 *       responding {@code Bip324Handler} or a {@code V1FrameCodec} by the first bytes.</li>
 * </ul>
 * Every handler is new per channel. Used once per outbound connection (with that connection's id)
 * and once per listening socket (a new id per accepted channel). Runs on the channel's event loop.
 */
final class PeerChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** The pipeline name of the framer (v1, v2 or the detector that picks one). */
    static final String FRAMER = "framer";

    private final NetworkParameters params;
    private final TransportOptions options;
    private final NodeLoop loop;
    private final PeerEvents events;
    private final ConnectionType type;
    private final Supplier<PeerId> ids;
    private final Consumer<SocketChannel> register;
    private final boolean v2;
    private final SecureRandom random;

    /**
     * @param ids gives the id of each channel initialised ({@code inbound}: the next id; outbound:
     *     the id {@code connect} returned)
     * @param register told of each channel, so the transport can close them all on shutdown
     * @param v2 outbound: open with BIP 324; inbound: detect v1 or v2 (else v1 only)
     */
    PeerChannelInitializer(NetworkParameters params, TransportOptions options, NodeLoop loop, PeerEvents events,
            ConnectionType type, Supplier<PeerId> ids, Consumer<SocketChannel> register, boolean v2,
            SecureRandom random) {
        this.params = Objects.requireNonNull(params, "params");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.events = Objects.requireNonNull(events, "events");
        this.type = Objects.requireNonNull(type, "type");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.register = Objects.requireNonNull(register, "register");
        this.v2 = v2;
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        PeerId id = ids.get();
        long idle = options.inactivityTimeout().toMillis();     // net.h TIMEOUT_INTERVAL: 20 minutes each way
        register.accept(ch);
        ch.pipeline().addLast(
                new SocketActivityHandler(loop.clock()),
                new IdleStateHandler(idle, idle, 0, TimeUnit.MILLISECONDS));
        ch.pipeline().addLast(FRAMER, framer(ch, id));
        ch.pipeline().addLast(
                new MessageCodec(id),
                new PeerHandler(id, type, loop, events, options));   // PeerHandler: last word on errors
    }

    private ChannelHandler framer(SocketChannel ch, PeerId id) {
        if (!v2) {
            return new V1FrameCodec(params, id);
        }
        // Core's GetInfo: "detecting" until the peer's version packet (or v1 bytes) says which
        TransportState state = new TransportState(TransportProtocol.DETECTING);
        ch.attr(TransportState.KEY).set(state);
        boolean inbound = type == ConnectionType.INBOUND;
        if (!inbound) {
            return new Bip324Handler(params.magic(), true, id, state, random);
        }
        return new TransportDetector(params.magic(), id, state,
                () -> new Bip324Handler(params.magic(), false, id, state, random), () -> new V1FrameCodec(params, id));
    }
}
