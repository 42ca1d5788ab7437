package org.btcnode.net.transport;

import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;

/**
 * Writes a framer holds back until its transport is ready (the detector until it knows v1 from
 * v2, a v2 handler until the peer's key is in), in order. Each is either handed on once or, when
 * the channel closes first, released with its promise failed. One per handler, on its event loop.
 */
final class HeldWrites {
    /** What to do with each held write once the transport is ready. */
    interface Sink {
        void write(Object message, ChannelPromise promise) throws Exception;
    }

    private record Held(Object message, ChannelPromise promise) {}

    private final ArrayDeque<Held> queue = new ArrayDeque<>();

    void add(Object message, ChannelPromise promise) {
        queue.add(new Held(message, promise));
    }

    /** Hands every held write to {@code sink}, oldest first. */
    void drainTo(Sink sink) throws Exception {
        while (!queue.isEmpty()) {
            Held h = queue.poll();
            sink.write(h.message(), h.promise());
        }
    }

    /** The channel closed first: each held message released, each promise failed. */
    void fail() {
        while (!queue.isEmpty()) {
            Held h = queue.poll();
            ReferenceCountUtil.release(h.message());
            h.promise().tryFailure(new ClosedChannelException());
        }
    }
}
