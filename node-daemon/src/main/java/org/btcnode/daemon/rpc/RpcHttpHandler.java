package org.btcnode.daemon.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.btcnode.core.log.LogCategory;
import org.btcnode.core.log.LogText;
import org.btcnode.core.message.NetAddress;
import org.btcnode.core.store.Subnet;
import org.btcnode.net.transport.NettyTransport;
import org.slf4j.Logger;

/**
 * One HTTP connection of the RPC server, on the event loop (httpserver.cpp http_request_cb and
 * httprpc.cpp HTTPReq_JSONRPC): client allowed (403), known method (405), path (404), POST only
 * (405 "JSONRPC server handles only POST requests"), credentials (401 with
 * {@code WWW-Authenticate: Basic realm="jsonrpc"}; a wrong one after {@link
 * RpcHttpServer#AUTH_FAILURE_DELAY}, scheduled on the event loop so no thread sleeps), then the
 * body goes to a worker (503 "Work queue depth exceeded" when the queue is full). Reading stops
 * while a request is answered, so pipelined requests are answered in order. New per channel.
 */
final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LogCategory.HTTP.logger();
    private static final Logger rpcLog = LogCategory.RPC.logger();
    private static final String WWW_AUTH_HEADER_DATA = "Basic realm=\"jsonrpc\"";

    private final RpcHttpServer.Setup setup;
    private final ExecutorService workers;

    RpcHttpHandler(RpcHttpServer.Setup setup, ExecutorService workers) {
        this.setup = setup;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
        String peerText = NettyTransport.hostPort(peer);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            reply(ctx, HttpResponseStatus.BAD_REQUEST, false, false);
            return;
        }
        if (!clientAllowed(peer)) {
            log.debug("HTTP request from {} rejected: Client network is not allowed RPC access", peerText);
            reply(ctx, HttpResponseStatus.FORBIDDEN, false, keepAlive);
            return;
        }
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.POST) && !method.equals(HttpMethod.HEAD)
                && !method.equals(HttpMethod.PUT)) {
            log.debug("HTTP request from {} rejected: Unknown HTTP request method", peerText);
            reply(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, false, keepAlive);
            return;
        }
        String path = pathOf(request.uri());
        log.debug("Received a {} request for {} from {}", method.name(),
                LogText.sanitize(path.length() > 100 ? path.substring(0, 100) : path), peerText);
        // httprpc.cpp registers "/" (exact) and "/wallet/" (prefix); wallet methods simply do not exist here
        if (!path.equals("/") && !path.startsWith("/wallet/")) {
            reply(ctx, HttpResponseStatus.NOT_FOUND, false, keepAlive);
            return;
        }
        if (!method.equals(HttpMethod.POST)) {
            replyText(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "JSONRPC server handles only POST requests",
                    keepAlive);
            return;
        }
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null) {
            reply(ctx, HttpResponseStatus.UNAUTHORIZED, true, keepAlive);
            return;
        }
        Optional<String> user = setup.auth().authenticate(authorization);
        if (user.isEmpty()) {
            rpcLog.warn("ThreadRPCServer incorrect password attempt from {}", peerText);
            ctx.channel().config().setAutoRead(false);
            ctx.executor().schedule(() -> reply(ctx, HttpResponseStatus.UNAUTHORIZED, true,
                    keepAlive), setup.authFailureDelay().toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        String body = request.content().toString(StandardCharsets.UTF_8);
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> answer(ctx, body, user.get(), keepAlive));
        } catch (RejectedExecutionException e) {
            log.warn("Request rejected because http work queue depth exceeded, it can be increased with the "
                    + "-rpcworkqueue= setting");
            replyText(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "Work queue depth exceeded", keepAlive);
        }
    }

    /**
     * On a worker: runs the request and encodes the reply's JSON to UTF-8 bytes here, so the one
     * event-loop thread only writes them (a getpeerinfo reply with 125 peers is ≈ 117 kB, and
     * encoding it on the event loop made every other connection wait for it).
     */
    private void answer(ChannelHandlerContext ctx, String body, String user, boolean keepAlive) {
        HttpResponseStatus status;
        ByteBuf content = Unpooled.EMPTY_BUFFER;
        String contentType = null;
        try {
            HttpRpc.Reply answer = setup.rpc().execute(body, user);
            status = HttpResponseStatus.valueOf(answer.status());
            if (answer.body().isPresent()) {
                content = jsonLine(answer.body().get(), ctx.alloc());
                contentType = "application/json";
            }
        } catch (RuntimeException e) {
            rpcLog.error("RPC request failed unexpectedly", e);
            status = HttpResponseStatus.INTERNAL_SERVER_ERROR;
        }
        ByteBuf reply = content;
        HttpResponseStatus replyStatus = status;
        String replyType = contentType;
        try {
            ctx.executor().execute(() -> write(ctx, replyStatus, reply, replyType, false, keepAlive));
        } catch (RejectedExecutionException e) {
            log.debug("RPC reply to {} dropped: the HTTP server is shutting down", ctx.channel().remoteAddress());
            reply.release();
        }
    }

    /** The JSON text and a newline (httprpc.cpp: {@code write() + "\n"}), as UTF-8 in one buffer. */
    private static ByteBuf jsonLine(JsonNode json, ByteBufAllocator alloc) {
        ByteBuf buffer = alloc.buffer();
        try {
            ByteBufOutputStream out = new ByteBufOutputStream(buffer);
            Json.write(json, out);
            out.write('\n');
            return buffer;
        } catch (IOException e) {
            buffer.release();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
    }

    /** httpserver.cpp ClientAllowed: the peer is in one of the allowed subnets (loopback by default). */
    private boolean clientAllowed(InetSocketAddress peer) {
        Optional<NetAddress> address = Subnet.fromInetAddress(peer.getAddress());
        return address.isPresent() && setup.allowed().stream().anyMatch(s -> s.contains(address.get()));
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private void replyText(ChannelHandlerContext ctx, HttpResponseStatus status, String text, boolean keepAlive) {
        write(ctx, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), "text/html; charset=ISO-8859-1",
                false, keepAlive);
    }

    /** A reply without a body (errors before the request reaches a worker). */
    private static void reply(ChannelHandlerContext ctx, HttpResponseStatus status, boolean authenticate,
                              boolean keepAlive) {
        write(ctx, status, Unpooled.EMPTY_BUFFER, null, authenticate, keepAlive);
    }

    private static void write(ChannelHandlerContext ctx, HttpResponseStatus status, ByteBuf content,
                              String contentType, boolean authenticate, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        if (authenticate) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, WWW_AUTH_HEADER_DATA);
        }
        HttpUtil.setContentLength(response, content.readableBytes());
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            } else {
                f.channel().config().setAutoRead(true);
                f.channel().read();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("RPC connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
