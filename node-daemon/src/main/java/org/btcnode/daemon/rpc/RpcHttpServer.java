package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.btcnode.core.log.LogCategory;
import org.btcnode.core.store.Subnet;
import org.slf4j.Logger;

/**
 * The HTTP side of the RPC server (Core's httpserver.cpp on libevent, here on Netty's HTTP/1.1
 * codec): one event-loop thread accepts and parses requests (as libevent's one thread does),
 * checks the client's address against -rpcallowip, the path, the method and the credentials,
 * and hands the body to {@code -rpcthreads} workers through a queue of {@code -rpcworkqueue}
 * slots; a full queue is answered 503 at once. Bodies over {@link #MAX_SIZE} are refused with
 * 413 by the aggregator before they are buffered. Started once, closed once.
 */
public final class RpcHttpServer implements AutoCloseable {
    private static final Logger log = LogCategory.HTTP.logger();
    /** serialize.h MAX_SIZE: libevent's max body size in httpserver.cpp. */
    public static final int MAX_SIZE = 0x02000000;
    /** httpserver.cpp: MAX_HEADERS_SIZE, the largest request line plus headers. */
    static final int MAX_HEADERS_SIZE = 8192;
    /** httprpc.cpp: a wrong password is answered after 250 ms, to slow down guessing. */
    public static final Duration AUTH_FAILURE_DELAY = Duration.ofMillis(250);

    /** Everything the server needs; {@code allowed} already holds the loopback defaults. */
    public record Setup(List<InetSocketAddress> bind, List<Subnet> allowed, RpcAuth auth, HttpRpc rpc,
                        int threads, int workQueueDepth, Duration authFailureDelay) {
        public Setup {
            bind = List.copyOf(bind);
            allowed = List.copyOf(allowed);
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(rpc, "rpc");
            Objects.requireNonNull(authFailureDelay, "authFailureDelay");
            if (threads < 1 || workQueueDepth < 1) {
                throw new IllegalArgumentException("threads and work queue depth must be positive");
            }
        }
    }

    private final Setup setup;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final ChannelGroup channels = new DefaultChannelGroup("rpc", GlobalEventExecutor.INSTANCE);
    private final List<InetSocketAddress> bound = new ArrayList<>();
    private boolean closed;

    private RpcHttpServer(Setup setup) {
        this.setup = setup;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("btcnode-http", true),
                NioIoHandler.newFactory());
        AtomicInteger workerIds = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(setup.threads(), setup.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(setup.workQueueDepth()), r -> {
                    Thread t = new Thread(r, "btcnode-httpworker." + workerIds.getAndIncrement());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * httpserver.cpp HTTPBindAddresses: binds every address (logging "Binding RPC on address …");
     * a failed bind is a warning as long as one succeeds, else an IOException.
     */
    public static RpcHttpServer start(Setup setup) throws IOException {
        RpcHttpServer server = new RpcHttpServer(setup);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(server.group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        server.channels.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(4096, MAX_HEADERS_SIZE, 8192),
                                new HttpObjectAggregator(MAX_SIZE),
                                new RpcHttpHandler(setup, server.workers));
                    }
                });
        for (InetSocketAddress address : setup.bind()) {
            String host = address.getAddress().getHostAddress();
            log.info("Binding RPC on address {} port {}", host, address.getPort());
            ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
            if (future.isSuccess()) {
                Channel channel = future.channel();
                server.channels.add(channel);
                server.bound.add((InetSocketAddress) channel.localAddress());
                if (address.getAddress().isAnyLocalAddress()) {
                    log.warn("The RPC server is not safe to expose to untrusted networks such as the public internet");
                }
            } else {
                log.warn("Binding RPC on address {} port {} failed.", host, address.getPort());
            }
        }
        if (server.bound.isEmpty()) {
            server.close();
            throw new IOException("Unable to start HTTP server. See debug log for details.");
        }
        return server;
    }

    /** The addresses listened on, with the real ports. */
    public List<InetSocketAddress> boundAddresses() {
        return List.copyOf(bound);
    }

    /** Requests waiting for a worker now. */
    public int queueDepth() {
        return workers.getQueue().size();
    }

    /**
     * Stops accepting, lets running and queued requests finish (their replies are flushed), then
     * closes every connection and the event loop. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.stream().filter(c -> c instanceof io.netty.channel.ServerChannel).forEach(Channel::close);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
