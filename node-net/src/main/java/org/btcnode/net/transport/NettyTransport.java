package org.btcnode.net.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.btcnode.core.params.NetworkParameters;
import org.btcnode.net.connman.ConnectionType;
import org.btcnode.net.logic.NodeLoop;
import org.btcnode.net.peer.PeerConnector;
import org.btcnode.net.peer.PeerEvents;
import org.btcnode.net.peer.PeerId;
import org.slf4j.Logger;
import org.btcnode.core.log.LogCategory;

/**
 * The node's sockets: one Netty event-loop group (native epoll where available, NIO otherwise,
 * chosen once at construction and logged), listening sockets ({@link #listen}) and outbound
 * connections ({@link #connect}). Every connection reports to node logic through
 * {@link PeerEvents}, posted to the {@link NodeLoop}. Peer ids come from one counter shared by
 * inbound and outbound connections, as Core's {@code GetNewNodeId}.
 *
 * <p>Thread-safe: {@link #connect} is called from node logic and never blocks; {@link #listen}
 * and {@link #close} block and belong to start-up and shutdown.
 */
public final class NettyTransport implements PeerConnector, AutoCloseable {

    private static final Logger log = LogCategory.NET.logger();

    private final NetworkParameters params;
    private final TransportOptions options;
    private final NodeLoop loop;
    private final PeerEvents events;
    private final ByteBufAllocator allocator;
    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> socketChannelClass;
    private final Class<? extends ServerChannel> serverChannelClass;
    private final ChannelGroup channels = new DefaultChannelGroup("btcnode-peers", GlobalEventExecutor.INSTANCE);
    private final AtomicLong nextId = new AtomicLong();
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    public NettyTransport(NetworkParameters params, TransportOptions options, NodeLoop loop, PeerEvents events) {
        this(params, options, loop, events, ByteBufAllocator.DEFAULT);
    }

    /** With a given buffer allocator: tests pass a counting one to prove every buffer is released. */
    NettyTransport(NetworkParameters params, TransportOptions options, NodeLoop loop, PeerEvents events,
            ByteBufAllocator allocator) {
        this.allocator = Objects.requireNonNull(allocator, "allocator");
        this.params = Objects.requireNonNull(params, "params");
        this.options = Objects.requireNonNull(options, "options");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.events = Objects.requireNonNull(events, "events");
        IoHandlerFactory ioHandler;
        if (options.nativeTransport() && Epoll.isAvailable()) {
            ioHandler = EpollIoHandler.newFactory();
            socketChannelClass = EpollSocketChannel.class;
            serverChannelClass = EpollServerSocketChannel.class;
            log.info("Using epoll transport");
        } else {
            ioHandler = NioIoHandler.newFactory();
            socketChannelClass = NioSocketChannel.class;
            serverChannelClass = NioServerSocketChannel.class;
            log.info("Using NIO transport");
            if (options.nativeTransport()) {
                log.debug("epoll unavailable: {}", String.valueOf(Epoll.unavailabilityCause()));
            }
        }
        group = new MultiThreadIoEventLoopGroup(options.ioThreads(), ioHandler);
    }

    /** True when this transport runs on native epoll, false for NIO. */
    public boolean usesEpoll() {
        return socketChannelClass == EpollSocketChannel.class;
    }

    /**
     * Listens on {@code bind} (port 0: any free port) and returns the address actually bound.
     * Every accepted connection is an {@link ConnectionType#INBOUND} peer. Blocks until bound.
     *
     * @throws IOException when the address cannot be bound (in use, not ours, no permission)
     */
    public InetSocketAddress listen(InetSocketAddress bind) throws IOException {
        Objects.requireNonNull(bind, "bind");
        checkOpen();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(serverChannelClass)
                .option(ChannelOption.SO_REUSEADDR, true)                  // net.cpp BindListenPort
                .option(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.TCP_NODELAY, true)              // net.cpp: Nagle off on every peer socket
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .childHandler(new PeerChannelInitializer(params, options, loop, events, ConnectionType.INBOUND,
                        this::newId, channels::add, options.v2Transport(), random));
        ChannelFuture future = bootstrap.bind(bind).awaitUninterruptibly();
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            // net.cpp BindListenPort: "Unable to bind to %s on this computer (bind returned error %s)"
            throw new IOException("Unable to bind to " + hostPort(bind) + " on this computer (bind returned error "
                    + cause.getMessage() + ")", cause);
        }
        Channel server = future.channel();
        channels.add(server);
        InetSocketAddress bound = (InetSocketAddress) server.localAddress();
        log.info("Bound to {}", hostPort(bound));
        return bound;
    }

    /**
     * Opens an outbound connection, never blocking; BIP 324 if {@code v2} and the transport has v2
     * enabled, else v1. The returned id is the peer's: node logic gets
     * {@code onConnected} for it, or {@code onConnectFailed} when the TCP connect fails or does not
     * finish within the connect timeout. {@code address} must be resolved (no DNS on an event loop).
     */
    @Override
    public PeerId connect(InetSocketAddress address, ConnectionType type, boolean v2) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (type == ConnectionType.INBOUND) {
            throw new IllegalArgumentException("an outbound connection cannot be INBOUND");
        }
        PeerId id = newId();
        if (closed) {
            failed(id, "transport closed");
            return id;
        }
        if (address.isUnresolved()) {
            failed(id, "address not resolved");
            return id;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(socketChannelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
                .option(ChannelOption.ALLOCATOR, allocator)
                .handler(new PeerChannelInitializer(params, options, loop, events, type, () -> id, channels::add,
                        v2 && options.v2Transport(), random));
        bootstrap.connect(address).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                failed(id, reason(future.cause()));
            }
        });
        return id;
    }

    private void failed(PeerId id, String reason) {
        log.debug("connection attempt failed: {}, peer={}", reason, id);
        loop.execute(() -> events.onConnectFailed(id, reason));
    }

    /** Why a connect failed, without the address (which is logged only with -logips). */
    private String reason(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return "connection timeout after " + options.connectTimeout().toMillis() + " ms";
        }
        String message = cause.getMessage();
        if (message == null) {
            return cause.getClass().getSimpleName();
        }
        // Netty appends the address ("Connection refused: /127.0.0.1:8333", "host/1.2.3.4:8333")
        int cut = message.lastIndexOf(": ");
        return cut > 0 && message.indexOf('/', cut) > 0 ? message.substring(0, cut) : message;
    }

    /**
     * Writability follows -maxsendbuffer: unwritable over it (Core's fPauseSend), writable again
     * under half of it, when node logic hears {@code onSendDrained}.
     */
    private WriteBufferWaterMark waterMark() {
        int high = (int) Math.min(Integer.MAX_VALUE, options.maxSendBufferBytes());
        return new WriteBufferWaterMark(Math.max(1, high / 2), Math.max(1, high));
    }

    private PeerId newId() {
        return PeerId.of(nextId.getAndIncrement());
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("transport closed");
        }
    }

    /**
     * Closes every listening socket and connection (node logic gets {@code onDisconnected} for
     * each) and stops the event loops. Blocks up to a few seconds. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }

    /** Core's CService::ToStringAddrPort: "127.0.0.1:8333", "[::1]:8333", no leading slash. */
    public static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + compressIpv6(host) + "]" : host) + ":" + address.getPort();
    }

    /** RFC 5952 short form, as Core prints IPv6: the longest run of two or more zero groups becomes "::". */
    static String compressIpv6(String full) {
        int percent = full.indexOf('%');
        String zone = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        if (groups.length != 8) {
            return full;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j].replaceFirst("^0+", "").isEmpty()) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            String g = groups[i].replaceFirst("^0+(?=.)", "");
            sb.append(g);
        }
        return sb + zone;
    }
}
